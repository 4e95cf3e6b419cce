/**
 * RunSpec: everything a training run needs, in one validated document.
 *
 * Field names follow Robyn's `robyn_inputs()` / `robyn_run()` arguments so that Robyn users recognise
 * them; `engine`, `data`, `resample`, `allocator` and `prophet` are ours. The schema is exported as JSON
 * Schema (see `run-spec-json-schema.ts`) so that the R trainer validates the same document.
 *
 * Hyperparameters: each entry is either a `[lo, hi]` range (searched) or a single number (fixed).
 * Names are `<media>_<thetas|alphas|gammas|shapes|scales>`, plus `train_size` and `lambda`. `lambda` has
 * one meaning per form in every path and both engines: a `[lo, hi]` pair is Robyn's share range in [0, 1]
 * of the data-derived lambda range (searched over [0, 1] when absent); a single number is the absolute
 * ridge penalty, as Robyn's `dt_hyper_fixed`, model JSON and `pareto_hyperparameters.csv` carry it.
 * A spec whose every hyperparameter is fixed is one model: `parseRunSpec` sets its budget to 1 x 1.
 */
import { z } from "zod";
import { AGGREGATIONS } from "../engine/data/preparation-report.ts";
import { WEEKDAYS } from "../engine/data/weekday.ts";
import { MmmError } from "../common/errors.ts";
import { hyperparameterNames } from "../engine/model/hyperparameters.ts";
import { RefreshBlock } from "./refresh-block.ts";
import { specProblems, type SpecShape } from "./spec-problems.ts";
import { MAX_MARKET_LENGTH, countryOfMarket, marketKey } from "./market.ts";
import {
  CountryHolidays,
  DtHolidays,
  HolidayRowSchema,
  ProphetSeasonality,
  prophetSettingsIssues,
} from "./prophet-settings.ts";

export { fieldPath } from "./spec-problems.ts";

const columnName = z
  .string({ error: "must be a column name" })
  .min(1, { error: "must not be empty" })
  .max(255, { error: "is longer than 255 characters" });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" });

export const SIGNS = ["positive", "negative", "default"] as const;
export const PROPHET_VARS = ["trend", "season", "monthly", "weekday", "holiday"] as const;
export const ADSTOCKS = ["geometric", "weibull_cdf", "weibull_pdf"] as const;

const signList = z.array(z.enum(SIGNS, { error: "must be positive, negative or default" }));

export const HyperparameterValue = z.union(
  [z.number().finite(), z.tuple([z.number().finite(), z.number().finite()])],
  { error: "must be a number (fixed) or a [low, high] pair (searched)" },
);
export type HyperparameterValue = z.infer<typeof HyperparameterValue>;

export const CalibrationStudy = z.strictObject({
  channel: z.string().min(1, { error: "name the channel (or channels joined by +) the study measured" }),
  liftStartDate: isoDate,
  liftEndDate: isoDate,
  liftAbs: z.number({ error: "must be the measured incremental response (a number)" }).finite(),
  spend: z.number().finite().nonnegative(),
  confidence: z.number().min(0).max(1).default(0.9),
  metric: z.string().optional(),
  calibration_scope: z.enum(["immediate", "total"]).default("immediate"),
});
export type CalibrationStudy = z.infer<typeof CalibrationStudy>;
/** A study as written, before the defaults (`confidence`, `calibration_scope`) are filled in. */
export type CalibrationStudyInput = z.input<typeof CalibrationStudy>;

const countryColumn = columnName.optional();
export const DataSource = z.union(
  [
    z.strictObject({ table: z.string().min(1), country_column: countryColumn }),
    z.strictObject({ sql: z.string().min(1), country_column: countryColumn }),
    z.strictObject({ file: z.string().min(1), country_column: countryColumn }),
    /** An uploaded dataset: `NAME` (its latest version when the run starts) or `NAME@VERSION`. */
    z.strictObject({ dataset: z.string().min(1), country_column: countryColumn }),
    /** A saved preparation (`core/preparations/`): its source, market, kept and derived columns. */
    z.strictObject({
      preparation: z.string().min(1),
      // Its rows are the market's already (the preparation names its source's market column).
      country_column: z.undefined().optional(),
    }),
  ],
  {
    error:
      "must name a warehouse `table`, a `sql` query, an uploaded `dataset`, a saved `preparation` or a CSV `file`",
  },
);
export type DataSource = z.infer<typeof DataSource>;

