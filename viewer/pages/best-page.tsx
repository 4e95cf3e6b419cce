/**
 * A country's best model: the current pick with its note, the history of picks (who and when), and the
 * country's succeeded runs ranked by a fit score (weights adjustable, `results/run-score.ts`), each by its
 * best model, so a person can see which run to look at before picking.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { Run } from "../../core/run.ts";
import type { RunSource } from "../../core/run-source.ts";
import type { SourceGroup } from "../results/source-groups.ts";
import { SourceSwitch } from "./components/source-switch.tsx";
import { PENALTY_SCALE, type Scored, type ScoreWeights } from "../results/run-score.ts";
import { Metric, ThresholdNote } from "./components/traffic-light.tsx";
import { num, when } from "./format.ts";
import { actorName, bestModelOf } from "./run-best-model.ts";

export const BestPage: FC<{
  country: string;
  picks: readonly BestModelPick[];
  ranked: readonly Scored<Run>[];
  weights: ScoreWeights;
  /** The market's data sources, and the one whose runs and picks are shown. */
  sources: readonly SourceGroup[];
  source?: RunSource;
}> = ({ country, picks, ranked, weights, sources, source }) => {
  const current = picks[0];
  const market = encodeURIComponent(country);
  const sourceQuery = source ? `?source=${encodeURIComponent(source.key)}` : "";
  return (
    <>
      <p class="crumbs">
        <a href="/countries">Countries</a> / {country}
      </p>
      <h1>
        Best model for {country}
        {source ? <span class="sub"> · {source.label}</span> : null}
      </h1>
      <SourceSwitch
        groups={sources}
        chosen={source?.key}
        href={(key) => `/countries/${market}/best?source=${encodeURIComponent(key)}`}
      />
      <section class="card">
        <h2>Current pick</h2>
        {current ? (
          <p>
            <a href={`/runs/${current.runId}/models/${current.solID}`}>{current.solID}</a> of run{" "}
            <a href={`/runs/${current.runId}`}>{current.runId}</a>, picked by {actorName(current.by)} on{" "}
            {when(current.at)}
            {current.note ? `: “${current.note}”` : "."}
          </p>
        ) : (
          <p class="note">
            Nobody has picked a model for {country} yet: open a model and press “Pick as best”.
          </p>
        )}
        <p>
          <a href={`/countries/${market}/stability${sourceQuery}`}>
            How stable are the channels across runs?
          </a>
        </p>
      </section>
      {picks.length > 1 && (
        <section class="card">
          <h2>History</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Model</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {picks.map((p) => (
                  <tr>
                    <td>{when(p.at)}</td>
                    <td>{actorName(p.by)}</td>
                    <td>
                      <a href={`/runs/${p.runId}/models/${p.solID}`}>{p.solID}</a>{" "}
                      <span class="sub">{p.runId}</span>
                    </td>
                    <td>{p.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section class="card">
        <h2>Runs ranked by fit</h2>
        <p class="note">
          Each run is represented by Robyn's pick. Its score is its fit (adjusted R², averaged over the train,
          validation and test periods with the weights below; periods a run does not have are left out), minus
          a penalty for its prediction error (NRMSE) and one for the gap between its channels' effect and
          spend shares (DECOMP.RSSD). Each penalty is the error divided by where its traffic light turns red
          (NRMSE {PENALTY_SCALE.nrmse}, DECOMP.RSSD {PENALTY_SCALE.rssd}), times its weight: an error at the
          red line costs that many points of R². A run's score depends on its own numbers only, so it does not
          change when other runs are added.
        </p>
        <form class="filters" method="get">
          {source ? <input type="hidden" name="source" value={source.key} /> : null}
          {(["train", "val", "test", "alpha", "beta"] as const).map((k) => (
            <label>
              {WEIGHT_LABELS[k]}
              <input
                type="number"
                name={k}
                step="0.1"
                min="0"
                max={k === "alpha" || k === "beta" ? 3 : 1}
                value={String(weights[k])}
              />
            </label>
          ))}
          <button type="submit">Rank</button>
        </form>
        {ranked.length === 0 ? (
          <p class="note">No succeeded run for {country} yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Run</th>
                  <th>Robyn's pick</th>
                  <th>Score</th>
                  <th>Fit (adj. R²)</th>
                  <th>Prediction error (NRMSE)</th>
                  <th>Effect–spend gap (DECOMP.RSSD)</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((r, i) => {
                  const best = bestModelOf(r.item);
                  return (
                    <tr class={current?.runId === r.item.id ? "picked" : undefined}>
                      <td>{i + 1}</td>
                      <td>
                        <a href={`/runs/${r.item.id}`}>{r.item.id}</a>
                        {r.item.tag && <span class="tag">{r.item.tag}</span>}
                      </td>
                      <td>
                        {best ? (
                          <a href={`/runs/${r.item.id}/models/${best.model_id}`}>{best.model_id}</a>
                        ) : (
                          "–"
                        )}
                      </td>
                      <td>{num(r.score, 3)}</td>
                      <td>
                        <Metric metric="rsq" value={r.r2w} />
                      </td>
                      <td>
                        <Metric metric="nrmse" value={r.nrmsew} />
                      </td>
                      <td>
                        <Metric metric="decomp.rssd" value={r.drssdw} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <ThresholdNote />
      </section>
    </>
  );
};

const WEIGHT_LABELS = {
  train: "Weight of the train period",
  val: "Weight of the validation period",
  test: "Weight of the test period",
  alpha: "Penalty weight: prediction error",
  beta: "Penalty weight: effect–spend gap",
} as const;
