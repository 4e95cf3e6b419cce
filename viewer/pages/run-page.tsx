/**
 * A run: its header, what it trained on, the search (convergence, the Pareto scatter of every candidate
 * with fronts or clusters coloured: click a Pareto model to open it), the Pareto models with traffic
 * lights, the one-pagers, the files, and share links. While the run trains the page shows its progress
 * and reloads itself when the run ends; a failed run shows the reason and the end of its log.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { Run } from "../../core/run.ts";
import type { ConvergenceChartData, ParetoChartData } from "../results/run-charts.ts";
import type { ModelSummary, ParetoModel } from "../../core/results/run-outputs.ts";
import type { SessionData } from "../viewer-env.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { FileList } from "./components/file-list.tsx";
import { ParetoTable } from "./components/pareto-table.tsx";
import { modelScores } from "../results/model-scores.ts";
import { RefreshCard, type RefreshView } from "./components/refresh-card.tsx";
import { RecommendationCard } from "./components/recommendation-card.tsx";
import { RunHeader } from "./components/run-header.tsx";
import { ShareLinks, type ShownLink } from "./components/share-links.tsx";
import { ThresholdNote } from "./components/traffic-light.tsx";
import { duration, num } from "./format.ts";
import { onePagerFile, OUTPUT_FILES } from "../../common/run-folder.ts";
import type { RunTrust } from "../../core/results/run-health.ts";
import { readConvergence } from "../../core/results/convergence-advice.ts";
import { HealthCard } from "./components/health-card.tsx";

export interface RunPageProps {
  readonly run: Run;
  readonly full: boolean;
  readonly session: SessionData;
  readonly summary?: ModelSummary;
  readonly models: readonly ParetoModel[];
  readonly pareto?: ParetoChartData;
  readonly convergence?: ConvergenceChartData;
  /** Both charts' data already serialised (`scriptJson`), when the route keeps it between requests. */
  readonly chartJson?: string;
  /** The country's current pick, when it is a model of this run. */
  readonly picked?: string;
  readonly onepagers: readonly string[];
  readonly paretoFront: boolean;
  readonly files: readonly string[];
  readonly shareLinks?: readonly ShownLink[];
  /** Lineage, what changed and the refresh form (`routes/refresh-view.tsx`). */
  readonly refresh?: RefreshView;
  /** The best model's (Robyn's pick's) health checks and the run's calibration. */
  readonly health?: RunTrust;
  /** The recommended model's own health checks, when the run has a recommendation. */
  readonly recommendedHealth?: RunTrust;
}

