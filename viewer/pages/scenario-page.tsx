/**
 * Forward scenarios of one model (`/runs/:id/models/:solID/scenarios`): a form for a spend plan ("last N weeks ×
 * multiplier", per channel or for all, or a CSV pasted or uploaded), the answer (table and chart: the projected
 * baseline, each medium's response with its range, the assumptions), the scenarios saved on the model, and two or
 * three of them side by side with a CSV export. One JSX template that reads top to bottom like the page, hence
 * its length.
 */
import type { FC } from "hono/jsx";
import type { SavedScenario } from "../../core/run-store/port.ts";
import type { Run } from "../../core/run.ts";
import type { ScenarioFormState, ScenarioInput } from "../results/scenario-form.ts";
import type { ScenarioComparison, ScenarioView } from "../results/scenario-view.ts";
import type { SessionData } from "../viewer-env.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { CsrfField } from "./components/csrf-field.tsx";
import { RunHeader } from "./components/run-header.tsx";
import { num, when } from "./format.ts";
import type { Spread } from "../../engine/scenario/index.ts";

export interface ScenarioPageProps {
  run: Run;
  solID: string;
  /** Paid channels by spend column: the per-channel multipliers. */
  channels: readonly string[];
  full: boolean;
  runVisible: boolean;
  session?: SessionData | undefined;
  form?: ScenarioFormState | undefined;
  /** The answer to show: the plan just sent, or the one saved scenario picked. */
  result?: { title: string; view: ScenarioView } | undefined;
  saved: readonly SavedScenario[];
  /** The saved scenarios picked to compare (their names), and the comparison when two or more. */
  picked: readonly string[];
  comparison?: ScenarioComparison | undefined;
  flash?: string | undefined;
}

const RANGE_SOURCE: Record<ScenarioView["rangeMethod"], string> = {
  recommended_intervals: "the recommended model's 80 % ROI intervals",
  near_optimal_models: "the run's near-optimal models",
  given_models: "the models given",
};

const Problem: FC<{ form: ScenarioFormState | undefined; input: ScenarioInput; channel?: string }> = ({
  form,
  input,
  channel,
}) =>
  form?.problem && form.problem.input === input && form.problem.channel === channel ? (
    <span class="warn" role="alert" data-field={channel ? `${input}:${channel}` : input}>
      {form.problem.message}
    </span>
  ) : null;

const Range: FC<{ spread: Spread }> = ({ spread }) => (
  <>
    <td>{num(spread.value, 0)}</td>
    <td class="range">
      {num(spread.low, 0)} – {num(spread.high, 0)}
    </td>
  </>
);

const Result: FC<{ title: string; view: ScenarioView }> = ({ title, view }) => (
  <section class="card" id="result">
    <h2>{title}</h2>
    <p>
      {view.dates.length} {view.interval}s from {view.dates[0]} to {view.dates[view.dates.length - 1]}:
      predicted total <strong data-total={String(view.total.value)}>{num(view.total.value, 0)}</strong> (range{" "}
      {num(view.total.low, 0)} – {num(view.total.high, 0)}) for a paid spend of {num(view.paidSpend, 0)}.
    </p>
    <div class="table-wrap">
      <table class="scenario-table">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Spend</th>
            <th>Response</th>
            <th>Range</th>
            <th>Carried over from history</th>
            <th>Added by the plan</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr data-medium={r.medium}>
              <td>
                {r.medium}
                {!r.paid && <span class="tag">organic</span>}
              </td>
              <td>{r.paid ? num(r.spend, 0) : "–"}</td>
              <Range spread={r.response} />
              <td>{num(r.fromHistory, 0)}</td>
              <td>{num(r.fromPlan, 0)}</td>
            </tr>
          ))}
          <tr data-medium="baseline">
            <td>
              Baseline <span class="tag">assumption</span>
            </td>
            <td>–</td>
            <td>{num(view.baseline, 0)}</td>
            <td class="range">–</td>
            <td colSpan={2}></td>
          </tr>
          <tr class="total" data-medium="total">
            <td>Total</td>
            <td>{num(view.paidSpend, 0)}</td>
            <Range spread={view.total} />
            <td colSpan={2}></td>
          </tr>
        </tbody>
      </table>
    </div>
    <Chart
      kind="scenario"
      dataKey="scenario"
      label="Predicted outcome per period: baseline and media, with the range"
    />
    <p>
      <a href="#result" data-png-of="scenario" download="scenario.png">
        Download the chart as PNG
      </a>
    </p>
    <p class="note">
      Range: from {RANGE_SOURCE[view.rangeMethod]}. {view.rangeExplanation}
    </p>
    <details>
      <summary>Assumptions</summary>
      <p class="note">Baseline: {view.baselineMethod}.</p>
      <ul class="assumptions">
        {view.assumptions.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
    </details>
  </section>
);

