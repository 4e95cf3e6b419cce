/**
 * A model's fit (with traffic lights) and where it sits in the run (front, cluster, its two scores). MAPE
 * measures the distance to calibration studies: a run without studies has none, so it shows "–" rather
 * than the 0 the outputs carry (Robyn's convention), which would read as a perfect calibration.
 */
import type { FC } from "hono/jsx";
import type { ParetoModel } from "../../../core/results/run-outputs.ts";
import { SCORES_NOTE, type ModelScores } from "../../results/model-scores.ts";
import { num } from "../format.ts";
import { Metric, ThresholdNote } from "./traffic-light.tsx";

export const ModelMetrics: FC<{
  model: ParetoModel;
  scores: ModelScores | undefined;
  calibrated: boolean;
}> = ({ model, scores, calibrated }) => (
  <section class="card">
    <h2>Fit</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th></th>
            <th>Train</th>
            <th>Validation</th>
            <th>Test</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>Adj. R²</th>
            <td>
              <Metric metric="rsq" value={model.rsq_train} />
            </td>
            <td>
              <Metric metric="rsq" value={model.rsq_val} />
            </td>
            <td>
              <Metric metric="rsq" value={model.rsq_test} />
            </td>
          </tr>
          <tr>
            <th>NRMSE</th>
            <td>
              <Metric metric="nrmse" value={model.nrmse_train} />
            </td>
            <td>
              <Metric metric="nrmse" value={model.nrmse_val} />
            </td>
            <td>
              <Metric metric="nrmse" value={model.nrmse_test} />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
    <dl class="facts">
      <dt>DECOMP.RSSD</dt>
      <dd>
        <Metric metric="decomp.rssd" value={model["decomp.rssd"]} />
      </dd>
      <dt>MAPE (calibration)</dt>
      <dd>
        {calibrated ? (
          num(model.mape, 4)
        ) : (
          <span title="This run has no calibration studies">– (no calibration)</span>
        )}
      </dd>
      <dt>Front · cluster</dt>
      <dd>
        {num(model.robynPareto, 0)} · {num(model.cluster, 0)}
        {model.top_sol === 1 ? " (best of its cluster)" : ""}
      </dd>
      <dt>Robyn distance</dt>
      <dd>{num(scores?.robynDistance, 4)}</dd>
      <dt>Recommendation score</dt>
      <dd>{num(scores?.recommendationScore, 4)}</dd>
      <dt>λ (ridge penalty)</dt>
      <dd>{num(model.lambda, 0)}</dd>
    </dl>
    <ThresholdNote />
    <p class="note">{SCORES_NOTE}</p>
  </section>
);
