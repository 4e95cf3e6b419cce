/**
 * The known-truth twin of a model (`core/results/twin-jobs.ts`): while it trains, its progress (updated by
 * `client/twin-status.js`, which reloads the page when it ends); then what it says and, per paid channel,
 * the true ROI (CPA), what the twin's recommended model recovered, the error, the 80 % interval, whether
 * it holds the truth, and Robyn's own pick on the twin for comparison.
 */
import type { FC } from "hono/jsx";
import type { Run } from "../../core/run.ts";
import type { TwinJobState } from "../../core/results/twin-jobs.ts";
import type { SessionData } from "../viewer-env.ts";
import { CsrfField } from "./components/csrf-field.tsx";
import { RunHeader } from "./components/run-header.tsx";
import { num, pct, when } from "./format.ts";

export interface TwinPageProps {
  readonly run: Run;
  readonly solID: string;
  readonly twin?: TwinJobState | undefined;
  readonly full: boolean;
  readonly runVisible: boolean;
  readonly session?: SessionData | undefined;
}

const PHASES: Record<string, string> = {
  preparing: "preparing the twin's data",
  searching: "searching hyperparameters",
  selecting: "selecting the Pareto-optimal models",
  clustering: "clustering and recommending",
};

export const TwinPage: FC<TwinPageProps> = (p) => {
  const base = `/runs/${p.run.id}/models/${p.solID}`;
  const twin = p.twin;
  return (
    <>
      <RunHeader run={p.run} current="model" full={p.full} runLinks={p.runVisible} />
      <h2 class="model-title">
        Known-truth twin of model <a href={base}>{p.solID}</a>
      </h2>
      {!twin && <p class="card">No twin of this model has been started yet.</p>}
      {twin?.status === "running" && (
        <section
          class="card"
          id="twin-progress"
          data-twin-status={`${base}/twin/status.json`}
          data-state="running"
        >
          <h2>Training the twin</h2>
          <p>
            Started by {twin.by.name ?? twin.by.id} on {when(twin.startedAt)}: {twin.iterations} iterations ×{" "}
            {twin.trials} trials,{" "}
            <span data-role="phase">{PHASES[twin.progress?.phase ?? ""] ?? "starting"}</span>.
          </p>
          <progress
            data-role="progress"
            max={Math.max(1, twin.progress?.total ?? 1)}
            value={twin.progress?.done ?? 0}
          >
            {twin.progress ? `${twin.progress.done} of ${twin.progress.total}` : ""}
          </progress>
          <p class="note">This page updates itself and shows the result when the twin ends.</p>
        </section>
      )}
      {twin?.status === "failed" && (
        <section class="card warn" id="twin-failed">
          <h2>The twin failed</h2>
          <p>{twin.error}</p>
        </section>
      )}
      {twin?.status === "succeeded" && twin.report && <TwinResult twin={twin} />}
      {p.session && twin?.status !== "running" && (
        <form method="post" action={`${base}/twin`}>
          <CsrfField session={p.session} />
          <button type="submit" data-action="twin">
            {twin ? "Run the twin again" : "Run the known-truth twin"}
          </button>
        </form>
      )}
    </>
  );
};

const TwinResult: FC<{ twin: TwinJobState }> = ({ twin }) => {
  const report = twin.report!;
  const metric = report.metric === "roi" ? "ROI" : "CPA";
  return (
    <section class="card" id="twin-result">
      <h2>Recovery per channel</h2>
      {report.summary.map((line) => (
        <p>{line}</p>
      ))}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Channel</th>
              <th>True {metric}</th>
              <th>Recovered</th>
              <th>Error</th>
              <th>80 % interval</th>
              <th>Holds the truth</th>
              <th>Robyn's pick</th>
            </tr>
          </thead>
          <tbody>
            {report.channels.map((c) => (
              <tr data-channel={c.channel} class={c.error !== null && c.error > 0.3 ? "warn" : undefined}>
                <td>{c.channel}</td>
                <td class="num">{num(c.truth)}</td>
                <td class="num">{num(c.recovered)}</td>
                <td class="num">{c.error === null ? "–" : pct(c.error, 0)}</td>
                <td class="num">
                  {c.low === null || c.high === null ? "–" : `${num(c.low)} – ${num(c.high)}`}
                </td>
                <td>{c.covered === null ? "–" : c.covered ? "yes" : "no"}</td>
                <td class="num">{num(c.robyn_pick)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">
        Truth: model {report.truth_model}'s own {metric} per channel. Recovered: the twin run's recommended
        model ({report.recommended_model ?? "none"}). {report.iterations} iterations × {report.trials} trials,
        seed {report.seed}
        {report.calibrated
          ? ", with the run's lift studies read against the truth"
          : ", without lift studies"}
        . Finished {when(twin.finishedAt ?? twin.updatedAt)}.
      </p>
    </section>
  );
};
