/**
 * The Pareto models of a run, sortable in the browser (`client/table-sort.js`; the server orders them by
 * error score), with traffic lights and a tick box to compare models side by side.
 */
import type { FC } from "hono/jsx";
import type { ParetoModel } from "../../../core/results/run-outputs.ts";
import { num } from "../format.ts";
import { Metric } from "./traffic-light.tsx";

export const ParetoTable: FC<{
  runId: string;
  models: readonly ParetoModel[];
  picked?: string;
  validation: boolean;
}> = ({ runId, models, picked, validation }) => {
  const sorted = [...models].sort((a, b) => value(a, "error_score") - value(b, "error_score"));
  return (
    <form method="get" action="/compare">
      <div class="table-wrap">
        <table class="sortable" data-sortable>
          <thead>
            <tr>
              <th>
                <span class="sr-only">Compare</span>
              </th>
              <th data-sort="text">Model</th>
              <th data-sort="number">Front</th>
              <th data-sort="number">Cluster</th>
              <th data-sort="number">Adj. R² (train)</th>
              {validation && <th data-sort="number">Adj. R² (test)</th>}
              <th data-sort="number">NRMSE</th>
              <th data-sort="number">DECOMP.RSSD</th>
              <th data-sort="number">Error score</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((m) => (
              <tr class={m.solID === picked ? "picked" : undefined}>
                <td>
                  <input
                    type="checkbox"
                    name="m"
                    value={`${runId}~${m.solID}`}
                    aria-label={`compare ${m.solID}`}
                  />
                </td>
                <td data-value={m.solID}>
                  <a href={`/runs/${runId}/models/${m.solID}`}>{m.solID}</a>
                  {value(m, "top_sol") === 1 && (
                    <span class="tag" title="best model of its cluster">
                      top
                    </span>
                  )}
                  {m.solID === picked && (
                    <span class="tag tag-pick" title="the country's current pick">
                      ★ picked
                    </span>
                  )}
                </td>
                <td data-value={value(m, "robynPareto")}>{num(m.robynPareto, 0)}</td>
                <td data-value={value(m, "cluster")}>{num(m.cluster, 0)}</td>
                <td data-value={value(m, "rsq_train")}>
                  <Metric metric="rsq" value={m.rsq_train} />
                </td>
                {validation && (
                  <td data-value={value(m, "rsq_test")}>
                    <Metric metric="rsq" value={m.rsq_test} />
                  </td>
                )}
                <td data-value={value(m, "nrmse")}>
                  <Metric metric="nrmse" value={m.nrmse} />
                </td>
                <td data-value={value(m, "decomp.rssd")}>
                  <Metric metric="decomp.rssd" value={m["decomp.rssd"]} />
                </td>
                <td data-value={value(m, "error_score")}>{num(m.error_score, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="submit">Compare the ticked models</button>
      </p>
    </form>
  );
};

function value(model: ParetoModel, key: string): number {
  const v = model[key];
  return typeof v === "number" && Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}
