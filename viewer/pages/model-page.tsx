/**
 * One Pareto model: its one-pager (when the run has pictures), fit with traffic lights, the interactive
 * panels of the one-pager (decomposition waterfall, actual vs predicted, response curves with mean spend,
 * spend vs effect share with ROAS/CPA, adstock and carryover), its variables, mROI and the next-10 % ranking,
 * a response query, the budget allocator,
 * downloads, and (full access) "Pick as best" and share links.
 * A page component is one JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { Run } from "../../core/run.ts";
import type { AllocationFormState } from "../results/allocation-form.ts";
import type { AllocationView } from "../results/allocation-view.ts";
import type { MarginalView } from "../results/marginal-view.ts";
import type { ModelCharts } from "../results/model-charts.ts";
import type { ResponseQueryView } from "../results/response-query-view.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";
import type { SessionData } from "../viewer-env.ts";
import { AllocationCard } from "./components/allocation-card.tsx";
import { allocationChartData, allocationChartKey } from "../results/allocation-export.ts";
import { ChannelTable } from "./components/channel-table.tsx";
import { Chart, ChartData } from "./components/chart.tsx";
import { MarginalCard } from "./components/marginal-card.tsx";
import { ModelMetrics } from "./components/model-metrics.tsx";
import type { ModelScores } from "../results/model-scores.ts";
import { PickCard } from "./components/pick-card.tsx";
import { ResponseCard } from "./components/response-card.tsx";
import { RunHeader } from "./components/run-header.tsx";
import { ShareLinks, type ShownLink } from "./components/share-links.tsx";
import { robynModelFile } from "../../common/run-folder.ts";
import type { RunTrust } from "../../core/results/run-health.ts";
import { HealthCard } from "./components/health-card.tsx";
import { TwinCard } from "./components/twin-card.tsx";
import type { TwinJobState } from "../../core/results/twin-jobs.ts";

export interface ModelPageProps {
  readonly run: Run;
  readonly model: ParetoModel;
  /** The model's two scores within its run (`results/model-scores.ts`). */
  readonly scores: ModelScores | undefined;
  readonly variables: readonly Readonly<Record<string, number | string>>[];
  readonly charts: ModelCharts;
  readonly marginal: MarginalView;
  readonly response: ResponseQueryView;
  /** The trainer drew the one-pager (or it was drawn before); "draw": the visitor asked for it now. */
  readonly onepager: "stored" | "draw" | "none";
  readonly allocations: readonly AllocationView[];
  /** The allocator form as typed, after a refusal. */
  readonly allocationForm?: AllocationFormState | undefined;
  readonly pick?: BestModelPick;
  readonly full: boolean;
  /** The visitor may open the run's own pages (false for a link to this model only). */
  readonly runVisible: boolean;
  readonly session: SessionData;
  readonly shareLinks?: readonly ShownLink[];
  readonly depVarType: "revenue" | "conversion";
  readonly flash?: string;
  /** The model's health checks and the run's calibration, when the run's files tell. */
  readonly health?: RunTrust;
  /** The model's last known-truth twin, if one was started. */
  readonly twin?: TwinJobState | undefined;
}