export const ScenarioPage: FC<ScenarioPageProps> = (p) => {
  const base = `/runs/${p.run.id}/models/${p.solID}/scenarios`;
  const value = (name: string, fallback = "") => p.form?.values[name] ?? fallback;
  const csv = value("source") === "csv";
  const chartData = {
    ...(p.result ? { scenario: p.result.view.chart } : {}),
    ...(p.comparison ? { comparison: p.comparison.chart } : {}),
  };
  return (
    <>
      <RunHeader run={p.run} current="model" full={p.full} runLinks={p.runVisible} />
      <h2 class="model-title">
        Forward scenarios · <a href={`/runs/${p.run.id}/models/${p.solID}`}>model {p.solID}</a>
      </h2>
      {p.flash && <p class="card ok">{p.flash}</p>}
      {p.session && (
        <section class="card" id="plan">
          <h2>Spend plan</h2>
          <form class="stack" method="post" action={`${base}#result`} enctype="multipart/form-data">
            <CsrfField session={p.session} />
            <fieldset>
              <legend>
                <label class="choice">
                  <input type="radio" name="source" value="recent" checked={!csv} /> Last N weeks again, × a
                  multiplier
                </label>
              </legend>
              <label>
                Weeks (the plan covers the same number of weeks after the data)
                <input type="number" name="periods" min="1" step="1" value={value("periods", "8")} />
                <Problem form={p.form} input="periods" />
              </label>
              <label>
                Multiplier, every channel
                <input type="number" name="multiplier" min="0" step="any" value={value("multiplier", "1")} />
                <Problem form={p.form} input="multiplier" />
              </label>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Channel</th>
                      <th>Own multiplier (empty: the one above)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.channels.map((channel) => (
                      <tr>
                        <td>{channel}</td>
                        <td>
                          <input
                            type="number"
                            name={`multiplier:${channel}`}
                            min="0"
                            step="any"
                            aria-label={`multiplier, ${channel}`}
                            value={value(`multiplier:${channel}`)}
                          />
                          <Problem form={p.form} input="multiplier" channel={channel} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
            <fieldset>
              <legend>
                <label class="choice">
                  <input type="radio" name="source" value="csv" checked={csv} /> A plan as CSV
                </label>
              </legend>
              <label>
                Paste it: a date column (the weeks after the data), then one column of spends per channel
                <textarea name="plan_csv" rows={6} placeholder={`date,${p.channels.join(",")}`}>
                  {value("plan_csv")}
                </textarea>
                <Problem form={p.form} input="plan_csv" />
              </label>
              <label>
                … or upload it
                <input type="file" name="plan_file" accept=".csv,text/csv" />
              </label>
            </fieldset>
            <label>
              Name (to save it on this model)
              <input type="text" name="name" maxLength={60} value={value("name")} />
              <Problem form={p.form} input="name" />
            </label>
            <p class="actions">
              <button type="submit" name="action" value="forecast">
                Forecast
              </button>{" "}
              <button type="submit" name="action" value="save">
                Forecast and save
              </button>
            </p>
          </form>
        </section>
      )}
      {p.result && <Result title={p.result.title} view={p.result.view} />}
      <section class="card" id="saved">
        <h2>Saved scenarios</h2>
        {p.saved.length === 0 ? (
          <p class="note">No scenario is saved on this model yet.</p>
        ) : (
          <>
            <form method="get" action={`${base}#compare`}>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Compare</th>
                      <th>Name</th>
                      <th>Plan</th>
                      <th>Saved</th>
                      {p.session && <th></th>}
                    </tr>
                  </thead>
                  <tbody>
                    {p.saved.map((s, i) => (
                      <tr data-scenario={s.name}>
                        <td>
                          <input
                            type="checkbox"
                            name="compare"
                            value={s.name}
                            aria-label={`compare ${s.name}`}
                            checked={p.picked.includes(s.name)}
                          />
                        </td>
                        <td>
                          <a href={`${base}?compare=${encodeURIComponent(s.name)}#result`}>{s.name}</a>
                        </td>
                        <td>{planText(s.plan)}</td>
                        <td>
                          {when(s.savedAt)} by {s.by.name ?? s.by.id}
                        </td>
                        {p.session && (
                          <td>
                            {/* The delete form sits outside this one: forms do not nest. */}
                            <button
                              type="submit"
                              class="danger"
                              form={`delete-${i}`}
                              aria-label={`delete ${s.name}`}
                            >
                              Delete
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="actions">
                <button type="submit">Compare the ticked ones (2 or 3)</button>
              </p>
            </form>
            {p.session &&
              p.saved.map((s, i) => (
                <form
                  id={`delete-${i}`}
                  method="post"
                  action={`${base}/${encodeURIComponent(s.name)}/delete`}
                >
                  <CsrfField session={p.session!} />
                </form>
              ))}
          </>
        )}
      </section>
      {p.comparison && (
        <section class="card" id="compare">
          <h2>Side by side</h2>
          <div class="table-wrap">
            <table class="scenario-compare">
              <thead>
                <tr>
                  <th></th>
                  {p.comparison.names.map((name) => (
                    <th colSpan={3}>{name}</th>
                  ))}
                </tr>
                <tr>
                  <th>Channel</th>
                  {p.comparison.names.map(() => (
                    <>
                      <th>Spend</th>
                      <th>Response</th>
                      <th>Range</th>
                    </>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.comparison.rows.map((row) => (
                  <tr data-row={row.label} class={row.label === "total" ? "total" : undefined}>
                    <td>{row.label}</td>
                    {row.cells.map((cell) => (
                      <>
                        <td>{cell.spend === null ? "–" : num(cell.spend, 0)}</td>
                        <Range spread={cell.response} />
                      </>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Chart kind="grouped" dataKey="comparison" label="Response per channel, one bar per scenario" />
          <p>
            <a href="#compare" data-png-of="comparison" download="scenarios.png">
              Download the chart as PNG
            </a>{" "}
            ·{" "}
            <a
              href={`${base}/export.csv?${p.comparison.names.map((n) => `compare=${encodeURIComponent(n)}`).join("&")}`}
              download
            >
              Download as CSV
            </a>
          </p>
        </section>
      )}
      <ChartData data={chartData} />
    </>
  );
};

function planText(plan: SavedScenario["plan"]): string {
  if ("periods" in plan) {
    const m = plan.multiplier ?? 1;
    const multiplier =
      typeof m === "number"
        ? `× ${m}`
        : Object.entries(m)
            .map(([channel, k]) => `${channel} × ${k}`)
            .join(", ");
    return `last ${plan.periods} periods, ${multiplier}`;
  }
  return `${plan.dates.length} periods from ${plan.dates[0]} (CSV)`;
}
