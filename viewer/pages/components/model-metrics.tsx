/** A model's fit (with traffic lights) and where it sits in the run (front, cluster, error score). */
import type { FC } from "hono/jsx";
import type { ParetoModel } from "../../../core/results/run-outputs.ts";
import { num } from "../format.ts";
import { Metric, ThresholdNote } from "./traffic-light.tsx";

export const ModelMetrics: FC<{ model: ParetoModel }> = ({ model }) => (
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
      <dd>{num(model.mape, 4)}</dd>
      <dt>Front · cluster</dt>
      <dd>
        {num(model.robynPareto, 0)} · {num(model.cluster, 0)}
        {model.top_sol === 1 ? " (best of its cluster)" : ""}
      </dd>
      <dt>Error score</dt>
      <dd>{num(model.error_score, 4)}</dd>
      <dt>λ (ridge penalty)</dt>
      <dd>{num(model.lambda, 0)}</dd>
    </dl>
    <ThresholdNote />
  </section>
);