export { AGGREGATIONS };

export const AllocatorSettings = z.strictObject({
  scenario: z.enum(["max_response", "target_efficiency"]).default("max_response"),
  /** Total budget over the date range; absent = the historical spend of the range. */
  total_budget: z.number().positive().optional(),
  /** Target ROAS (revenue) or CPA (conversion) for `target_efficiency`. */
  target_value: z.number().positive().optional(),
  /** Lower/upper bound per channel as a multiple of its current spend (one value, or one per paid channel). */
  channel_constr_low: z.union([z.number().nonnegative(), z.array(z.number().nonnegative())]).optional(),
  channel_constr_up: z.union([z.number().nonnegative(), z.array(z.number().nonnegative())]).optional(),
  channel_constr_multiplier: z.number().min(1).default(3),
  /** "all", "last", "last_<n>", or a [start, end] pair of dates inside the window. */
  date_range: z.union([z.string(), z.tuple([isoDate, isoDate])]).default("all"),
});
export type AllocatorSettings = z.infer<typeof AllocatorSettings>;

/** ISO 4217 codes as Node's ICU knows them (`Intl.supportedValuesOf`, Node 18+). */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

export const RunSpecSchema = z
  .strictObject({
    market: z
      .string({ error: "must be a value of the data's market column, e.g. DE or Geo3" })
      .min(1, { error: "must not be empty" })
      .max(MAX_MARKET_LENGTH, { error: `is longer than ${MAX_MARKET_LENGTH} characters` })
      .optional()
      .describe(
        "The market the run is for: a value of the data's market column (data.country_column), e.g. DE or Geo3. Default: country.",
      ),
    country: z
      .string({ error: "must be a two-letter country code such as DE or US" })
      .regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter country code such as DE or US" })
      .transform((c) => c.toUpperCase())
      .optional()
      .describe(
        "Two-letter country code whose holidays apply, e.g. DE. Default: the market when it is a two-letter code.",
      ),
    engine: z
      .enum(["native", "robyn"])
      .default("native")
      .describe("native (this program's search, minutes) or robyn (Meta's R package, where installed)."),
    data: DataSource.optional().describe(
      "Where the data comes from: a warehouse table, a SQL query, an uploaded dataset, a saved preparation or a CSV file; optional country_column filters rows.",
    ),
    date_var: columnName
      .default("auto")
      .describe("The date column (auto: the first column that holds dates)."),
    dep_var: columnName.describe("The goal column the model explains: revenue or conversions per period."),
    dep_var_type: z
      .enum(["revenue", "conversion"], { error: "must be revenue or conversion" })
      .describe("revenue (ROAS is reported) or conversion (CPA is reported)."),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, { error: "must be a three-letter ISO 4217 currency code such as EUR or USD" })
      .refine((code) => ISO_CURRENCIES.has(code.toUpperCase()), {
        error: "is not an ISO 4217 currency code: use one such as EUR, USD, GBP or JPY",
      })
      .transform((code) => code.toUpperCase())
      .optional()
      .describe(
        "ISO 4217 code of the money columns (spend, and revenue goals), e.g. EUR; shown beside money figures. Optional.",
      ),
    paid_media_spends: z
      .array(columnName)
      .min(1, { error: "needs at least one paid media spend column" })
      .describe("Spend columns, one per paid channel (Robyn's paid_media_spends)."),
    paid_media_vars: z
      .array(columnName)
      .optional()
      .describe(
        "Exposure columns (impressions, clicks) in the same order as paid_media_spends; the spend itself where there is none.",
      ),
    paid_media_signs: signList
      .optional()
      .describe("Coefficient sign per paid channel: positive (default), negative or default."),
    organic_vars: z
      .array(columnName)
      .default([])
      .describe("Unpaid activity columns (newsletters, posts) modelled with adstock and saturation."),
    organic_signs: signList.optional().describe("Coefficient sign per organic variable."),
    context_vars: z
      .array(columnName)
      .default([])
      .describe("Columns outside marketing that move the goal (competitor sales, price, events)."),
    context_signs: signList.optional().describe("Coefficient sign per context variable."),
    factor_vars: z
      .array(columnName)
      .default([])
      .describe("Context variables that are categories (text), one indicator per level."),
    prophet_vars: z
      .array(z.enum(PROPHET_VARS, { error: `must be one of ${PROPHET_VARS.join(", ")}` }))
      .default([])
      .describe("Baseline components fitted from the goal: trend, season, monthly, weekday, holiday."),
    /** `native`: trend/season/holiday computed by our Prophet-style fit; `precomputed`: taken from data columns. */
    prophet: z
      .enum(["native", "precomputed"])
      .default("native")
      .describe(
        "native: the components are computed here; precomputed: columns of those names are in the data.",
      ),
    dt_holidays: DtHolidays.optional(),
    country_holidays: CountryHolidays,
    prophet_seasonality: ProphetSeasonality.optional(),
    window_start: isoDate
      .optional()
      .describe("First date of the modelling window (YYYY-MM-DD); earlier rows only carry adstock in."),
    window_end: isoDate.optional().describe("Last date of the modelling window (YYYY-MM-DD)."),
    adstock: z
      .enum(ADSTOCKS, { error: "must be geometric, weibull_cdf or weibull_pdf" })
      .default("geometric")
      .describe("How media effects carry over: geometric, weibull_cdf or weibull_pdf."),
    hyperparameters: z
      .record(z.string(), HyperparameterValue)
      .default({})
      .describe(
        "Per channel <column>_thetas/_alphas/_gammas (or _shapes/_scales), plus train_size and lambda: a number (fixed) or [low, high] (searched).",
      ),
    /** Robyn's recommended ranges per channel type fill every hyperparameter not given explicitly. */
    hyperparameter_preset: z
      .enum(["robyn_recommended", "robyn_defaults"])
      .default("robyn_recommended")
      .describe("Ranges used for every hyperparameter not given: robyn_recommended or robyn_defaults."),
    add_penalty_factor: z
      .boolean()
      .default(false)
      .describe(
        "Robyn's add_penalty_factor: search a ridge penalty factor per model column (<column>_penalty).",
      ),
    iterations: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(2000)
      .describe("Models tried per trial (Robyn's iterations; 2000 recommended)."),
    trials: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe("Independent searches (Robyn's trials; 5 recommended)."),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .default(123)
      .describe("Random seed: the same spec and seed give the same models."),
    ts_validation: z
      .boolean()
      .default(false)
      .describe("Hold out the last periods to validate (train_size then sets the share used for training)."),
    intercept: z.boolean().default(true).describe("Fit an intercept."),
    intercept_sign: z
      .enum(["non_negative", "unconstrained"])
      .default("non_negative")
      .describe("non_negative (Robyn's default) or unconstrained."),
    rssd_zero_penalty: z
      .boolean()
      .default(true)
      .describe("Penalise channels with zero effect in decomp.rssd (Robyn's rssd_zero_penalty)."),
    objective_weights: z
      .array(z.number().nonnegative())
      .min(2)
      .max(3)
      .optional()
      .describe("Weights of NRMSE, decomp.rssd (and MAPE with calibration) in the search."),
    calibration_input: z
      .array(CalibrationStudy)
      .default([])
      .describe("Lift studies that anchor channel effects (Robyn's calibration_input)."),
    pareto_fronts: z
      .union([z.literal("auto"), z.number().int().min(1).max(50)])
      .default("auto")
      .describe("How many Pareto fronts to keep (auto: enough for min_candidates models)."),
    min_candidates: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(100)
      .describe("Least number of models kept for clustering."),
    calibration_constraint: z
      .number()
      .min(0.01)
      .max(0.1)
      .default(0.1)
      .describe("Share of models kept by calibration error, 0.01 to 0.1."),
    roi_band: z
      .tuple([z.number().finite().nonnegative(), z.number().finite().positive()], {
        error: "must be a [low, high] pair of ROIs, e.g. [0.1, 15]",
      })
      .refine(([low, high]) => low < high, { error: "must have its low value below its high value" })
      .optional()
      .describe(
        "Plausible ROI (revenue per unit of spend) per channel, [low, high]: the health checks flag channels outside.",
      ),
    resample: z
      .enum(["none", "week", "month"])
      .default("none")
      .describe("Aggregate the data to weeks or months before modelling (none keeps it as is)."),
    week_start: z.enum(WEEKDAYS).default("monday").describe("First day of a week when resampling to weeks."),
    /** How each numeric column is aggregated when resampling or collapsing duplicate dates (default sum). */
    aggregations: z
      .record(z.string(), z.enum(AGGREGATIONS))
      .default({})
      .describe("How a column is aggregated when resampling or merging duplicate dates (default sum)."),
    allocator: AllocatorSettings.optional().describe(
      "Budget allocation run after training for the best models.",
    ),
    /** A refresh of another run's model: set by `mmm refresh` and the app, not written by hand. */
    refresh: RefreshBlock.optional(),
  })
  .superRefine((spec, ctx) => {
    const vars = spec.paid_media_vars;
    if (vars && vars.length !== spec.paid_media_spends.length) {
      ctx.addIssue({
        code: "custom",
        path: ["paid_media_vars"],
        message: `has ${vars.length} entries but paid_media_spends has ${spec.paid_media_spends.length}: give one exposure (or the spend itself) per spend column, in the same order`,
      });
    }
    const signChecks: [string, unknown[] | undefined, number][] = [
      ["paid_media_signs", spec.paid_media_signs, spec.paid_media_spends.length],
      ["organic_signs", spec.organic_signs, spec.organic_vars.length],
      ["context_signs", spec.context_signs, spec.context_vars.length],
    ];
    for (const [field, signs, expected] of signChecks) {
      if (signs && signs.length !== expected) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `has ${signs.length} entries but there are ${expected} variables: give one sign per variable`,
        });
      }
    }
    for (const factor of spec.factor_vars) {
      if (!spec.context_vars.includes(factor)) {
        ctx.addIssue({
          code: "custom",
          path: ["factor_vars"],
          message: `"${factor}" is a factor variable but not a context variable: add it to context_vars too`,
        });
      }
    }
    const roles = new Map<string, string>();
    const claim = (column: string, role: string) => {
      const previous = roles.get(column);
      if (previous && previous !== role) {
        ctx.addIssue({
          code: "custom",
          path: [role],
          message: `column "${column}" is used both as ${previous} and as ${role}: give each column one role`,
        });
      }
      roles.set(column, role);
    };
    claim(spec.dep_var, "dep_var");
    spec.paid_media_spends.forEach((c) => claim(c, "paid_media_spends"));
    (vars ?? []).forEach((c, i) => {
      if (c !== spec.paid_media_spends[i]) claim(c, "paid_media_vars");
    });
    spec.organic_vars.forEach((c) => claim(c, "organic_vars"));
    spec.context_vars.forEach((c) => claim(c, "context_vars"));
    if (spec.window_start && spec.window_end && spec.window_end < spec.window_start) {
      ctx.addIssue({
        code: "custom",
        path: ["window_end"],
        message: `(${spec.window_end}) is before window_start (${spec.window_start})`,
      });
    }
    if (new Set(spec.prophet_vars).size !== spec.prophet_vars.length) {
      ctx.addIssue({ code: "custom", path: ["prophet_vars"], message: "lists the same component twice" });
    }
    if (spec.market === undefined && spec.country === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["market"],
        message:
          "is required: the value of the data's market column to train (e.g. DE or Geo3), or a country",
      });
    } else if (
      spec.prophet_vars.includes("holiday") &&
      spec.prophet === "native" &&
      spec.country === undefined &&
      countryOfMarket(spec.market!.trim()) === undefined
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["country"],
        message: `is needed for the holiday component: market "${spec.market}" is not a country code, so name the country whose holidays apply (e.g. US), or drop holiday from prophet_vars`,
      });
    }
    const holidayCountry = spec.country ?? countryOfMarket(spec.market?.trim() ?? "") ?? "";
    for (const issue of prophetSettingsIssues({ ...spec, country: holidayCountry }))
      ctx.addIssue({ code: "custom", ...issue });
  });

