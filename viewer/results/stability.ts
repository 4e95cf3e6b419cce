/**
 * Model stability across runs of a country (the replaced product's "Review Model Stability", seed
 * inventory §1.8): over the Pareto models of several runs that pass a quality bar, the distribution of
 * each paid channel's effect share and ROAS (or CPA). Narrow boxes mean the runs agree about a channel;
 * wide ones mean its value depends on which model one picks.
 *
 * Quality bars use the traffic-light thresholds on every split a model has (adjusted R² of train,
 * validation and test; NRMSE of each; DECOMP.RSSD): `green` needs every metric green, `amber` every
 * metric amber or better, `all` keeps every model.
 */
import { distributionOf, type Distribution } from "../../engine/stats/distribution.ts";
import type { ParetoModel } from "../../core/results/run-outputs.ts";
import { lightOf, type LightMetric } from "./traffic-light.ts";

export type QualityBar = "green" | "amber" | "all";

type Row = Readonly<Record<string, number | string>>;

export interface RunModels {
  readonly runId: string;
  readonly models: readonly ParetoModel[];
  /** `pareto_aggregated.csv` rows of the run. */
  readonly variables: readonly Row[];
}

export interface ChannelStability {
  readonly channel: string;
  readonly effect?: Distribution;
  readonly efficiency?: Distribution;
  /** The picked model's values, when the pick is among the runs. */
  readonly pickedEffect?: number;
  readonly pickedEfficiency?: number;
}

export interface Stability {
  readonly selected: number;
  readonly total: number;
  readonly runs: number;
  readonly channels: readonly ChannelStability[];
}

const CHECKS: readonly [string, LightMetric][] = [
  ["rsq_train", "rsq"],
  ["rsq_val", "rsq"],
  ["rsq_test", "rsq"],
  ["nrmse_train", "nrmse"],
  ["nrmse_val", "nrmse"],
  ["nrmse_test", "nrmse"],
  ["decomp.rssd", "decomp.rssd"],
];

export function passes(model: ParetoModel, bar: QualityBar): boolean {
  if (bar === "all") return true;
  return CHECKS.every(([key, metric]) => {
    const light = lightOf(metric, typeof model[key] === "number" ? (model[key] as number) : Number.NaN);
    return light === "none" || light === "green" || (bar === "amber" && light === "amber");
  });
}

export function stabilityOf(
  runs: readonly RunModels[],
  bar: QualityBar,
  efficiency: "roi_total" | "cpa_total",
  picked?: { runId: string; solID: string },
): Stability {
  let total = 0;
  const effect = new Map<string, number[]>();
  const eff = new Map<string, number[]>();
  const pickedValues = new Map<string, { effect?: number; efficiency?: number }>();
  for (const run of runs) {
    total += run.models.length;
    const kept = new Set(run.models.filter((m) => passes(m, bar)).map((m) => m.solID));
    for (const row of run.variables) {
      const share = row.spend_share;
      if (typeof share !== "number" || !Number.isFinite(share) || !kept.has(String(row.solID))) continue;
      const channel = String(row.rn);
      push(effect, channel, row.effect_share);
      push(eff, channel, row[efficiency]);
      if (picked && picked.runId === run.runId && picked.solID === row.solID) {
        pickedValues.set(channel, { effect: Number(row.effect_share), efficiency: Number(row[efficiency]) });
      }
    }
  }
  const selected = runs.reduce((n, run) => n + run.models.filter((m) => passes(m, bar)).length, 0);
  const channels = [...effect.keys()].map((channel) => {
    const p = pickedValues.get(channel);
    const e = distributionOf(effect.get(channel) ?? []);
    const f = distributionOf(eff.get(channel) ?? []);
    return {
      channel,
      ...(e ? { effect: e } : {}),
      ...(f ? { efficiency: f } : {}),
      ...(p?.effect !== undefined && Number.isFinite(p.effect) ? { pickedEffect: p.effect } : {}),
      ...(p?.efficiency !== undefined && Number.isFinite(p.efficiency)
        ? { pickedEfficiency: p.efficiency }
        : {}),
    };
  });
  return { selected, total, runs: runs.length, channels };
}

function push(map: Map<string, number[]>, key: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) return;
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}
