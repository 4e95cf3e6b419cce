/**
 * A run's data snapshot: per column type, nulls, zeros, distinct values, min / median / max and a
 * distribution sparkline; spend per paid channel over time; VIF and condition number of the regressors
 * over the modelling window, with the replaced product's bands.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { Run } from "../../core/run.ts";
import { conditionBand, vifBand } from "../../engine/stats/collinearity.ts";
import type { DataPageData } from "../data/data-page-data.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { RunHeader } from "./components/run-header.tsx";
import { Sparkline } from "./components/sparkline.tsx";
import { num } from "./format.ts";

export const DataPage: FC<{ run: Run; full: boolean; data?: DataPageData }> = ({ run, full, data }) => (
  <>
    <RunHeader run={run} current="data" full={full} />
    {!data ? (
      <p class="card">This run has no data snapshot (input.csv) yet.</p>
    ) : (
      <>
        <section class="card">
          <h2>Columns</h2>
          <p class="note">
            {data.columns[0]?.rows ?? 0} rows in the snapshot the trainer read
            {data.dateColumn ? `; dates in ${data.dateColumn}` : ""}.
          </p>
          <div class="table-wrap">
            <table class="sortable" data-sortable>
              <thead>
                <tr>
                  <th data-sort="text">Column</th>
                  <th data-sort="text">Type</th>
                  <th>Distribution</th>
                  <th data-sort="number">Nulls</th>
                  <th data-sort="number">Zeros</th>
                  <th data-sort="number">Distinct</th>
                  <th data-sort="number">Min</th>
                  <th data-sort="number">Median</th>
                  <th data-sort="number">Max</th>
                </tr>
              </thead>
              <tbody>
                {data.columns.map((c) => (
                  <tr>
                    <td data-value={c.name}>{c.name}</td>
                    <td data-value={c.type}>{c.type}</td>
                    <td>
                      <Sparkline counts={c.sparkline} label={c.sparklineLabel} />
                    </td>
                    <td data-value={c.nulls} class={c.nulls > 0 ? "warn" : undefined}>
                      {c.nulls}
                    </td>
                    <td data-value={c.zeros}>{c.zeros}</td>
                    <td data-value={c.distinct}>{c.distinct}</td>
                    <td data-value={typeof c.min === "number" ? c.min : 0}>{shown(c.min)}</td>
                    <td data-value={typeof c.median === "number" ? c.median : 0}>{shown(c.median)}</td>
                    <td data-value={typeof c.max === "number" ? c.max : 0}>{shown(c.max)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {data.spend.series.length > 0 && data.spend.dates.length > 0 && (
          <section class="card">
            <h2>Spend by channel over time</h2>
            <Chart kind="spend" dataKey="spend" label="Spend per paid channel over time" />
          </section>
        )}
        <section class="card">
          <h2>Collinearity of the regressors</h2>
          {data.regressors.ok ? (
            <>
              <p>
                Condition number of their correlation matrix:{" "}
                <span class={`light light-${conditionBand(data.regressors.conditionNumber)}`}>
                  {shownNumber(data.regressors.conditionNumber)}
                </span>{" "}
                over {data.regressors.rows} rows of the window.
              </p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Regressor</th>
                      <th>VIF</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.regressors.names.map((name, i) => {
                      const vif = data.regressors.ok ? data.regressors.vif[i]! : Number.NaN;
                      return (
                        <tr>
                          <td>{name}</td>
                          <td>
                            <span class={`light light-${vifBand(vif)}`}>{shownNumber(vif)}</span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {data.regressors.identicalPairs.map(([a, b]) => (
                <p class="warn">
                  {a} and {b} are practically the same column (|correlation| ≥ 0.9999): keep one.
                </p>
              ))}
              {data.regressors.skipped.length > 0 && (
                <p class="note">Not numeric, left out: {data.regressors.skipped.join(", ")}.</p>
              )}
              <p class="note">
                VIF: green below 5, amber below 10, red from 10 (∞: a linear combination of the others).
                Condition number: green below 10, amber up to 30, red above 30.
              </p>
            </>
          ) : (
            <p class="note">{data.regressors.reason}</p>
          )}
        </section>
        <ChartData data={{ spend: data.spend }} />
      </>
    )}
  </>
);

function shown(value: number | string | undefined): string {
  return typeof value === "number" ? num(value, 3) : (value ?? "–");
}

function shownNumber(value: number): string {
  return value === Number.POSITIVE_INFINITY ? "∞" : num(value, 2);
}
