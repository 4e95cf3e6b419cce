/**
 * Weekly marketing data in Robyn's own functional form with a known truth, for measuring how well a
 * training run recovers each channel's ROI (the recovery benchmark, and later `mmm twin`):
 *
 *   y_t = intercept + trend·t + season·sin(2π(t − 8)/52.18) + context·c_t
 *       + Σ_m beta_m · hill(adstock(x_m; theta_m); alpha_m, gamma_m)_t + noise_t
 *   adstock: geometric (Robyn `adstock_geometric`), hill: Robyn 3.12's `saturation_hill`, inflexion
 *   gamma·max over the whole series (the modelling window is the whole table).
 *
 * Each channel's beta is set so that its ROI over the window, Σ response / Σ spend (Robyn's `roi_total`),
 * equals the scenario's target exactly, so the truth is stated in the unit the model reports.
 *
 * The transforms are the engine's own (`transform/`), which the golden tests tie to Robyn's numbers; what
 * the simulated truth checks is model selection and intervals, not the transforms.
 *
 * Scenarios: `easy` (independent, varied spends), `collinear` (two channels moving together),
 * `always_on` (steady spends that follow the season), `short_history` (one year of data).
 * Lift studies (Robyn `calibration_input`, scope `total`): the channel's true response over a few weeks,
 * measured with relative noise of `liftNoise`.
 */
import type { Cell, Table } from "../../common/table.ts";
import type { CalibrationStudyInput } from "../calibration/studies.ts";
import { addDays } from "../data/dates.ts";
import { createRng, type Rng } from "../search/rng.ts";
import { geometricAdstock } from "../transform/adstock.ts";
import { hillInflexion, hillSaturate } from "../transform/saturation.ts";

export const SIMULATION_SCENARIOS = ["easy", "collinear", "always_on", "short_history"] as const;
export type SimulationScenario = (typeof SIMULATION_SCENARIOS)[number];

export interface SimulatedChannel {
  /** The spend column, also the modelled variable. */
  channel: string;
  theta: number;
  alpha: number;
  gamma: number;
  /** Response at full saturation. */
  beta: number;
  /** Σ response / Σ spend over the window. */
  roi: number;
  /** Share of the channel's response in the paid channels' total response (Robyn's `effect_share`). */
  effect_share: number;
}

export interface SimulatedData {
  scenario: SimulationScenario;
  table: Table;
  date_var: "DATE";
  dep_var: "revenue";
  paid_media_spends: string[];
  context_vars: string[];
  truth: { channels: SimulatedChannel[]; baseline_share: number };
  /** Lift studies built from the truth (empty unless asked for). */
  calibration_input: CalibrationStudyInput[];
}

export interface SimulationOptions {
  seed: number;
  /** Lift studies to build, one per channel in order (at most one per channel). Default 0. */
  liftStudies?: number;
  /** Relative standard deviation of a study's measured lift. Default 0.1. */
  liftNoise?: number;
}

interface ChannelPlan {
  channel: string;
  theta: number;
  alpha: number;
  gamma: number;
  roi: number;
}

/** The channels of every scenario; names follow Robyn's demo so the recommended theta ranges contain the truth. */
const CHANNELS: readonly ChannelPlan[] = [
  { channel: "tv_S", theta: 0.5, alpha: 1.8, gamma: 0.55, roi: 2.0 },
  { channel: "social_S", theta: 0.15, alpha: 1.2, gamma: 0.5, roi: 1.5 },
  { channel: "search_S", theta: 0.05, alpha: 2.2, gamma: 0.6, roi: 3.0 },
  { channel: "ooh_S", theta: 0.25, alpha: 1.0, gamma: 0.7, roi: 0.8 },
];

const BASELINE = { intercept: 150_000, trend: 150, season: 25_000, context: 0.3, noiseShare: 0.04 };

export function simulateMmmData(scenario: SimulationScenario, options: SimulationOptions): SimulatedData {
  const rng = createRng(options.seed);
  const weeks = scenario === "short_history" ? 52 : 156;
  const spends = simulateSpends(scenario, rng.fork(1), weeks);
  const contextRng = rng.fork(2);
  const competitor = series(weeks, (t) => 100_000 + 20_000 * Math.sin(t / 9) + 8_000 * contextRng.normal());
  const baseline = series(
    weeks,
    (t) =>
      BASELINE.intercept +
      BASELINE.trend * t +
      BASELINE.season * seasonWave(t) +
      BASELINE.context * competitor[t]!,
  );
  const responses = CHANNELS.map((plan, m) => channelResponse(plan, spends[m]!));
  const mediaTotal = responses.reduce((s, r) => s + sum(r.series), 0);
  const noiseRng = rng.fork(3);
  const meanY = (sum(baseline) + mediaTotal) / weeks;
  const revenue = series(
    weeks,
    (t) =>
      baseline[t]! +
      responses.reduce((s, r) => s + r.series[t]!, 0) +
      BASELINE.noiseShare * meanY * noiseRng.normal(),
  );
  const dates = series(weeks, (t) => addDays("2022-01-03", 7 * t));
  const data: Record<string, Cell[]> = { DATE: dates, revenue: revenue.map(cents) };
  CHANNELS.forEach((plan, m) => (data[plan.channel] = spends[m]!.map(cents)));
  data.competitor = competitor.map(cents);
  const channels = CHANNELS.map((plan, m) => ({
    channel: plan.channel,
    theta: plan.theta,
    alpha: plan.alpha,
    gamma: plan.gamma,
    beta: responses[m]!.beta,
    roi: plan.roi,
    effect_share: sum(responses[m]!.series) / mediaTotal,
  }));
  return {
    scenario,
    table: { columns: Object.keys(data), data },
    date_var: "DATE",
    dep_var: "revenue",
    paid_media_spends: CHANNELS.map((c) => c.channel),
    context_vars: ["competitor"],
    truth: { channels, baseline_share: sum(baseline) / (sum(baseline) + mediaTotal) },
    calibration_input: liftStudies(
      rng.fork(4),
      dates,
      spends,
      responses.map((r) => r.series),
      options.liftStudies ?? 0,
      options.liftNoise ?? 0.1,
    ),
  };
}