export const RunPage: FC<RunPageProps> = (props) => {
  const { run, summary } = props;
  return (
    <>
      <RunHeader run={run} current="run" full={props.full} />
      {run.status !== "succeeded" && <RunState run={run} />}
      {summary && <SummaryCard summary={summary} run={run} />}
      {props.refresh && (
        <RefreshCard
          runId={run.id}
          view={props.refresh}
          {...(props.full ? { session: props.session } : {})}
        />
      )}
      {summary?.recommended && (
        <RecommendationCard
          recommended={summary.recommended}
          runId={run.id}
          depVarType={summary.input_metadata.dep_var_type}
          currency={run.spec.currency}
        />
      )}
      {summary && <HealthCards summary={summary} best={props.health} recommended={props.recommendedHealth} />}
      <SpecCard run={run} />
      {props.pareto && (
        <section class="card">
          <h2>Pareto front</h2>
          <p class="note">
            Every candidate model by its two errors (lower is better on both). Coloured: the Pareto fronts the
            run kept ({props.pareto.fronts}); grey: the other candidates. Click a coloured point to open its
            model.
          </p>
          <div class="toggle" data-toggle-for="pareto">
            <button type="button" data-colour-by="front" aria-pressed="true">
              Colour by front
            </button>
            <button type="button" data-colour-by="cluster" aria-pressed="false">
              Colour by cluster
            </button>
          </div>
          <Chart
            kind="pareto"
            dataKey="pareto"
            label="Pareto front: NRMSE against DECOMP.RSSD for every candidate"
            tall
            href={`/runs/${run.id}/models/{solID}`}
          />
        </section>
      )}
      {props.convergence && props.convergence.labels.length > 1 && (
        <section class="card">
          <h2>Convergence</h2>
          <p class="note">
            Best and median of each objective per block of iterations: flat lines mean the search has settled.
          </p>
          <Chart
            kind="convergence"
            dataKey="convergence"
            label="Convergence of NRMSE and DECOMP.RSSD by iteration"
          />
          {summary && <ConvergenceNotes summary={summary} />}
        </section>
      )}
      {props.models.length > 0 && (
        <section class="card">
          <h2>Pareto models ({props.models.length})</h2>
          <ParetoTable
            runId={run.id}
            models={props.models}
            scores={modelScores(props.models, Boolean(run.spec.ts_validation))}
            picked={props.picked}
            recommended={summary?.recommended?.model_id}
            robynPick={summary?.best_model.model_id}
            validation={Boolean(summary?.input_metadata.ts_validation)}
          />
          <ThresholdNote />
        </section>
      )}
      <OnePagers
        run={run}
        solIDs={props.onepagers}
        paretoFront={props.paretoFront}
        succeeded={run.status === "succeeded"}
      />
      <FileList runId={run.id} files={props.files} />
      {props.full && props.shareLinks && (
        <ShareLinks runId={run.id} links={props.shareLinks} session={props.session} />
      )}
      {(props.pareto || props.convergence) && (
        <ChartData json={props.chartJson} data={{ pareto: props.pareto, convergence: props.convergence }} />
      )}
    </>
  );
};

const RunState: FC<{ run: Run }> = ({ run }) => (
  <section class="card">
    {run.status === "failed" || run.status === "cancelled" ? (
      <>
        <h2>{run.status === "failed" ? "The run failed" : "The run was cancelled"}</h2>
        <p>{run.failure?.reason ?? "No reason was recorded."}</p>
        {run.failure?.logTail && (
          <details>
            <summary>End of the log</summary>
            <pre>{run.failure.logTail}</pre>
          </details>
        )}
      </>
    ) : (
      <>
        <h2>Training</h2>
        <p>
          {run.progress
            ? `${run.progress.phase}: ${run.progress.done} of ${run.progress.total} models` +
              (run.progress.etaSeconds !== undefined
                ? `, about ${duration(run.progress.etaSeconds)} left`
                : "")
            : `The run is ${run.status}.`}
        </p>
        <p class="note">This page reloads itself when the run ends.</p>
      </>
    )}
  </section>
);

