/**
 * `POST /api/runs/{id}/models/{model}/scenario`: a forward spend plan on the model (and, for a range, on other
 * models of the run) — explicit future periods and spends, or the last N periods × a multiplier — and the outcome
 * it gets: the projected baseline plus each medium's response with the carryover from history, and its range.
 */
import { z } from "zod";
import { ModelParams } from "./api-schemas.ts";

const multiple = z.number().nonnegative();

export const ScenarioBody = z.strictObject({
  plan: z
    .union([
      z.strictObject({
        dates: z
          .array(z.iso.date())
          .min(1)
          .max(520)
          .describe("Future period dates, ascending, after the data"),
        spend: z
          .record(z.string().min(1), z.array(z.number().nonnegative()).max(520))
          .describe("Spend per period by paid channel (spend column); organic variables optional"),
      }),
      z.strictObject({
        periods: z.number().int().min(1).describe("Replay the last N data periods after the data"),
        multiplier: z
          .union([multiple, z.record(z.string().min(1), multiple)])
          .optional()
          .describe("Times this (one for all channels, or by channel); default 1"),
      }),
    ])
    .describe("Explicit periods and spends, or the last N periods × a multiplier"),
  models: z
    .array(z.string().min(1).max(100))
    .max(50)
    .optional()
    .describe("Other solIDs of the run to give the range across (the path's model comes first)"),
});

const spread = z.object({
  value: z.number().describe("The scenario model's answer"),
  low: z.number(),
  high: z.number(),
});
const numbers = z.array(z.number().nullable());

export const ScenarioData = z
  .object({
    runId: z.string(),
    solIDs: z.array(z.string()),
    interval: z.string(),
    plan: z.object({ dates: z.array(z.string()), spend: z.record(z.string(), numbers) }),
    forecast: z.object({
      dates: z.array(z.string()),
      media: z.array(
        z.object({
          medium: z.string(),
          paid: z.boolean(),
          input: numbers,
          response: numbers.describe("Response per period"),
          fromHistory: numbers.describe("What earlier spend still brings (carryover)"),
          fromPlan: numbers.describe("What the plan adds"),
          totalInput: z.number(),
          totalResponse: z.number(),
          totalFromHistory: z.number(),
          totalFromPlan: z.number(),
        }),
      ),
      response: numbers,
      fromHistory: numbers,
      fromPlan: numbers,
      totalResponse: z.number(),
      totalPaidSpend: z.number(),
      paidResponse: z.number(),
      notes: z.array(z.string()),
    }),
    baseline: z
      .object({
        method: z.string(),
        assumptions: z.array(z.string()),
        per_period: numbers,
        total: z.number(),
        components: z.array(
          z.object({
            name: z.string(),
            rule: z.enum(["trend_last_year", "repeat_period", "period_mean", "recent_mean", "intercept"]),
            coef: z.number(),
            values: numbers,
            contribution: numbers,
          }),
        ),
      })
      .describe("The outcome without media, projected: an assumption, with its rules stated"),
    predicted: z.object({ per_period: numbers, total: z.number() }).describe("Baseline + media response"),
    range: z
      .object({
        method: z.enum(["given_models", "recommended_intervals", "near_optimal_models"]),
        models: z.array(z.string()),
        explanation: z.string(),
        media: z.array(z.object({ medium: z.string(), response: spread })),
        mediaTotal: spread,
        per_period: z.array(spread).describe("Predicted total per period"),
        total: spread.describe("Predicted total over the plan"),
      })
      .describe("Low and high of the answer, and where they come from"),
    assumptions: z.array(z.string()).describe("What the numbers take for granted"),
  })
  .describe("The predicted outcome of the plan on the model: baseline, media and its range");

export const ScenarioNameParams = ModelParams.extend({
  name: z.string().min(1).max(60).describe("The scenario's name (URL-encoded)"),
});

export const SaveScenarioBody = z.strictObject({
  plan: ScenarioBody.shape.plan,
});

const actor = z.object({ kind: z.string(), id: z.string(), name: z.string().optional() });

export const SavedScenarioView = z.object({
  runId: z.string(),
  solID: z.string(),
  name: z.string(),
  plan: ScenarioBody.shape.plan,
  by: actor,
  savedAt: z.string(),
});

export const SavedScenarioList = z.object({ scenarios: z.array(SavedScenarioView) });

export const SavedScenarioData = z
  .object({ scenario: SavedScenarioView, report: ScenarioData })
  .describe("The saved scenario and its answer, computed again from the run's outputs");
