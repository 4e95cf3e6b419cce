/**
 * The Explore page: the form (source, market, goal, timeframe, grain, metrics), then for the chosen market
 * the KPI tiles against the previous window, goal vs total spend, spend by channel (stacked) with each
 * channel's change, the funnels and the metrics explorer. Charts are drawn in the browser from the JSON the
 * page embeds (`explore-charts.js`); only per-period sums are embedded, never rows.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { MmmError } from "../../common/errors.ts";
import type { Compared } from "../../core/data-explore/aggregate-explore.ts";
import type { ExploreAnswer, SourceMarkets } from "../../core/data-explore/load-explore.ts";
import { GRAINS } from "../../core/data-explore/time-grain.ts";
import type { Dataset } from "../../core/datasets/dataset.ts";
import type { TableInfo } from "../../core/warehouse/port.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { num, pct } from "./format.ts";

/** What the person typed or chose, kept as text so that a bad value is shown back as it was. */
export interface ExploreForm {
  /** `table:NAME`, `dataset:NAME` or `sql` (the query in `sql`); empty before anything is chosen. */
  source: string;
  /** The read-only SQL query, when `source` is `sql`. */
  sql: string;
  market: string;
  goal: string;
  start: string;
  end: string;
  grain: string;
  metrics: readonly string[];
}

export interface ExplorePageProps {
  readonly form: ExploreForm;
  /** The source changed, so its market, goal, timeframe and metrics were dropped. */
  readonly reset: boolean;
  readonly sources: { readonly tables: readonly TableInfo[]; readonly datasets: readonly Dataset[] };
  readonly markets?: SourceMarkets;
  readonly answer?: ExploreAnswer;
  /** The source's columns and dates for the form, also when the request had an error. */
  readonly lists?: ExploreAnswer;
  readonly error?: MmmError;
}