const SummaryCard: FC<{ summary: ModelSummary; run: Run }> = ({ summary, run }) => {
  const meta = summary.input_metadata;
  return (
    <section class="card">
      <h2>Summary</h2>
      <dl class="facts">
        <dt>Candidates</dt>
        <dd>{num(summary.candidate_model_count, 0)}</dd>
        <dt>Pareto models</dt>
        <dd>
          {summary.pareto_model_count} in {summary.pareto_fronts} fronts, {summary.clusters.k} clusters
        </dd>
        {summary.recommended && <dt>Recommended model</dt>}
        {summary.recommended && (
          <dd>
            <a href="#recommended">{summary.recommended.model_id}</a>
          </dd>
        )}
        <dt>Robyn's pick</dt>
        <dd>
          <a href={`/runs/${run.id}/models/${summary.best_model.model_id}`}>{summary.best_model.model_id}</a>{" "}
          (lowest Robyn distance among the cluster tops; see the Pareto models' table)
        </dd>
        <dt>Goal</dt>
        <dd>
          {meta.dep_var} ({meta.dep_var_type})
        </dd>
        <dt>Currency</dt>
        <dd>{run.spec.currency ?? "not set (add currency to the spec, e.g. EUR)"}</dd>
        <dt>Window</dt>
        <dd>
          {meta.window_start} to {meta.window_end}: {meta.window_rows} {meta.interval}s of {meta.data_rows}
        </dd>
        <dt>Paid media</dt>
        <dd>{meta.paid_media_vars.join(", ")}</dd>
        {meta.organic_vars.length > 0 && <dt>Organic</dt>}
        {meta.organic_vars.length > 0 && <dd>{meta.organic_vars.join(", ")}</dd>}
        {meta.context_vars.length > 0 && <dt>Context</dt>}
        {meta.context_vars.length > 0 && <dd>{meta.context_vars.join(", ")}</dd>}
        <dt>Adstock</dt>
        <dd>{meta.adstock}</dd>
        <dt>Engine</dt>
        <dd>{summary.engine_version}</dd>
      </dl>
      {summary.warnings.length > 0 && (
        <ul class="warn">
          {summary.warnings.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
};

/** Whether the search settled, in plain words, with Robyn's own test in a tooltip and what to try. */
const ConvergenceNotes: FC<{ summary: ModelSummary }> = ({ summary }) => {
  const reading = readConvergence(summary.convergence, summary);
  return (
    <div data-convergence>
      {reading.lines.map((line) => (
        <p class={line.converged ? "ok" : "warn"} title={`Robyn: ${line.robyn}`}>
          {line.text}
        </p>
      ))}
      {reading.advice && <p class="note">{reading.advice}</p>}
    </div>
  );
};

const SpecCard: FC<{ run: Run }> = ({ run }) => (
  <section class="card">
    <details>
      <summary>Settings (RunSpec)</summary>
      <pre>{JSON.stringify(run.spec, null, 2)}</pre>
    </details>
  </section>
);

const OnePagers: FC<{ run: Run; solIDs: readonly string[]; paretoFront: boolean; succeeded: boolean }> = ({
  run,
  solIDs,
  paretoFront,
  succeeded,
}) => {
  if (!succeeded) return <></>;
  if (solIDs.length === 0 && !paretoFront) {
    return (
      <section class="card">
        <h2>One-pagers</h2>
        <p class="note">
          This run has no one-pager pictures; the charts above and on each model page show the same panels.
        </p>
      </section>
    );
  }
  return (
    <section class="card">
      <h2>One-pagers</h2>
      <div class="gallery">
        {paretoFront && (
          <figure>
            <a href={`/runs/${run.id}/files/${OUTPUT_FILES.paretoFront}`}>
              <img
                src={`/runs/${run.id}/files/${OUTPUT_FILES.paretoFront}`}
                alt="Pareto front picture"
                loading="lazy"
              />
            </a>
            <figcaption>Pareto front</figcaption>
          </figure>
        )}
        {solIDs.map((id) => (
          <figure>
            <a href={`/runs/${run.id}/models/${id}`}>
              <img
                src={`/runs/${run.id}/files/${onePagerFile(id)}`}
                alt={`One-pager of model ${id}`}
                loading="lazy"
              />
            </a>
            <figcaption>{id}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
};

/**
 * The recommended model's health first; Robyn's pick (lowest Robyn distance) gets its own card, labelled as
 * such, only when it is another model.
 */
const HealthCards: FC<{ summary: ModelSummary; best?: RunTrust; recommended?: RunTrust }> = (props) => {
  const bestId = props.summary.best_model.model_id;
  const recommendedId = props.summary.recommended?.model_id;
  const same = recommendedId === bestId;
  return (
    <>
      {recommendedId && props.recommended && (
        <HealthCard
          trust={props.recommended}
          modelId={recommendedId}
          title={`Health of the recommended model${same ? " (also Robyn's pick)" : ""}`}
        />
      )}
      {props.best && !(same && props.recommended) && (
        <HealthCard
          trust={props.best}
          modelId={bestId}
          title="Health of Robyn's pick (lowest Robyn distance)"
          id={recommendedId && props.recommended ? "health-robyn-pick" : "health"}
        />
      )}
    </>
  );
};
