/**
 * Forward scenarios on models of a finished run (issue "Decisions", item 3): a spend plan for future periods (a
 * CSV, or the last N periods × a multiplier) → the predicted outcome per period: the baseline projected from the
 * model's trend, season, context and intercept (an assumption, stated), plus each medium's response with the
 * carryover from history; and a low/high of the answer, from one of three sources, named in `range.method`:
 *
 * - `given_models`: the caller named other models; the range is across them and the scenario's model.
 * - `recommended_intervals`: the scenario's model is the run's recommended model; each paid channel's response
 *   is scaled by its 80 % ROI interval (docs/recommendation.md), whose coverage was measured.
 * - `near_optimal_models`: any other model; the range is across it and the run's near-optimal set (the best
 *   10 % of the Pareto models by the recommendation score, at least 3). Their spread under-covers the truth
 *   (they share biases), which the explanation says.
 */
import { invalidInput } from "../../common/errors.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import {
  forecastMedia,
  projectBaseline,
  rangeAcrossModels,
  rangeFromIntervals,
  recentSpendPlan,
  type BaselineProjection,
  type ChannelInterval,
  type MediaForecast,
  type ModelScenario,
  type RecentSpendPlan,
  type ScenarioRange,
  type SpendPlan,
} from "../../engine/scenario/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { derivedNearOptimalModels } from "./derived-recommendation.ts";
import { RunOutputs } from "./run-outputs.ts";
import { runResponseModels } from "./run-response-model.ts";

export interface ScenarioRequest {
  /** The models: the first is the one reported in detail; others, when given, give the range. */
  solIDs: readonly string[];
  plan: SpendPlan | RecentSpendPlan;
}

export type RangeMethod = "given_models" | "recommended_intervals" | "near_optimal_models";

export interface ScenarioReport {
  runId: string;
  solIDs: string[];
  interval: string;
  plan: SpendPlan;
  /** The first model's media forecast, per medium and period. */
  forecast: MediaForecast;
  /** The first model's outcome without media, projected (an assumption). */
  baseline: BaselineProjection;
  /** Baseline + media response, per period and over the plan. */
  predicted: { per_period: number[]; total: number };
  range: ScenarioRange & {
    method: RangeMethod;
    /** The models the range is across (`recommended_intervals`: the one model). */
    models: string[];
    explanation: string;
  };
  /** What the numbers take for granted, in plain words. */
  assumptions: string[];
}

/** Context variables and organic media left out of the plan are held at their mean over this many periods. */
const RECENT_PERIODS = 4;

export async function scenarioForRun(
  artifacts: ArtifactStore,
  run: Run,
  request: ScenarioRequest,
): Promise<ScenarioReport> {
  const [solID, ...others] = request.solIDs;
  if (solID === undefined) throw invalidInput("model", "Name at least one model (a solID such as 1_64_9).");
  const outputs = new RunOutputs(artifacts, run);
  const rangeSource = await rangeSourceOf(outputs, run, solID, others);
  const solIDs = rangeSource.method === "recommended_intervals" ? [solID] : rangeSource.models;
  const { input, models } = await runResponseModels(artifacts, run, solIDs);
  const plan = "periods" in request.plan ? recentSpendPlan(input, request.plan) : request.plan;
  const scenarios: ModelScenario[] = models.map(({ solID: id, model }) => ({
    solID: id,
    forecast: forecastMedia(model, plan, { recentPeriods: RECENT_PERIODS }),
    baseline: projectBaseline({ input, coefficients: model.coefficients }, plan.dates, RECENT_PERIODS),
  }));
  const { forecast, baseline } = scenarios[0]!;
  const range =
    rangeSource.method === "recommended_intervals"
      ? rangeFromIntervals(scenarios[0]!, rangeSource.intervals)
      : rangeAcrossModels(scenarios);
  return {
    runId: run.id,
    solIDs: [...request.solIDs],
    interval: input.interval.type,
    plan,
    forecast,
    baseline,
    predicted: {
      per_period: baseline.per_period.map((b, t) => b + forecast.response[t]!),
      total: baseline.total + forecast.totalResponse,
    },
    range: {
      method: rangeSource.method,
      models: rangeSource.models,
      explanation: rangeSource.explanation,
      ...range,
    },
    assumptions: [...forecast.notes, ...baseline.assumptions, rangeSource.explanation],
  };
}

type RangeSource =
  | {
      method: "recommended_intervals";
      models: string[];
      explanation: string;
      intervals: Map<string, ChannelInterval>;
    }
  | { method: "given_models" | "near_optimal_models"; models: string[]; explanation: string };

async function rangeSourceOf(
  outputs: RunOutputs,
  run: Run,
  solID: string,
  others: readonly string[],
): Promise<RangeSource> {
  if (others.length > 0)
    return {
      method: "given_models",
      models: [solID, ...others],
      explanation: `The range is the lowest and highest answer of the models given (${[solID, ...others].join(", ")}), each with its own baseline.`,
    };
  const recommended = (await outputs.summary())?.recommended;
  if (recommended?.model_id === solID)
    return {
      method: "recommended_intervals",
      models: [solID],
      explanation:
        "The range scales each paid channel's response by the recommended model's 80 % ROI interval (roi_low/roi to roi_high/roi), all channels at their low or high end together; the baseline and organic media count at their value.",
      intervals: new Map(recommended.channels.map((c) => [c.channel, c])),
    };
  const near = derivedNearOptimalModels(await outputs.paretoModels(), await outputs.aggregated(), run.spec);
  const models = [solID, ...near.filter((id) => id !== solID)];
  return {
    method: "near_optimal_models",
    models,
    explanation: `The range is the lowest and highest answer of this model and the run's ${near.length} near-optimal models (the best 10 % by the recommendation score), each with its own baseline. Those models share biases, so the true answer can lie outside it.`,
  };
}

/** A plan from CSV: a `date` column (ISO dates) and one column of spends per channel. */
export function planFromCsv(text: string): SpendPlan {
  const table = parseCsv(text, "The plan file");
  const dateColumn = table.columns.find((c) => c.toLowerCase() === "date") ?? table.columns[0];
  if (dateColumn === undefined)
    throw invalidInput("plan", "The plan file has no columns: give date, then one column per channel.");
  const dates = table.data[dateColumn]!.map((cell, i) => {
    if (typeof cell !== "string")
      throw invalidInput("plan", `Row ${i + 2} of the plan file has no date in "${dateColumn}".`);
    return cell;
  });
  const spend = Object.fromEntries(
    table.columns
      .filter((c) => c !== dateColumn)
      .map((column) => [
        column,
        table.data[column]!.map((cell, i) => {
          if (typeof cell !== "number")
            throw invalidInput(
              `spend.${column}`,
              `Row ${i + 2} of the plan file has no number for ${column}.`,
            );
          return cell;
        }),
      ]),
  );
  return { dates, spend };
}