type ParsedSpec = z.output<typeof RunSpecSchema>;

/**
 * A RunSpec with every default filled in. `market` is always set (from `country` in specs written before
 * markets existed); `country` is the holiday calendar, absent when the market is not a country.
 */
export type RunSpec = Omit<ParsedSpec, "market" | "country"> & { market: string; country?: string };
/** What a person or another program may send: defaults may be omitted. */
export type RunSpecInput = z.input<typeof RunSpecSchema>;

/** Training presets offered in Slack and the API: iterations x trials. */
export const TRAINING_PRESETS = {
  quick: { iterations: 200, trials: 3, label: "Quick (200 x 3)" },
  benchmark: { iterations: 2000, trials: 5, label: "Benchmark (2000 x 5, Robyn's recommendation)" },
  production: { iterations: 10_000, trials: 5, label: "Production (10000 x 5)" },
} as const;
export type TrainingPreset = keyof typeof TRAINING_PRESETS;

/** Known keys and descriptions of the spec's objects, for the messages about unknown and missing keys. */
const SPEC_SHAPE: SpecShape = {
  keysAt(path) {
    if (path.length === 0) return Object.keys(RunSpecSchema.shape);
    if (path[0] === "allocator") return Object.keys(AllocatorSettings.shape);
    if (path[0] === "calibration_input") return Object.keys(CalibrationStudy.shape);
    if (path[0] === "dt_holidays") return Object.keys(HolidayRowSchema.shape);
    if (path[0] === "prophet_seasonality") return Object.keys(ProphetSeasonality.shape);
    return [];
  },
  descriptionOf(path) {
    const key = path.length === 1 ? String(path[0]) : undefined;
    return key && key in RunSpecSchema.shape
      ? RunSpecSchema.shape[key as keyof typeof RunSpecSchema.shape].description
      : undefined;
  },
};

