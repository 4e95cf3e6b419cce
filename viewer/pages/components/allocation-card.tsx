/**
 * Budget allocator results of a model (Robyn's `robyn_allocator`), and (full access) a form to run it
 * with a scenario, a budget or target, channel bounds and a date range.
 * One JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { AllocationView } from "../../results/allocation-view.ts";
import type { SessionData } from "../../viewer-env.ts";
import { num, pct } from "../format.ts";
import { CsrfField } from "./csrf-field.tsx";

export const AllocationCard: FC<{
  runId: string;
  solID: string;
  allocations: readonly AllocationView[];
  session?: SessionData;
}> = ({ runId, solID, allocations, session }) => (
  <section class="card">
    <h2>Budget allocator</h2>
    {allocations.length === 0 && <p class="note">No allocation has been computed for this model yet.</p>}
    {allocations.map((a) => (
      <div class="allocation">
        <h3>
          {a.scenario === "max_response" ? "Most response for the budget" : "Target efficiency"}
          {a.dateRange && ` · ${a.dateRange.from} to ${a.dateRange.to} (${a.dateRange.periods} periods)`}
        </h3>
        <p>
          Response {num(a.totals.initResponse, 0)} → {num(a.totals.optmResponse, 0)} ({pct(a.totals.lift)})
          for spend {num(a.totals.initSpend, 0)} → {num(a.totals.optmSpend, 0)}.
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Channel</th>
                <th>Spend per period now</th>
                <th>Optimised</th>
                <th>Response now</th>
                <th>Optimised</th>
                <th>Lift</th>
              </tr>
            </thead>
            <tbody>
              {a.rows.map((r) => (
                <tr>
                  <td>
                    {r.channel}
                    {r.excluded && <span class="tag">{r.excluded.replace("_", " ")}</span>}
                  </td>
                  <td>{num(r.initSpend, 0)}</td>
                  <td>{num(r.optmSpend, 0)}</td>
                  <td>{num(r.initResponse, 0)}</td>
                  <td>{num(r.optmResponse, 0)}</td>
                  <td>{pct(r.lift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    ))}
    {session && (
      <form class="stack" method="post" action={`/runs/${runId}/models/${solID}/allocate`}>
        <CsrfField session={session} />
        <label>
          Scenario
          <select name="scenario">
            <option value="max_response">Most response for a budget</option>
            <option value="target_efficiency">Most response at a target ROAS / CPA</option>
          </select>
        </label>
        <label>
          Total budget over the date range (empty: as spent)
          <input type="number" name="budget" min="0" step="any" />
        </label>
        <label>
          Target ROAS or CPA (target efficiency only)
          <input type="number" name="target" min="0" step="any" />
        </label>
        <label>
          Channel bounds, as multiples of today's spend
          <span class="pair">
            <input type="number" name="low" min="0" step="any" placeholder="0.5" aria-label="lower bound" />
            <input type="number" name="up" min="0" step="any" placeholder="2" aria-label="upper bound" />
          </span>
        </label>
        <label>
          Date range (all, last, last_N, or START:END)
          <input type="text" name="dateRange" placeholder="all" />
        </label>
        <button type="submit">Run the allocator</button>
      </form>
    )}
  </section>
);
