/** Every country with runs: its current pick, its latest run, and links to its best models and stability. */
import type { FC } from "hono/jsx";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { Run } from "../../core/run.ts";
import { when } from "./format.ts";
import { actorName } from "./run-best-model.ts";

export interface CountryRow {
  readonly country: string;
  readonly runs: number;
  readonly latest?: Run;
  readonly pick?: BestModelPick;
}

export const CountriesPage: FC<{ rows: readonly CountryRow[] }> = ({ rows }) => (
  <>
    <h1>Best models per country</h1>
    {rows.length === 0 ? (
      <p class="card">No runs yet.</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Country</th>
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
                  <a href={`/countries/${r.country}/best`}>Best models</a> ·{" "}
                  <a href={`/countries/${r.country}/stability`}>Stability</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);
