/**
 * The Prepare page: the data profile of one source and market (`core/data-profile/`, the numbers of
 * `GET /api/data/profile`), and a plain form that saves it as a preparation — the cleaning suggestions as
 * checkboxes (ticked when the profile suggests dropping the column), the media response of each paid spend,
 * several derived channels (each a total of named columns, optionally tagged), a name and the goal's type.
 * A run starts from the saved preparation with `data: { preparation }`.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { MmmError } from "../../common/errors.ts";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import type { Preparation } from "../../core/preparations/preparation.ts";
import type { SessionData } from "../viewer-env.ts";
import { CsrfField } from "./components/csrf-field.tsx";
import { FieldProblem } from "./components/field-problem.tsx";
import { SeriesSparkline } from "./components/series-sparkline.tsx";
import { VifGroups } from "./components/vif-groups.tsx";

/** One derived-channel row of the form, as typed (the sum as the comma-separated text). */
export interface DerivedRow {
  name: string;
  sum: string;
  tag: string;
}

/** Empty derived-channel rows the form always offers below the filled ones. */
const SPARE_DERIVED_ROWS = 2;

export interface PrepareForm {
  table: string;
  dataset: string;
  /** A read-only SQL query over the warehouse. */
  sql: string;
  market: string;
  goal: string;
  /** Secondary goal columns, separated by commas, as typed. */
  secondary: string;
  /** The derived channels typed in a refused form, shown again. */
  derived?: readonly DerivedRow[];
}

export interface PrepareProps {
  session: SessionData;
  form: PrepareForm;
  profile?: DataProfile;
  saved?: Preparation;
  error?: MmmError;
  /** The run form as posted, when the run was refused. */
  run?: RunChoice;
}

/** What the run form asks: the goal and the search's budget, as typed. */
export interface RunChoice {
  dep_var: string;
  iterations: string;
  trials: string;
}

const number = (value: number | null | undefined): string =>
  value === null || value === undefined ? "—" : Number.isFinite(value) ? value.toPrecision(3) : "∞";

export const PreparePage: FC<PrepareProps> = ({ session, form, profile, saved, error, run }) => (
  <>
    <h1>Prepare data</h1>
    <form class="card stack" method="get" action="/prepare">
      <p>
        Profile a warehouse table, an uploaded dataset or a SQL query for one market against its goal, then
        save a preparation.
      </p>
      <label>
        Warehouse table{" "}
        <input type="text" name="table" value={form.table} placeholder="DEMO.SIMULATED_WEEKLY" />
      </label>
      <label>
        Or dataset (NAME or NAME@VERSION) <input type="text" name="dataset" value={form.dataset} />
      </label>
      <label class="sql-source">
        Or a SQL query: one read-only SELECT or WITH statement over the warehouse
        <textarea name="sql" rows={3}>
          {form.sql}
        </textarea>
      </label>
      <label>
        Market <input type="text" name="market" value={form.market} maxlength={2} placeholder="US" required />
      </label>
      <label>
        Goal column <input type="text" name="goal" value={form.goal} placeholder="revenue" />
      </label>
      <label>
        Secondary goals (columns, separated by commas){" "}
        <input type="text" name="secondary" value={form.secondary} placeholder="orders" />
      </label>
      <button type="submit">Profile</button>
    </form>
    {error && (
      <p class="card problem" role="alert" data-field={error.field ?? ""}>
        <strong>{error.field ? `${error.field}: ` : ""}</strong>
        {error.message}
      </p>
    )}
    {saved && (
      <p class="card" role="status" data-saved={saved.name}>
        Preparation <strong>{saved.name}</strong> saved: {saved.columns.length} columns kept,{" "}
        {saved.derived.length} derived, {saved.paid_media.length} paid channels. Start a run from it with{" "}
        <code>{`data: { "preparation": "${saved.name}" }`}</code>, or here.
      </p>
    )}
    {saved && (
      <StartRunForm
        session={session}
        preparation={saved}
        run={run ?? { dep_var: saved.goal.column, iterations: "2000", trials: "5" }}
      />
    )}
    {profile && <ProfileView profile={profile} session={session} form={form} error={error} />}
  </>
);

