/**
 * One dataset version: what was read (file, rows, date range, how it was parsed), its first rows with the
 * column types, the auto-mapping with the reason for each column, the data checks a run of the form's
 * settings makes, and the "New run" form (source → mapping → settings), prefilled from the auto-mapping.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { MmmError } from "../../common/errors.ts";
import { formatDatasetRef, type Dataset } from "../../core/datasets/dataset.ts";
import type { ProfileFinding } from "../../core/data-profile/data-profile.ts";
import type { CheckedRun } from "../../core/lifecycle/check-run.ts";
import type { MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import {
  ADSTOCK_CHOICES,
  FORM_ROLES,
  ROLE_LABELS,
  pairInput,
  roleInput,
  type RunFormValues,
} from "../data/dataset-run-form.ts";
import type { SessionData } from "../viewer-env.ts";
import { CsrfField } from "./components/csrf-field.tsx";
import { FieldProblem } from "./components/field-problem.tsx";
import { num, pct, when } from "./format.ts";

export interface DatasetChecks {
  /** What the run would read, as `POST /api/runs` checks it. */
  readonly ok?: CheckedRun["dataSummary"] & {
    warnings: readonly string[];
    country: string;
    /** The data profile's findings against the goal, worst first. */
    findings: readonly ProfileFinding[];
  };
  /** Why such a run would be refused. */
  readonly problem?: MmmError;
}

/** The attributes that set one text input of the form apart from the others. */
interface TextAttrs {
  readonly inputmode?: "numeric";
  readonly maxlength?: number;
  readonly placeholder?: string;
}

interface Preview {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly mapping: MappingSuggestion;
}

/** Inputs of the settings step: a problem about one of them is shown beside it. */
const SETTINGS_INPUTS = [
  "country",
  "dep_var_type",
  "iterations",
  "trials",
  "window_start",
  "window_end",
  "adstock",
  "tag",
];
/** Problems about the mapping as a whole (RunSpec fields the roles fill). */
const MAPPING_FIELDS =
  /^(mapping|date_var|dep_var|paid_media_spends|paid_media_vars|organic_vars|context_vars|factor_vars|data\.country_column)\b/;

