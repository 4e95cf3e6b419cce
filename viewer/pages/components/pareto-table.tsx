/**
 * The Pareto models of a run, sortable in the browser (`client/table-sort.js`; the server orders them by
 * recommendation score, so the recommended model comes first), with both scores under their own names
 * (`results/model-scores.ts`), traffic lights and a tick box to compare models side by side.
 */
import type { FC } from "hono/jsx";
import type { ParetoModel } from "../../../core/results/run-outputs.ts";
import { SCORES_NOTE, type ModelScores } from "../../results/model-scores.ts";
import { num } from "../format.ts";
import { Metric } from "./traffic-light.tsx";

export const ParetoTable: FC<{
  runId: string;
  models: readonly ParetoModel[];
  scores: ReadonlyMap<string, ModelScores>;
  picked?: string;
  recommended?: string;
  robynPick?: string;
  validation: boolean;
}> = ({ runId, models, scores, picked, recommended, robynPick, validation }) => {
  const score = (m: ParetoModel, key: keyof ModelScores) => scores.get(m.solID)?.[key] ?? Number.NaN;
  const sorted = [...models].sort(
    (a, b) => finiteOrLast(score(a, "recommendationScore")) - finiteOrLast(score(b, "recommendationScore")),
  );
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
              <th data-sort="number" title="Robyn's pick and the cluster tops are the lowest">
                Robyn distance
              </th>
              <th data-sort="number" title="The recommended model is the lowest">
                Recommendation score
              </th>
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
                  {m.solID === recommended && (
                    <span class="tag" title="lowest recommendation score">
                      recommended
                    </span>
                  )}
                  {m.solID === robynPick && (
                    <span class="tag" title="lowest Robyn distance among the cluster tops">
                      Robyn's pick
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
                <td data-value={finiteOrLast(score(m, "robynDistance"))}>
                  {num(score(m, "robynDistance"), 4)}
                </td>
                <td data-value={finiteOrLast(score(m, "recommendationScore"))}>
                  {num(score(m, "recommendationScore"), 4)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">{SCORES_NOTE}</p>
      <p>
        <button type="submit">Compare the ticked models</button>
      </p>
    </form>
  );
};

function value(model: ParetoModel, key: string): number {
  const v = model[key];
  return finiteOrLast(typeof v === "number" ? v : Number.NaN);
}

function finiteOrLast(v: number): number {
  return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}