/**
 * Validates a RunSpec and fills defaults. Throws an `invalid_input` MmmError whose message lists every
 * problem as "field: what is wrong" (unknown keys first, with a did-you-mean), and whose `context.field`
 * is the first offending field.
 */
export function parseRunSpec(input: unknown): RunSpec {
  const result = RunSpecSchema.safeParse(input);
  if (result.success) {
    const spec = withMarket(result.data);
    return isFullyFixed(spec) ? { ...spec, iterations: 1, trials: 1 } : spec;
  }
  const problems = specProblems(result.error.issues, input, SPEC_SHAPE);
  const text = problems.map((p) => (p.field ? `${p.field} ${p.message}` : p.message)).join("; ");
  throw new MmmError("invalid_input", `The run settings are not valid: ${text}.`, {
    context: { field: problems[0]?.field, problems },
  });
}

/** The market (the country's code in specs without one) and the holiday country it implies. */
function withMarket(parsed: ParsedSpec): RunSpec {
  const { market: given, country, ...rest } = parsed;
  const market = marketKey(given ?? country!);
  const holidays = country ?? countryOfMarket(market);
  return { ...rest, market, ...(holidays !== undefined ? { country: holidays } : {}) };
}

/**
 * Robyn's `all_fixed`: every hyperparameter is one number (lambda included; `train_size` too with
 * time-series validation), so the spec describes exactly one model. Robyn then fits one iteration of one
 * trial whatever the budget says, and no `min_candidates` rule applies; both engines do the same. With
 * `add_penalty_factor` the model's columns (known only with the data) add penalty factors, so such a spec
 * is never treated as fixed here; the engine then still fits what the search space holds.
 */
export function isFullyFixed(spec: RunSpec): boolean {
  if (spec.add_penalty_factor) return false;
  const media = [...(spec.paid_media_vars ?? spec.paid_media_spends), ...spec.organic_vars];
  const names = [
    ...hyperparameterNames(spec.adstock, media),
    "lambda",
    ...(spec.ts_validation ? ["train_size"] : []),
  ];
  return names.every((name) => {
    const value = spec.hyperparameters[name];
    return typeof value === "number" || (value !== undefined && value[0] === value[1]);
  });
}
