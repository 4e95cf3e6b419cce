/**
 * Forward scenarios on models of a finished run (issue "Decisions", item 3, media part): a spend plan for future
 * periods (a CSV, or the last N periods × a multiplier) → each medium's response per period with the carryover
 * from history, on the first model, and the range of the answer across all the given models. The baseline
 * (intercept, trend, season, holidays, context) is not projected yet; the report says so among its assumptions.
 */
import { invalidInput } from "../../common/errors.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import {
  forecastRange,
  recentSpendPlan,
  type MediaForecast,
  type RecentSpendPlan,
  type ScenarioRange,
  type SpendPlan,
} from "../../engine/scenario/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { runResponseModels } from "./run-response-model.ts";

export interface ScenarioRequest {
  /** The models: the first is the one reported in detail, all of them give the range. */
  solIDs: readonly string[];
  plan: SpendPlan | RecentSpendPlan;
}

export interface ScenarioReport {
  runId: string;
  solIDs: string[];
  interval: string;
  plan: SpendPlan;
  /** The first model's forecast, per medium and period. */
  forecast: MediaForecast;
  /** Across all the models (a single model gives a range of width 0). */
  range: Omit<ScenarioRange, "models">;
  /** What the numbers take for granted, in plain words. */
  assumptions: string[];
}

const BASELINE =
  "Media response only: the baseline (intercept, trend, season, holidays and context variables) is not projected into the plan's periods.";

export async function scenarioForRun(
  artifacts: ArtifactStore,
  run: Run,
  request: ScenarioRequest,
): Promise<ScenarioReport> {
  if (request.solIDs.length === 0)
    throw invalidInput("model", "Name at least one model (a solID such as 1_64_9).");
  const { input, models } = await runResponseModels(artifacts, run, request.solIDs);
  const plan = "periods" in request.plan ? recentSpendPlan(input, request.plan) : request.plan;
  const { models: forecasts, ...range } = forecastRange(models, plan);
  const forecast = forecasts[0]!.forecast;
  return {
    runId: run.id,
    solIDs: [...request.solIDs],
    interval: input.interval.type,
    plan,
    forecast,
    range,
    assumptions: [...forecast.notes, BASELINE],
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