export const ExplorePage: FC<ExplorePageProps> = (props) => {
  const { answer, error, form } = props;
  const e = answer?.explore;
  return (
    <>
      <h1>Explore data</h1>
      <p class="note">
        Look at a warehouse table, an uploaded dataset or a read-only SQL query, one market at a time, before
        training: totals against the previous period, goal and spend over time, spend per channel, funnels and
        any column.
      </p>
      {error && (
        <p class="card problem" role="alert" data-field={error.field ?? ""}>
          <strong>{error.field ? `${error.field}: ` : ""}</strong>
          {error.message}
        </p>
      )}
      {props.reset && <p class="note">A new source: its market, goal, timeframe and metrics start afresh.</p>}
      <ExploreFormCard {...props} />
      {!form.source && !error && (
        <p class="card">Choose a warehouse table, an uploaded dataset or a SQL query above, then Show.</p>
      )}
      {answer && e && (
        <>
          <p class="note" id="explore-summary">
            {answer.source}
            {answer.market !== null ? `, ${answer.marketColumn} = ${answer.market}` : ""}: {answer.rows} rows,{" "}
            {e.data.first} to {e.data.last} ({cadenceText(e.data.cadence)}). Timeframe {e.window.start} to{" "}
            {e.window.end} ({e.window.days} days, {e.window.rows} rows), by {e.grain}. {e.grainRule}
          </p>
          <section class="card" id="kpis">
            <h2>Key figures</h2>
            <p class="note">
              {e.previous.covered
                ? `Change against the previous window of the same length, ${e.previous.start} to ${e.previous.end}.`
                : e.previous.reason}
            </p>
            <div class="tiles">
              {e.kpis.map((k) => (
                <Tile
                  label={k.label}
                  figure={k}
                  ratio={k.key === "roas" || k.key === "cpa"}
                  good={k.key === "spend" ? undefined : k.key === "cpa" ? "down" : "up"}
                />
              ))}
            </div>
            {e.channels.length > 0 && (
              <>
                <h3>Spend per channel</h3>
                <div class="tiles tiles-small">
                  {e.channels.map((c) => (
                    <Tile label={c.name} figure={c} />
                  ))}
                </div>
              </>
            )}
          </section>
          <section class="card" id="goal-spend">
            <h2>
              {e.goal.column} and total spend per {e.grain}
            </h2>
            <Chart
              kind="goalSpend"
              dataKey="goalSpend"
              label={`${e.goal.column} and total spend over time`}
            />
          </section>
          {e.channels.length > 0 && (
            <section class="card" id="channels">
              <h2>Spend by channel per {e.grain}</h2>
              <Chart kind="spend" dataKey="channels" label="Spend per channel over time, stacked" tall />
              <div class="table-wrap">
                <table class="sortable" data-sortable>
                  <thead>
                    <tr>
                      <th data-sort="text">Channel</th>
                      <th data-sort="text">Column</th>
                      <th data-sort="number">Spend</th>
                      <th data-sort="number">Share</th>
                      <th data-sort="number">Previous window</th>
                      <th data-sort="number">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.channels.map((c) => (
                      <tr>
                        <td data-value={c.name}>{c.name}</td>
                        <td data-value={c.column}>{c.column}</td>
                        <td data-value={c.value ?? 0}>{num(c.value, 0)}</td>
                        <td data-value={c.share ?? 0}>{pct(c.share)}</td>
                        <td data-value={c.previous ?? 0}>{e.previous.covered ? num(c.previous, 0) : "–"}</td>
                        <td data-value={c.change ?? 0}>
                          <Change figure={c} covered={e.previous.covered} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section class="card" id="funnels">
            <h2>Funnels</h2>
            {e.funnels.length === 0 ? (
              <p class="note">
                No channel has impressions, clicks or sessions columns named after its spend (e.g.
                SEARCH_SPEND with SEARCH_IMPRESSIONS, SEARCH_CLICKS, SEARCH_SESSIONS).
              </p>
            ) : (
              <div class="funnels">
                {e.funnels.map((f) => (
                  <div class="funnel">
                    <h3>{f.channel}</h3>
                    <table>
                      <thead>
                        <tr>
                          <th></th>
                          <th>Timeframe</th>
                          <th>Change</th>
                        </tr>
                      </thead>
                      <tbody>
                        <tr>
                          <td>spend</td>
                          <td>{num(f.spend.value, 0)}</td>
                          <td>
                            <Change figure={f.spend} covered={e.previous.covered} />
                          </td>
                        </tr>
                        {f.steps.map((s) => (
                          <tr>
                            <td title={s.column}>{s.step}</td>
                            <td>{num(s.value, 0)}</td>
                            <td>
                              <Change figure={s} covered={e.previous.covered} good="up" />
                            </td>
                          </tr>
                        ))}
                        {f.ratios.map((r) => (
                          <tr class="ratio">
                            <td title={r.label}>
                              {r.key === "cost_per_session"
                                ? "cost / session"
                                : r.key === "sessions_per_click"
                                  ? "sessions / click"
                                  : r.key.toUpperCase()}
                            </td>
                            <td>
                              {r.key === "ctr" || r.key === "sessions_per_click"
                                ? pct(r.value, 2)
                                : num(r.value, 2)}
                            </td>
                            <td>
                              <Change
                                figure={r}
                                covered={e.previous.covered}
                                good={COSTS.has(r.key) ? "down" : "up"}
                              />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ))}
              </div>
            )}
            <p class="note">
              CPM: spend per 1,000 impressions. CPC: spend per click. CTR: clicks per impression. Ratios are
              of the timeframe's totals.
            </p>
          </section>
          <section class="card" id="metrics">
            <h2>Metrics explorer</h2>
            <p class="note">
              {e.metrics
                .map((m) => `${m.column}: ${m.combine === "sum" ? "summed" : "averaged"} per ${e.grain}`)
                .join("; ")}
              . Choose up to two columns in the form above; the second is drawn on the right-hand axis.
            </p>
            <Chart kind="metrics" dataKey="metrics" label="The chosen columns over time" />
          </section>
          {e.notes.length > 0 && (
            <section class="card" id="notes">
              <h2>Notes</h2>
              <ul>
                {e.notes.map((n) => (
                  <li>{n}</li>
                ))}
              </ul>
            </section>
          )}
          <ChartData data={chartData(answer)} />
        </>
      )}
    </>
  );
};

const ExploreFormCard: FC<ExplorePageProps> = ({ form, sources, markets, lists }) => {
  const numeric = lists?.explore.availableMetrics.map((m) => m.column) ?? [];
  const data = lists?.explore.data;
  const range = data ? `The data runs from ${data.first} to ${data.last}.` : undefined;
  return (
    <form class="filters card" method="get" action="/explore" id="explore-form">
      <input type="hidden" name="shown" value={form.source} />
      <label>
        Source
        <select name="source">
          <option value="">choose…</option>
          <optgroup label="Warehouse tables">
            {sources.tables.map((t) => (
              <option value={`table:${t.name}`} selected={form.source === `table:${t.name}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
          {sources.datasets.length > 0 && (
            <optgroup label="Uploaded datasets">
              {sources.datasets.map((d) => (
                <option value={`dataset:${d.name}`} selected={form.source === `dataset:${d.name}`}>
                  {d.name} (v{d.version}, {d.rows} rows)
                </option>
              ))}
            </optgroup>
          )}
          <option value="sql" selected={form.source === "sql"}>
            SQL query (below)
          </option>
          {form.source !== "" && form.source !== "sql" && !knownSource(form.source, sources) && (
            <option value={form.source} selected>
              {form.source}
            </option>
          )}
        </select>
      </label>
      {markets?.column !== undefined || form.market !== "" ? (
        <label>
          Market{markets?.column ? ` (${markets.column})` : ""}
          <Choice name="market" value={form.market} options={markets?.markets ?? []} />
        </label>
      ) : null}
      <label>
        Goal
        <Choice name="goal" value={form.goal || (lists?.explore.goal.column ?? "")} options={numeric} />
      </label>
      <label>
        From
        <input
          type="date"
          name="start"
          value={form.start || (lists?.explore.window.start ?? "")}
          title={range}
        />
      </label>
      <label>
        To
        <input type="date" name="end" value={form.end || (lists?.explore.window.end ?? "")} title={range} />
      </label>
      <label>
        Per
        <select name="grain">
          <option value="">
            {lists && form.grain === "" ? `${lists.explore.grain} (default)` : "default"}
          </option>
          {GRAINS.map((g) => (
            <option value={g} selected={form.grain === g}>
              {g === "week" ? "ISO week (Mon–Sun)" : g}
            </option>
          ))}
          {form.grain !== "" && !(GRAINS as readonly string[]).includes(form.grain) && (
            <option value={form.grain} selected>
              {form.grain}
            </option>
          )}
        </select>
      </label>
      <label>
        Metric
        <Choice
          name="metric"
          value={form.metrics[0] || (lists?.explore.goal.column ?? "")}
          options={numeric}
        />
      </label>
      <label>
        Compare with
        <Choice name="metric" value={form.metrics[1] ?? ""} options={numeric} empty="none" />
      </label>
      <label class="sql-source">
        SQL query (with source “SQL query”): one read-only SELECT or WITH statement over the warehouse
        <textarea
          name="sql"
          rows={3}
          placeholder="SELECT * FROM DEMO.SIMULATED_WEEKLY WHERE DATE >= '2017-01-01'"
        >
          {form.sql}
        </textarea>
      </label>
      <button type="submit">Show</button>
    </form>
  );
};

/** A select of `options` that keeps a value that is not among them (as typed), or a text box without options. */
const Choice: FC<{ name: string; value: string; options: readonly string[]; empty?: string }> = ({
  name,
  value,
  options,
  empty,
}) => {
  if (options.length === 0 && empty === undefined) return <input type="text" name={name} value={value} />;
  return (
    <select name={name}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option value={o} selected={o === value}>
          {o}
        </option>
      ))}
      {value !== "" && !options.includes(value) && (
        <option value={value} selected>
          {value} (not found)
        </option>
      )}
    </select>
  );
};

/** Which way a figure is better: up for the goal, ROAS, reach and rates, down for costs; spend is neither. */
type Better = "up" | "down" | undefined;

const COSTS = new Set(["cpm", "cpc", "cost_per_session"]);

const Tile: FC<{ label: string; figure: Compared; ratio?: boolean; good?: Better }> = ({
  label,
  figure,
  ratio,
  good,
}) => (
  <div class="tile">
    <div class="tile-label">{label}</div>
    <div class="tile-value">{num(figure.value, ratio ? 2 : 0)}</div>
    <div class="tile-change">
      <Change figure={figure} covered={figure.previous !== null} good={good} />
      {figure.previous !== null && <span class="note"> from {num(figure.previous, ratio ? 2 : 0)}</span>}
    </div>
  </div>
);

const Change: FC<{ figure: Compared; covered: boolean; good?: Better }> = ({ figure, covered, good }) => {
  if (!covered) return <span class="note">no previous window</span>;
  if (figure.change === null) return <span class="note">–</span>;
  const way = figure.change > 0 ? "up" : figure.change < 0 ? "down" : undefined;
  const tone = way === undefined || good === undefined ? undefined : way === good ? "better" : "worse";
  return (
    <span class={tone}>
      {way === "up" ? "▲" : way === "down" ? "▼" : ""} {pct(Math.abs(figure.change))}
    </span>
  );
};

function knownSource(source: string, sources: ExplorePageProps["sources"]): boolean {
  return (
    sources.tables.some((t) => `table:${t.name}` === source) ||
    sources.datasets.some((d) => `dataset:${d.name}` === source)
  );
}

function cadenceText(cadence: string): string {
  return cadence === "irregular" ? "dates at irregular steps" : cadence === "day" ? "daily" : `${cadence}ly`;
}

/** Per-period figures for the charts, rounded to cents: the page carries no rows. */
function chartData(answer: ExploreAnswer): unknown {
  const e = answer.explore;
  const round = (values: readonly (number | null)[]) =>
    values.map((v) => (v === null ? null : Math.round(v * 100) / 100));
  return {
    goalSpend: {
      dates: e.periods,
      goalLabel: e.goal.column,
      goal: round(e.series.goal),
      spend: round(e.series.spend),
    },
    channels: {
      dates: e.periods,
      series: e.channels.map((c) => ({ name: c.name, values: round(c.values) })),
    },
    metrics: {
      dates: e.periods,
      series: e.metrics.map((m) => ({ name: `${m.column} (${m.combine})`, values: round(m.values) })),
    },
  };
}
