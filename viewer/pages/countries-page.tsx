/**
 * Every market with runs, one row per data source: its current pick, its latest run, and links to its best
 * models and stability for that source.
 */
import type { FC } from "hono/jsx";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { Run } from "../../core/run.ts";
import type { RunSource } from "../../core/run-source.ts";
import { when } from "./format.ts";
import { actorName } from "./run-best-model.ts";

export interface CountryRow {
  /** The market. */
  readonly country: string;
  /** The data source of the row's runs (absent for a pick whose run is gone). */
  readonly source?: RunSource;
  readonly runs: number;
  readonly latest?: Run;
  readonly pick?: BestModelPick;
}

export const CountriesPage: FC<{ rows: readonly CountryRow[] }> = ({ rows }) => (
  <>
    <h1>Best models per market</h1>
    {rows.length === 0 ? (
      <p class="card">No runs yet.</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Market</th>
              <th>Data source</th>
              <th>Current pick</th>
              <th>Picked by</th>
              <th>Latest run</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th>{r.country}</th>
                <td>{r.source?.label ?? "–"}</td>
                <td>
                  {r.pick ? (
                    <a href={`/runs/${r.pick.runId}/models/${r.pick.solID}`}>
                      {r.pick.solID} <span class="sub">({r.pick.runId})</span>
                    </a>
                  ) : (
                    "none yet"
                  )}
                </td>
                <td>{r.pick ? `${actorName(r.pick.by)}, ${when(r.pick.at)}` : "–"}</td>
                <td>{r.latest ? <a href={`/runs/${r.latest.id}`}>{when(r.latest.createdAt)}</a> : "–"}</td>
                <td>
                  <a href={marketHref(r, "best")}>Best models</a> ·{" "}
                  <a href={marketHref(r, "stability")}>Stability</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);

function marketHref(row: CountryRow, page: "best" | "stability"): string {
  const path = `/countries/${encodeURIComponent(row.country)}/${page}`;
  return row.source ? `${path}?source=${encodeURIComponent(row.source.key)}` : path;
}
