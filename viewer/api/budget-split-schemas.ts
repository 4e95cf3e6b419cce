/**
 * `POST /api/budget-split`: a total budget split across markets (each market's picked model) and their channels,
 * with per-channel and per-market bounds as multiples of today's spend, and the split beside today's.
 */
import { z } from "zod";

const multiple = z.number().nonnegative().describe("A multiple of today's spend per period");
const bounds = z.strictObject({ low: multiple.optional(), up: multiple.optional() });
const marketCode = z.string().regex(/^[A-Za-z]{2}$/, "a two-letter market (country) code such as DE");

export const BudgetSplitBody = z.strictObject({
  countries: z
    .array(marketCode)
    .min(1)
    .max(50)
    .optional()
    .describe("The markets to split across; default every market with a picked model"),
  total_budget: z
    .number()
    .positive()
    .optional()
    .describe(
      "The total budget per period (per week for weekly data) across the markets; default today's total",
    ),
  target_roas: z
    .number()
    .positive()
    .optional()
    .describe(
      "Instead of total_budget: the revenue per unit of spend to meet; the answer is the largest budget whose best split meets it",
    ),
  channel_constr_low: multiple.optional().describe("Every channel's lowest spend; default 0.5"),
  channel_constr_up: multiple.optional().describe("Every channel's highest spend; default 2"),
  channel_bounds: z
    .record(z.string().min(1).max(200), bounds)
    .optional()
    .describe(
      'Per channel by spend column: {"TV_S": {"low": 0.8}} in every market, {"DE.TV_S": {...}} in one',
    ),
  market_bounds: z
    .record(marketCode, bounds)
    .optional()
    .describe('Per market, on its total spend: {"US": {"up": 1.1}}'),
  currencies: z
    .record(marketCode, z.string().regex(/^[A-Za-z]{3}$/, "an ISO 4217 code such as EUR"))
    .optional()
    .describe("Each market's currency when known; markets in different currencies are refused"),
  date_range: z
    .union([z.string().min(1).max(40), z.tuple([z.iso.date(), z.iso.date()])])
    .optional()
    .describe(
      "all, last, last_N, or [START, END]: the periods today's spend is the mean of, in every market",
    ),
});

const number = z.number().nullable();
const side = z.enum(["lower", "upper"]).nullable();
const amounts = {
  current: number,
  spend: number,
  lower: number,
  upper: number,
  currentResponse: number,
  response: number,
  marginal: number.describe("Response per extra unit of spend at the split (dR/dx)"),
  atBound: side,
};

export const BudgetSplitData = z
  .object({
    budget: z.number().describe("The budget per period split (found from target_roas when that was given)"),
    targetRoas: z.number().nullable(),
    intervalType: z.string().describe("The period budgets and spends are per"),
    depVarType: z.enum(["revenue", "conversion"]),
    currency: z.string().nullable(),
    assumptions: z.array(z.string()),
    models: z.array(
      z.object({
        market: z.string(),
        runId: z.string(),
        solID: z.string(),
        dateRange: z.object({ from: z.string(), to: z.string(), periods: z.number() }),
      }),
    ),
    markets: z.array(
      z.object({
        name: z.string(),
        ...amounts,
        channels: z.array(z.object({ name: z.string(), ...amounts })),
      }),
    ),
    totals: z.object({
      currentSpend: z.number(),
      currentResponse: z.number(),
      scaledCurrentResponse: z.number().describe("Today's split scaled to the budget"),
      spend: z.number(),
      response: z.number(),
      responseGain: z.number(),
      responseGainShare: number,
    }),
    marginal: number.describe(
      "The common marginal response of the free channels in free markets (KKT price)",
    ),
    diagnostics: z.object({
      method: z.string(),
      status: z.string(),
      nodes: z.number(),
      upperBound: number,
      relativeGap: number,
    }),
  })
  .describe("Per market and channel: today's spend and response, the split's, and which bounds it sits on");