/** Weekly spends per channel (in `CHANNELS` order) for a scenario. */
function simulateSpends(scenario: SimulationScenario, rng: Rng, weeks: number): number[][] {
  const varied = (level: number, spread: number) =>
    series(weeks, () => level * (1 - spread + 2 * spread * rng.next()));
  if (scenario === "always_on") {
    // Steady spends that rise and fall with the season: little variation of their own to learn from.
    const steady = (level: number) =>
      series(weeks, (t) => level * (1 + 0.15 * seasonWave(t)) * (0.92 + 0.16 * rng.next()));
    return [steady(15_000), steady(9_000), steady(8_000), steady(6_000)];
  }
  const tv = flighted(rng, weeks, 0.5, () => 30_000 * (0.8 + 0.4 * rng.next()));
  const ooh = flighted(rng, weeks, 0.35, () => 15_000 * (0.8 + 0.4 * rng.next()));
  const social = varied(9_000, 0.6);
  const search =
    scenario === "collinear"
      ? // Search follows social closely (a shared budget plan): correlation about 0.95.
        social.map((s) => ((s * 8_000) / 9_000) * (0.93 + 0.14 * rng.next()))
      : varied(8_000, 0.6);
  return [tv, social, search, ooh];
}

/** The channel's response series and the beta that gives it the planned ROI. */
function channelResponse(plan: ChannelPlan, spend: number[]): { series: number[]; beta: number } {
  const n = spend.length;
  const adstocked = new Float64Array(n);
  geometricAdstock(spend, plan.theta, adstocked);
  const saturated = new Float64Array(n);
  hillSaturate(adstocked, plan.alpha, hillInflexion(adstocked, plan.gamma), saturated);
  const beta = (plan.roi * sum(spend)) / sum(saturated);
  return { series: Array.from(saturated, (s) => beta * s), beta };
}

/**
 * One four-week study per channel (first `count` channels), placed in the middle third of the data at
 * the first run of four weeks with spend in each; liftAbs is the channel's true response over those weeks
 * times (1 + liftNoise·N(0,1)).
 */
function liftStudies(
  rng: Rng,
  dates: readonly string[],
  spends: readonly number[][],
  responses: readonly number[][],
  count: number,
  liftNoise: number,
): CalibrationStudyInput[] {
  const studies: CalibrationStudyInput[] = [];
  const length = 4;
  for (let m = 0; m < Math.min(count, CHANNELS.length); m++) {
    const spend = spends[m]!;
    let first = Math.floor(dates.length / 3);
    while (first + length < dates.length && spend.slice(first, first + length).some((s) => !(s > 0))) first++;
    const rows = { from: first, to: Math.min(first + length, dates.length) - 1 };
    const truth = sum(responses[m]!.slice(rows.from, rows.to + 1));
    studies.push({
      channel: CHANNELS[m]!.channel,
      liftStartDate: dates[rows.from]!,
      liftEndDate: dates[rows.to]!,
      liftAbs: Math.max(1, truth * (1 + liftNoise * rng.normal())),
      spend: cents(sum(spend.slice(rows.from, rows.to + 1).map(cents))),
      confidence: 1 - liftNoise,
      calibration_scope: "total",
    });
  }
  return studies;
}

/** Campaign bursts of 3–8 weeks, on for about `share` of the weeks. */
function flighted(rng: Rng, n: number, share: number, amount: () => number): number[] {
  const out: number[] = [];
  const meanOff = (5.5 * (1 - share)) / share;
  let on = rng.next() < share;
  while (out.length < n) {
    const length = on ? 3 + rng.int(6) : 2 + rng.int(Math.max(1, Math.round(2 * (meanOff - 2)) + 1));
    for (let k = 0; k < length && out.length < n; k++) out.push(on ? amount() : 0);
    on = !on;
  }
  return out;
}

function seasonWave(t: number): number {
  return Math.sin((2 * Math.PI * (t - 8)) / 52.18);
}

function series<T>(n: number, value: (t: number) => T): T[] {
  return Array.from({ length: n }, (_, t) => value(t));
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