export const ModelPage: FC<ModelPageProps> = (p) => {
  const base = `/runs/${p.run.id}/models/${p.model.solID}`;
  const country = p.run.country.toUpperCase();
  const onePagerUrl = `/runs/${p.run.id}/models/${p.model.solID}/onepager.png`;
  return (
    <>
      <RunHeader run={p.run} current="model" full={p.full} runLinks={p.runVisible} />
      <h2 class="model-title">Model {p.model.solID}</h2>
      {p.flash && <p class="card ok">{p.flash}</p>}
      {p.health && <HealthCard trust={p.health} modelId={p.model.solID} />}
      <p class="note" id="calibration-link">
        <a href={`${base}/calibration`}>Calibration</a>:{" "}
        {p.run.spec.calibration_input.length > 0
          ? `model ${p.model.solID} against each of the run's ${p.run.spec.calibration_input.length} lift studies, with the experiments' uncertainty.`
          : "this run has no lift studies; how to add them."}
      </p>
      <div class="grid">
        <ModelMetrics
          model={p.model}
          scores={p.scores}
          calibrated={(p.run.spec.calibration_input?.length ?? 0) > 0}
        />
        <section class="card" id="onepager">
          <h2>One-pager</h2>
          {p.onepager === "none" ? (
            <p>
              The trainer draws one-pagers for the best model of each cluster and the recommended one.{" "}
              <a href={`/runs/${p.run.id}/models/${p.model.solID}?onepager=draw#onepager`} data-draw-onepager>
                Draw this model's one-pager
              </a>{" "}
              (a few seconds; kept for next time).
            </p>
          ) : (
            <a href={onePagerUrl} title="Open the full-size picture">
              <img class="onepager" src={onePagerUrl} alt={`One-pager of model ${p.model.solID}`} />
            </a>
          )}
        </section>
      </div>
      {p.full && (
        <PickCard
          runId={p.run.id}
          solID={p.model.solID}
          country={country}
          current={p.pick}
          session={p.session}
        />
      )}
      <TwinCard
        runId={p.run.id}
        solID={p.model.solID}
        twin={p.twin}
        session={p.full ? p.session : undefined}
      />
      <div class="grid">
        <section class="card">
          <h2>Response decomposition</h2>
          <p class="note">Each variable's share of the modelled response over the window, largest first.</p>
          <Chart kind="waterfall" dataKey="waterfall" label="Response decomposition waterfall" tall />
        </section>
        <section class="card">
          <h2>Actual vs predicted</h2>
          <Chart kind="fit" dataKey="fit" label="Actual and predicted response over time" />
        </section>
        <section class="card">
          <h2>Response curves</h2>
          <p class="note">
            Response of each paid channel by adstocked spend per period; the dot is the mean spend.
          </p>
          <Chart kind="response" dataKey="response" label="Response curves with mean spend" />
        </section>
        <section class="card">
          <h2>Spend vs effect</h2>
          <p class="note">
            Share of spend and of effect per paid channel, with {p.depVarType === "revenue" ? "ROAS" : "CPA"}.
          </p>
          <Chart
            kind="shares"
            dataKey="shares"
            label="Spend share, effect share and efficiency per channel"
          />
        </section>
        <section class="card">
          <h2>Adstock and carryover</h2>
          <Chart kind="adstock" dataKey="adstock" label="Adstock decay and carryover share per medium" />
        </section>
      </div>
      <ChannelTable variables={p.variables} depVarType={p.depVarType} />
      <MarginalCard
        view={p.marginal}
        depVarType={p.depVarType}
        organic={p.run.spec.organic_vars}
        currency={p.run.spec.currency}
      />
      <ResponseCard base={base} view={p.response} />
      <AllocationCard
        runId={p.run.id}
        solID={p.model.solID}
        allocations={p.allocations}
        channels={p.run.spec.paid_media_spends}
        currency={p.run.spec.currency}
        revenue={p.depVarType === "revenue"}
        form={p.allocationForm}
        session={p.full ? p.session : undefined}
      />
      <section class="card" id="scenarios">
        <h2>Forward scenarios</h2>
        <p>
          <a href={`${base}/scenarios`}>Plan spend for the weeks after the data</a>: the predicted outcome
          with its range, saved plans side by side.
        </p>
      </section>
      <section class="card">
        <h2>Downloads</h2>
        <ul class="files">
          <li>
            <a href={`${base}/download/model.json`}>model.json</a> (hyperparameters, fit and variables)
          </li>
          <li>
            <a href={`${base}/download/${robynModelFile(p.model.solID)}`}>{robynModelFile(p.model.solID)}</a>{" "}
            (the model in Robyn 3.12.1's format, for <code>robyn_recreate</code> or{" "}
            <code>mmm import-robyn</code>)
          </li>
          <li>
            <a href={`${base}/download/aggregated.csv`}>aggregated.csv</a> (pareto_aggregated rows of this
            model)
          </li>
          <li>
            <a href={`${base}/download/decomposition.csv`}>decomposition.csv</a> (contribution of every
            variable per period)
          </li>
          <li>
            <a href={`${base}/download/media_transform.csv`}>media_transform.csv</a> (adstocked spend and
            response per period)
          </li>
          {p.onepager !== "none" && (
            <li>
              <a href={`${onePagerUrl}?download=1`}>one-pager (PNG)</a>
            </li>
          )}
        </ul>
      </section>
      {p.full && p.shareLinks && (
        <ShareLinks runId={p.run.id} solID={p.model.solID} links={p.shareLinks} session={p.session} />
      )}
      <ChartData
        data={{
          ...p.charts,
          responseQuery: p.response.chart,
          ...Object.fromEntries(
            p.allocations.map((a, i) => [
              allocationChartKey(i),
              { ...allocationChartData(a), currency: p.run.spec.currency ?? null },
            ]),
          ),
        }}
      />
    </>
  );
};