const ProfileView: FC<{
  profile: DataProfile;
  session: SessionData;
  form: PrepareForm;
  error: MmmError | undefined;
}> = ({ profile, session, form, error }) => {
  const spends = profile.columns.filter((c) => c.media_response !== undefined);
  const numbers = profile.columns.filter((c) => c.type === "number" && c.name !== profile.goal);
  return (
    <>
      <section class="card">
        <h2>
          {profile.source}, {profile.market}: {profile.rows} rows
          {profile.date_range ? `, ${profile.date_range.start} to ${profile.date_range.end}` : ""}
        </h2>
        <p>
          Condition number {number(profile.condition_number)} ({profile.condition_band ?? "not measured"});
          driver ratio {number(profile.driver_ratio.ratio)} ({profile.driver_ratio.band ?? "not measured"}).
        </p>
        <ul>
          {profile.findings.map((f) => (
            <li class={f.level}>{f.message}</li>
          ))}
        </ul>
        <table>
          <thead>
            <tr>
              <th>column</th>
              <th>role</th>
              <th>type</th>
              <th>nulls</th>
              <th>zeros</th>
              <th>distinct</th>
              <th>median</th>
              <th>over time</th>
              <th>ρ</th>
              <th>R²</th>
              <th>NMAE</th>
              <th>VIF</th>
            </tr>
          </thead>
          <tbody>
            {profile.columns.map((c) => (
              <tr data-column={c.name}>
                <td>{c.name}</td>
                <td>{c.role}</td>
                <td>{c.type}</td>
                <td>{c.nulls}</td>
                <td>{c.zeros}</td>
                <td>{c.distinct}</td>
                <td>{typeof c.median === "number" ? number(c.median) : (c.median ?? "—")}</td>
                <td>
                  {c.sparkline.length > 0 ? (
                    <SeriesSparkline
                      values={c.sparkline}
                      label={`${c.name} over time: ${number(c.min as number)} to ${number(c.max as number)}`}
                    />
                  ) : (
                    "—"
                  )}
                </td>
                <td>{number(c.spearman)}</td>
                <td>{number(c.r2)}</td>
                <td>{number(c.nmae)}</td>
                <td>{number(c.vif)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <VifGroups profile={profile} />
      {profile.secondary_goals.length > 0 && <SecondaryGoals profile={profile} />}
      <form class="card stack" method="post" action="/prepare">
        <CsrfField session={session} />
        <input type="hidden" name="table" value={form.table} />
        <input type="hidden" name="dataset" value={form.dataset} />
        <input type="hidden" name="sql" value={form.sql} />
        <input type="hidden" name="market" value={profile.market} />
        <input type="hidden" name="goal" value={profile.goal} />
        <input
          type="hidden"
          name="secondary"
          value={profile.secondary_goals.map((g) => g.column).join(",")}
        />
        <h2>Save a preparation</h2>
        <label>
          Name{" "}
          <input type="text" name="name" required pattern="[a-z0-9][a-z0-9_-]{0,63}" placeholder="us-clean" />
        </label>
        <label>
          Goal type
          <select name="goal_type">
            <option value="revenue">revenue (ROAS)</option>
            <option value="conversion">conversion (CPA)</option>
          </select>
        </label>
        {profile.secondary_goals.map((g) => (
          <label>
            Type of secondary goal {g.column}
            <select name={`secondary_type:${g.column}`}>
              <option value="revenue">revenue (ROAS)</option>
              <option value="conversion">conversion (CPA)</option>
            </select>
          </label>
        ))}
        <fieldset>
          <legend>Cleaning: columns to leave out</legend>
          {profile.cleaning.length === 0 && <p>The profile suggests no cleaning.</p>}
          {profile.cleaning.map((s) => (
            <label>
              <input type="checkbox" name={`drop:${s.column}`} checked={s.action === "drop"} /> {s.column} —{" "}
              {s.reason}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Media response per paid spend</legend>
          {spends.map((c) => (
            <label>
              {c.name}
              <select name={`response:${c.name}`}>
                {c.media_response!.options.map((o) => (
                  <option value={o.column} selected={o.column === c.media_response!.chosen}>
                    {o.column} ({o.kind}, ρ {number(o.spearman)}, R² {number(o.r2)})
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Derived channels (optional): totals of number columns</legend>
          <p class="note">
            Each filled row adds a column: the row-wise sum of the columns named (a channel total, or the
            columns sharing a tag, which labels it). Empty rows are ignored; the parts stay in the model
            unless you leave them out above.
          </p>
          {derivedRows(form.derived ?? []).map((row, i) => (
            <div class="derived-row" data-derived-row={i}>
              <label>
                Name{" "}
                <input type="text" name={`derived[${i}].name`} value={row.name} placeholder="offline_S" />
              </label>
              <label>
                Columns to add up, separated by commas
                <input
                  type="text"
                  name={`derived[${i}].sum`}
                  value={row.sum}
                  list="prepare-columns"
                  placeholder="tv_S, ooh_S"
                />
              </label>
              <label>
                Tag <input type="text" name={`derived[${i}].tag`} value={row.tag} placeholder="offline" />
              </label>
              {error?.field?.startsWith(`derived[${i}]`) && <FieldProblem problem={error} />}
            </div>
          ))}
          <datalist id="prepare-columns">
            {numbers.map((c) => (
              <option value={c.name} />
            ))}
          </datalist>
        </fieldset>
        <button type="submit" data-action="save-preparation">
          Save preparation
        </button>
      </form>
    </>
  );
};

/** The rows typed, then `SPARE_DERIVED_ROWS` empty ones. */
function derivedRows(typed: readonly DerivedRow[]): DerivedRow[] {
  const filled = typed.filter((r) => r.name !== "" || r.sum !== "" || r.tag !== "");
  return [
    ...filled,
    ...Array.from({ length: SPARE_DERIVED_ROWS + (filled.length === 0 ? 1 : 0) }, () => ({
      name: "",
      sum: "",
      tag: "",
    })),
  ];
}

/** Each secondary goal's fit to every variable, as the profile table gives the main goal's. */
const SecondaryGoals: FC<{ profile: DataProfile }> = ({ profile }) => (
  <section class="card" id="secondary-goals">
    <h2>Secondary goals</h2>
    <p class="note">
      Never regressors here, and never in a preparation's model; a run from the preparation can explain one of
      them instead of {profile.goal}.
    </p>
    {profile.secondary_goals.map((g) => (
      <div data-secondary-goal={g.column}>
        <h3>{g.column}</h3>
        <table>
          <thead>
            <tr>
              <th>column</th>
              <th>role</th>
              <th>ρ</th>
              <th>R²</th>
              <th>NMAE</th>
            </tr>
          </thead>
          <tbody>
            {g.fits.map((f) => (
              <tr data-fit={f.column}>
                <td>{f.column}</td>
                <td>{f.role}</td>
                <td>{number(f.spearman)}</td>
                <td>{number(f.r2)}</td>
                <td>{number(f.nmae)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ))}
  </section>
);

/** A run from the saved preparation: the goal (the main one or a secondary one) and the search's budget. */
const StartRunForm: FC<{ session: SessionData; preparation: Preparation; run: RunChoice }> = ({
  session,
  preparation,
  run,
}) => (
  <form class="card stack" method="post" action="/prepare/runs" id="start-run">
    <CsrfField session={session} />
    <input type="hidden" name="preparation" value={preparation.name} />
    <h2>Start a run from {preparation.name}</h2>
    <label>
      Goal
      <select name="dep_var">
        {[preparation.goal, ...preparation.secondary_goals].map((g, i) => (
          <option value={g.column} selected={g.column === run.dep_var}>
            {g.column} ({g.type}
            {i === 0 ? ", main goal" : ", secondary goal"})
          </option>
        ))}
      </select>
    </label>
    <label>
      Iterations <input type="number" name="iterations" value={run.iterations} min="1" />
    </label>
    <label>
      Trials <input type="number" name="trials" value={run.trials} min="1" />
    </label>
    <button type="submit" data-action="start-run">
      Start run
    </button>
  </form>
);