export const DatasetPage: FC<{
  session: SessionData;
  dataset: Dataset;
  versions: readonly Dataset[];
  preview: Preview;
  values: RunFormValues;
  checks?: DatasetChecks;
  problem?: MmmError;
}> = ({ session, dataset, versions, preview, values, checks, problem }) => {
  const ref = formatDatasetRef(dataset);
  const field = problem?.field ?? "";
  const at = (input: string) => (problem && field === input ? <FieldProblem problem={problem} /> : null);
  const invalid = (input: string) => (problem && field === input ? "true" : undefined);
  /** A text input of the form with its label, holding the value sent (or prefilled), marked if refused. */
  const textField = (name: string, label: string, attrs: TextAttrs = {}) => (
    <label>
      {label}
      <input
        type="text"
        inputmode={attrs.inputmode}
        name={name}
        maxlength={attrs.maxlength}
        placeholder={attrs.placeholder}
        value={values[name] ?? ""}
        aria-invalid={invalid(name)}
      />
    </label>
  );
  const mappingProblem = problem && MAPPING_FIELDS.test(field);
  const formProblem =
    problem && !mappingProblem && !SETTINGS_INPUTS.includes(field) && !field.startsWith("role:");
  const typeOf = new Map(dataset.columns.map((c) => [c.name, c.type]));
  const suggestion = new Map(preview.mapping.columns.map((c) => [c.column, c]));
  return (
    <>
      <nav class="crumbs">
        <a href="/datasets">Datasets</a> / <span>{ref}</span>
      </nav>
      <h1>Dataset {ref}</h1>
      <section class="card" id="read">
        <h2>What was read</h2>
        <dl class="facts">
          <dt>File</dt>
          <dd>
            {dataset.fileName} ({dataset.format}
            {dataset.sheet ? `, sheet ${dataset.sheet}` : ""}, {num(dataset.bytes / 1024, 0)} KB)
          </dd>
          <dt>Rows</dt>
          <dd data-fact="rows">{num(dataset.rows, 0)}</dd>
          <dt>Columns</dt>
          <dd>{dataset.columns.length}</dd>
          <dt>Dates</dt>
          <dd data-fact="dates">
            {dataset.dateRange.start} to {dataset.dateRange.end} (column {dataset.dateColumn})
          </dd>
          <dt>Uploaded</dt>
          <dd>
            {when(dataset.uploadedAt)} by {dataset.uploadedBy.name ?? dataset.uploadedBy.id}
          </dd>
          <dt>Versions</dt>
          <dd>
            {versions.map((v, i) => (
              <>
                {i > 0 && ", "}
                {v.version === dataset.version ? (
                  <strong>{v.version}</strong>
                ) : (
                  <a href={`/datasets/${formatDatasetRef(v)}`}>{v.version}</a>
                )}
              </>
            ))}
          </dd>
        </dl>
        {dataset.notes.length > 0 && (
          <ul class="note">
            {dataset.notes.map((note) => (
              <li>{note}</li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" id="rows">
        <h2>First rows</h2>
        <div class="table-wrap">
          <table data-table="preview">
            <thead>
              <tr>
                {preview.columns.map((column) => (
                  <th>
                    {column}
                    <br />
                    <small class="note" data-column-type={column}>
                      {typeOf.get(column) ?? ""}
                    </small>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr>
                  {row.map((cell) => (
                    <td>{cellText(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" id="mapping">
        <h2>Auto-mapping</h2>
        <div class="table-wrap">
          <table data-table="mapping">
            <thead>
              <tr>
                <th>Column</th>
                <th>Role</th>
                <th>Confidence</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {preview.mapping.columns.map((c) => (
                <tr data-column={c.column}>
                  <td>{c.column}</td>
                  <td>
                    {ROLE_LABELS[c.role]}
                    {c.pairedWith ? ` (${c.pairedWith})` : ""}
                  </td>
                  <td>{pct(c.confidence, 0)}</td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {preview.mapping.notes.length > 0 && (
          <ul class="warn">
            {preview.mapping.notes.map((note) => (
              <li>{note}</li>
            ))}
          </ul>
        )}
      </section>
      {checks && (
        <section class="card" id="checks" data-checks={checks.ok ? "ok" : "problem"}>
          <h2>Data checks</h2>
          {checks.problem && (
            <p class="warn" role="alert" data-field={checks.problem.field ?? ""}>
              {checks.problem.message}
            </p>
          )}
          {checks.ok && (
            <>
              <p class="ok">
                A run for {checks.ok.country} with the settings below passes the checks a run makes before it
                starts.
              </p>
              <dl class="facts">
                <dt>Source</dt>
                <dd>{checks.ok.source}</dd>
                <dt>Rows for {checks.ok.country}</dt>
                <dd>{num(checks.ok.rows, 0)}</dd>
                <dt>Interval</dt>
                <dd>{checks.ok.interval}</dd>
                <dt>Modelling window</dt>
                <dd>
                  {checks.ok.windowStart} to {checks.ok.windowEnd} ({checks.ok.windowRows} periods)
                </dd>
                <dt>Model variables</dt>
                <dd>{checks.ok.regressors}</dd>
              </dl>
              {checks.ok.findings.length > 0 && (
                <>
                  <h3>Findings of the data profile against the goal</h3>
                  <ul data-list="profile-findings">
                    {checks.ok.findings.map((finding) => (
                      <li class={finding.level === "problem" ? "warn" : undefined} data-level={finding.level}>
                        {finding.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {[...checks.ok.notes, ...checks.ok.warnings].length > 0 && (
                <ul data-list="findings">
                  {checks.ok.notes.map((note) => (
                    <li>{note}</li>
                  ))}
                  {checks.ok.warnings.map((warning) => (
                    <li class="warn">{warning}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
      )}
      <section class="card" id="new-run">
        <h2>New run</h2>
        <form class="stack wide" method="post" action={`/datasets/${ref}/runs`} data-form="new-run">
          <CsrfField session={session} />
          {formProblem && <FieldProblem problem={problem} />}
          <fieldset>
            <legend>1. Source</legend>
            <p>
              Dataset <code>{ref}</code>
            </p>
            {textField("country", "Country the run is for (its holidays; with a market column, its rows)", {
              maxlength: 2,
              placeholder: "DE",
            })}
            {at("country")}
          </fieldset>
          <fieldset>
            <legend>2. Mapping</legend>
            {mappingProblem && <FieldProblem problem={problem} />}
            <div class="table-wrap">
              <table data-table="roles">
                <thead>
                  <tr>
                    <th>Column</th>
                    <th>Type</th>
                    <th>Role</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((column) => {
                    const paired = values[pairInput(column)] ?? suggestion.get(column)?.pairedWith;
                    const exposure = suggestion.get(column)?.role === "paid_media_var" && paired;
                    return (
                      <tr>
                        <td>{column}</td>
                        <td>{typeOf.get(column) ?? ""}</td>
                        <td>
                          <select
                            name={roleInput(column)}
                            aria-label={`Role of ${column}`}
                            aria-invalid={invalid(roleInput(column))}
                          >
                            {FORM_ROLES.filter((role) => role !== "paid_media_var" || exposure).map(
                              (role) => (
                                <option value={role} selected={values[roleInput(column)] === role}>
                                  {role === "paid_media_var" ? `Exposure of ${paired}` : ROLE_LABELS[role]}
                                </option>
                              ),
                            )}
                          </select>
                          {exposure && <input type="hidden" name={pairInput(column)} value={paired} />}
                          {at(roleInput(column))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </fieldset>
          <fieldset>
            <legend>3. Settings</legend>
            <label>
              The goal is
              <select name="dep_var_type" aria-invalid={invalid("dep_var_type")}>
                <option value="revenue" selected={values.dep_var_type === "revenue"}>
                  revenue (ROAS is reported)
                </option>
                <option value="conversion" selected={values.dep_var_type === "conversion"}>
                  conversions (CPA is reported)
                </option>
              </select>
            </label>
            {at("dep_var_type")}
            <div class="pair">
              {textField("iterations", "Iterations per trial", { inputmode: "numeric" })}
              {textField("trials", "Trials", { inputmode: "numeric" })}
            </div>
            {at("iterations")}
            {at("trials")}
            <div class="pair">
              {textField("window_start", "Window start (default: the first date)", {
                placeholder: "YYYY-MM-DD",
              })}
              {textField("window_end", "Window end (default: the last date)", { placeholder: "YYYY-MM-DD" })}
            </div>
            {at("window_start")}
            {at("window_end")}
            <label>
              Adstock
              <select name="adstock" aria-invalid={invalid("adstock")}>
                {ADSTOCK_CHOICES.map((choice) => (
                  <option value={choice} selected={values.adstock === choice}>
                    {choice}
                  </option>
                ))}
              </select>
            </label>
            {at("adstock")}
            {textField("tag", "Tag (optional)", { maxlength: 100 })}
            {at("tag")}
          </fieldset>
          <div class="pair">
            <button type="submit" name="intent" value="check" class="secondary" data-action="check-run">
              Check the data
            </button>
            <button type="submit" name="intent" value="start" data-action="start-run">
              Start run
            </button>
          </div>
        </form>
      </section>
    </>
  );
};

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return num(cell, 3);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}
