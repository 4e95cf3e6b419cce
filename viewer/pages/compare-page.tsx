/**
 * Two or more models side by side (from one run or several): fit with traffic lights, each channel's
 * effect share, spend share and ROAS/CPA with grouped bar charts, and the hyperparameters.
 */
import { SCORES_NOTE, type ModelScores } from "../results/model-scores.ts";
import type { Child, FC } from "hono/jsx";
import type { Run } from "../../core/run.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { Metric, ThresholdNote } from "./components/traffic-light.tsx";
import { num, pct } from "./format.ts";

type Row = Readonly<Record<string, number | string>>;

export interface ComparedModel {
  readonly run: Run;
  readonly model: ParetoModel;
  /** The model's two scores within its own run (`results/model-scores.ts`). */
  readonly scores: ModelScores | undefined;
  readonly variables: readonly Row[];
}

const HYPERPARAMETER = /_(alphas|gammas|thetas|shapes|scales)$/;

export const ComparePage: FC<{ models: readonly ComparedModel[] }> = ({ models }) => {
  if (models.length < 2) {
    return (
      <section class="card">
        <h1>Compare models</h1>
        <p>
          Tick two or more models in a run's table of Pareto models (or two or more runs in the runs list) and
          press “Compare”.
        </p>
      </section>
    );
  }
  const channels = [...new Set(models.flatMap((m) => paidChannels(m)))];
  const revenue = models.every((m) => m.run.spec.dep_var_type === "revenue");
  const efficiency = revenue ? "roi_total" : "cpa_total";
  const labels = models.map(
    (m) => `${m.model.solID} (${m.run.country.toUpperCase()} ${m.run.id.slice(0, 15)})`,
  );
  const series = (key: string) => models.map((m) => channels.map((ch) => rounded(valueOf(m, ch, key))));
  return (
    <>
      <h1>Compare {models.length} models</h1>
      <FitTable models={models} />
      <div class="grid">
        <section class="card">
          <h2>Effect share by channel</h2>
          <Chart kind="grouped" dataKey="effect" label="Effect share per channel, one bar per model" />
        </section>
        <section class="card">
          <h2>{revenue ? "ROAS" : "CPA"} by channel</h2>
          <Chart kind="grouped" dataKey="efficiency" label="Efficiency per channel, one bar per model" />
        </section>
      </div>
      <ChannelsTable models={models} channels={channels} efficiency={efficiency} />
      <HyperparameterTable models={models} />
      <ChartData
        data={{
          effect: { channels, models: labels, values: series("effect_share") },
          efficiency: {
            channels,
            models: labels,
            values: series(efficiency),
            metric: revenue ? "ROAS" : "CPA",
          },
        }}
      />
    </>
  );
};

/** A table with one column per model, headed by its solID and run, and the rows given. */
const ModelsTable: FC<{ models: readonly ComparedModel[]; corner?: string; children?: Child }> = ({
  models,
  corner,
  children,
}) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th>{corner}</th>
          {models.map((m) => (
            <th>
              <a href={`/runs/${m.run.id}/models/${m.model.solID}`}>{m.model.solID}</a>
              <div class="sub">
                <a href={`/runs/${m.run.id}`}>{m.run.id}</a>
              </div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);

const FitTable: FC<{ models: readonly ComparedModel[] }> = ({ models }) => {
  const rows: [string, "rsq" | "nrmse" | "decomp.rssd", string][] = [
    ["Adj. R² (train)", "rsq", "rsq_train"],
    ["Adj. R² (test)", "rsq", "rsq_test"],
    ["NRMSE", "nrmse", "nrmse"],
    ["DECOMP.RSSD", "decomp.rssd", "decomp.rssd"],
  ];
  return (
    <section class="card">
      <h2>Fit</h2>
      <ModelsTable models={models}>
        {rows.map(([label, metric, key]) => (
          <tr>
            <th>{label}</th>
            {models.map((m) => (
              <td>
                <Metric metric={metric} value={m.model[key]} />
              </td>
            ))}
          </tr>
        ))}
        <tr>
          <th>Robyn distance (within its run)</th>
          {models.map((m) => (
            <td>{num(m.scores?.robynDistance, 4)}</td>
          ))}
        </tr>
        <tr>
          <th>Recommendation score (within its run)</th>
          {models.map((m) => (
            <td>{num(m.scores?.recommendationScore, 4)}</td>
          ))}
        </tr>
      </ModelsTable>
      <ThresholdNote />
      <p class="note">{SCORES_NOTE}</p>
    </section>
  );
};

const ChannelsTable: FC<{
  models: readonly ComparedModel[];
  channels: readonly string[];
  efficiency: string;
}> = ({ models, channels, efficiency }) => (
  <section class="card">
    <h2>Channels</h2>
    <ModelsTable models={models} corner="Channel">
      {channels.map((ch) => (
        <tr>
          <th>{ch}</th>
          {models.map((m) => (
            <td>
              effect {pct(valueOf(m, ch, "effect_share"))} · spend {pct(valueOf(m, ch, "spend_share"))} ·{" "}
              {efficiency === "roi_total" ? "ROAS" : "CPA"} {num(valueOf(m, ch, efficiency), 2)}
            </td>
          ))}
        </tr>
      ))}
    </ModelsTable>
  </section>
);

const HyperparameterTable: FC<{ models: readonly ComparedModel[] }> = ({ models }) => {
  const names = [
    ...new Set(models.flatMap((m) => Object.keys(m.model).filter((k) => HYPERPARAMETER.test(k)))),
  ].sort();
  return (
    <section class="card">
      <details>
        <summary>Hyperparameters</summary>
        <ModelsTable models={models}>
          {names.map((name) => (
            <tr>
              <th>{name}</th>
              {models.map((m) => (
                <td>{num(m.model[name], 4)}</td>
              ))}
            </tr>
          ))}
        </ModelsTable>
      </details>
    </section>
  );
};

function paidChannels(m: ComparedModel): string[] {
  return m.variables.filter((v) => Number.isFinite(Number(v.spend_share))).map((v) => String(v.rn));
}

function valueOf(m: ComparedModel, channel: string, key: string): number {
  const v = m.variables.find((row) => row.rn === channel)?.[key];
  return typeof v === "number" ? v : Number.NaN;
}

function rounded(value: number): number | null {
  return Number.isFinite(value) ? Number(value.toPrecision(5)) : null;
}
