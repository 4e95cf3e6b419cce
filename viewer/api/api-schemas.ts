/**
 * The REST API's request and response shapes, in zod: requests are validated with them, and the OpenAPI
 * document (`openapi-document.ts`) is generated from them, so the two cannot drift apart.
 */
import { z } from "zod";
import { HEALTH_LEVELS } from "../../engine/health/health-finding.ts";
import { ACTOR_KINDS, RUN_STATUSES } from "../../core/run.ts";

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter country code such as DE" });
const market = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(64, { error: "is longer than 64 characters" })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.,&'()+:-]*$/u, {
    error: "must be a market: a country code such as DE, or a value of a market column such as Geo3",
  });
const time = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: "must be a time in ISO 8601, e.g. 2026-11-26 or 2026-11-26T04:30:00Z",
});
const statusList = z
  .string()
  .regex(new RegExp(`^(${RUN_STATUSES.join("|")})(,(${RUN_STATUSES.join("|")}))*$`), {
    error: `must be one or more of ${RUN_STATUSES.join(", ")}, separated by commas`,
  });

export const RunIdParams = z.object({
  id: z.string().min(1).max(100).describe("Run id, e.g. 20261126T043012Z-de-7f3a9c"),
});
/** Lift studies are kept per country code (two letters), unlike runs and picks, which are per market. */
export const CountryCodeParams = z.object({ cc: countryCode.describe("Two-letter country code") });
export const CountryParams = z.object({
  cc: market.describe("The market: a two-letter country code, or any value of a market column (Geo3)"),
});

export const ListRunsQuery = z.object({
  country: market.optional().describe("Only runs of this market (a country code, or e.g. Geo3)"),
  status: statusList.optional().describe("Comma-separated statuses"),
  created_by: z.string().min(1).optional().describe("Actor id (a Slack user id, an API token id)"),
  tag: z.string().min(1).optional(),
  since: time.optional().describe("Runs created at or after"),
  until: time.optional().describe("Runs created before"),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1)
    .max(200)
    .default(50),
  cursor: z.string().min(1).optional().describe("nextCursor of the previous page"),
});

const startFields = {
  countries: z
    .array(countryCode)
    .min(1)
    .max(20)
    .optional()
    .describe("One run per country, launched together"),
  markets: z
    .array(market)
    .min(1)
    .max(20)
    .optional()
    .describe(
      "One run per market (values of the data's market column, e.g. Geo0), launched together; country sets their holidays",
    ),
  tag: z.string().min(1).max(100).optional().describe("A label for the runs, e.g. Q3 budget review"),
};

/** The second form of `POST /api/runs`: a warehouse table, its saved column mapping, and overrides. */
export const SavedMappingRunBody = z
  .strictObject({
    table: z.string().min(1).describe("The warehouse table whose saved mapping to use"),
    country: countryCode.optional(),
    ...startFields,
    mapping: z.literal("saved", { error: 'must be "saved"' }),
    overrides: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "RunSpec fields that replace the mapping's (iterations, trials, window_start, hyperparameters, …)",
      ),
  })
  .refine((body) => body.country !== undefined || body.countries !== undefined, {
    error: "name the country (country) or countries (countries) to train",
    path: ["country"],
  });

/** What `POST /api/runs` takes besides a RunSpec's own fields. */
export const StartFields = z.object(startFields);

export const ActorSchema = z.object({
  kind: z.enum(ACTOR_KINDS),
  id: z.string(),
  name: z.string().optional(),
});

export const RunView = z.object({
  id: z.string(),
  groupId: z.string().optional(),
  country: z.string(),
  status: z.enum(RUN_STATUSES),
  tag: z.string().optional(),
  createdBy: ActorSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  progress: z
    .object({
      phase: z.string(),
      done: z.number(),
      total: z.number(),
      bestNrmse: z.number().optional(),
      bestDecompRssd: z.number().optional(),
      etaSeconds: z.number().optional(),
    })
    .optional(),
  failure: z.object({ reason: z.string(), logTail: z.string().optional() }).optional(),
  summary: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("model_summary.json highlights once succeeded"),
  spec: z.record(z.string(), z.unknown()).optional().describe("The RunSpec (GET /api/runs/{id} only)"),
  refreshOf: z
    .object({ run: z.string(), model: z.string() })
    .optional()
    .describe("A refresh: the run and model it refreshed"),
  viewerUrl: z.string(),
});

export const RefreshBody = z.strictObject({
  model: z.string().min(1).max(100).optional().describe("The solID to refresh; default the run's best model"),
  steps: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Periods the window moves forward (Robyn's refresh_steps, default 4)"),
  iterations: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe("Default 1000 (Robyn's refresh_iters)"),
  trials: z.number().int().min(1).max(50).optional().describe("Default 3 (Robyn's refresh_trials)"),
  boundsFreedom: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe(
      "Share of each hyperparameter's range the search may move away from the model's value (Robyn's bounds_freedom); default steps / window length",
    ),
});

export const StartRefreshData = z.object({
  groupId: z.string(),
  runs: z.array(RunView),
  warnings: z
    .array(z.string())
    .describe("Refresh data checks: restated history, more than half of the periods new"),
});

export const RunListData = z.object({ runs: z.array(RunView), nextCursor: z.string().nullable() });

export const StartRunData = z.object({
  groupId: z.string(),
  repeated: z
    .boolean()
    .describe("True when the Idempotency-Key had been used: these are the first request's runs"),
  runs: z.array(RunView),
});

export const SummaryModelSchema = z.object({
  model_id: z.string(),
  nrmse: z.number().nullable(),
  decomp_rssd: z.number().nullable(),
  mape: z.number().nullable(),
  rsq_train: z.number().nullable(),
  nrmse_train: z.number().nullable(),
  rsq_val: z.number().nullable(),
  nrmse_val: z.number().nullable(),
  rsq_test: z.number().nullable(),
  nrmse_test: z.number().nullable(),
  robyn_pareto_front: z.number(),
  cluster: z.number(),
  top_sol: z.boolean(),
  error_score: z
    .number()
    .nullable()
    .describe(
      "Robyn's error_score column as in the run's files: scaled over every candidate, so it can order models " +
        "differently from the Robyn distance (scaled over the Pareto models) that picks the cluster tops",
    ),
});

const RecommendedChannelSchema = z.object({
  channel: z.string(),
  roi: z.number().nullable(),
  roi_low: z.number().nullable(),
  roi_high: z.number().nullable(),
  effect_share: z.number().nullable(),
  marginal_roi: z.number().nullable(),
  identified: z.boolean().describe("True when a lift study measured the channel"),
  cpa: z.number().nullable().optional(),
  cpa_low: z.number().nullable().optional(),
  cpa_high: z.number().nullable().optional(),
});

/** One finding of the health checks (`engine/health/health-finding.ts`). */
export const HealthFindingSchema = z.object({
  check: z.string(),
  level: z.enum(HEALTH_LEVELS),
  message: z.string(),
});

export const RecommendationSchema = z.object({
  model_id: z.string(),
  reason: z.string(),
  near_optimal_models: z.number(),
  channels: z.array(RecommendedChannelSchema),
  health: z
    .array(HealthFindingSchema)
    .optional()
    .describe("The health checks run on the recommended model itself (absent on runs from before them)"),
});

export const ModelsData = z.object({
  runId: z.string(),
  paretoFronts: z.number(),
  bestModel: z.string().describe("Robyn's pick: the lowest Robyn distance among the cluster-top models"),
  recommended: RecommendationSchema.nullable().describe(
    "The recommended model with an 80 % ROI interval per channel (docs/recommendation.md)",
  ),
  models: z.array(SummaryModelSchema.extend({ viewerUrl: z.string() })),
});

export const PickSchema = z.object({
  country: z.string(),
  runId: z.string(),
  solID: z.string(),
  note: z.string().optional(),
  by: ActorSchema,
  at: z.string(),
});

export const BestData = z.object({
  country: z.string(),
  current: PickSchema.nullable(),
  history: z.array(PickSchema),
});

export const MetadataData = z.object({
  country: z.string(),
  latestRun: RunView.nullable(),
  latestSucceededRun: RunView.nullable(),
  best: PickSchema.nullable(),
  inputMetadata: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("input_metadata of the latest succeeded run"),
  mappings: z
    .array(
      z.object({
        table: z.string(),
        scope: z.enum(["country", "table"]),
        savedBy: ActorSchema,
        savedAt: z.string(),
        mapping: z.record(z.string(), z.unknown()),
      }),
    )
    .describe("Saved column mappings usable for this country, one per warehouse table that has one"),
});

export const ErrorData = z.object({
  code: z.string(),
  field: z.string().nullable().describe("The request field the error is about"),
  problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export type RunViewData = z.infer<typeof RunView>;

export const ModelParams = RunIdParams.extend({
  model: z.string().min(1).max(100).describe("The model's solID, e.g. 1_64_9"),
});

const metricName = z
  .string()
  .min(1)
  .max(200)
  .describe("Robyn's metric_name: a paid channel (its spend or exposure column) or an organic variable");
const dateRangeText = "all, last, last_N, or dates YYYY-MM-DD (Robyn's date_range; default all)";

/** `GET …/response`: Robyn's arguments as query parameters, lists comma-separated. */
export const ResponseQueryParams = z.object({
  metric_name: metricName,
  metric_value: z
    .string()
    .max(2000)
    .optional()
    .describe("One total for the date range (Robyn 3.12.1 refuses several values)"),
  date_range: z.string().max(20000).optional().describe(`${dateRangeText}, comma-separated`),
});

/** `POST …/response`: Robyn's arguments as JSON. */
export const ResponseBody = z.strictObject({
  metric_name: metricName,
  metric_value: z
    .union([z.number(), z.array(z.number()).max(1000)])
    .nullable()
    .optional()
    .describe("One total for the date range (Robyn 3.12.1 refuses several values)"),
  date_range: z
    .union([z.string(), z.array(z.string()).max(1000)])
    .nullable()
    .optional()
    .describe(dateRangeText),
});

const series = z.array(z.number().nullable());
const MarginalAt = z.object({
  spend: z.number().nullable().describe("Spend per period"),
  response: z.number().nullable().describe("Response per period at that spend"),
  mroi: z.number().nullable().describe("dR/dx: response per extra unit of spend"),
  marginal_response: z.number().nullable().describe("R(spend + 1) − R(spend), Robyn's allocator column"),
});
export const ResponseData = z
  .object({
    solID: z.string(),
    metric_name: z.string(),
    date: z.array(z.string()).describe("The periods the query is about"),
    input_total: series.describe("Adstocked input, all data rows"),
    input_carryover: series,
    input_immediate: series,
    response_total: series.describe("Response, modelling-window rows"),
    response_carryover: series,
    response_immediate: series,
    inflexion: z.number(),
    mean_input_immediate: z.number(),
    mean_input_carryover: z.number(),
    mean_response_total: z.number(),
    mean_response_carryover: z.number(),
    mean_response: z.number(),
    sim_mean_spend: z.number().nullable(),
    sim_mean_carryover: z.number().nullable(),
    sim_mean_response: z.number().nullable(),
    usecase: z.enum(["all_historical_vec", "selected_historical_vec", "total_metric_selected_range"]),
    metric_type: z.enum(["paid", "organic"]),
    curve: z
      .object({
        adstock: z.string(),
        theta: z.number().optional(),
        shape: z.number().optional(),
        scale: z.number().optional(),
        alpha: z.number(),
        gamma: z.number(),
        inflexion: z.number(),
        coef: z.number(),
      })
      .describe("The curve used: R(x) = coef / (1 + (inflexion / (x + carryover))^alpha)"),
    marginal: z
      .object({
        at_mean_spend: MarginalAt,
        at_queried_spend: MarginalAt.nullable().describe("With metric_value: at sim_mean_spend"),
      })
      .nullable()
      .describe(
        "mROI (dR/dx, response per extra unit of spend) at the historical mean spend and at the queried spend; null for an organic variable, which has no spend",
      ),
    notes: z.array(z.string()),
  })
  .describe("Robyn 3.12.1's robyn_response result by its field names, plus the curve used and the mROI");

const robynSection = z.record(z.string(), z.unknown());
export const RobynModelData = z
  .object({
    InputCollect: robynSection.describe("robyn_inputs() settings, the window and the search ranges"),
    ModelsCollect: robynSection.describe("The run's settings (ts_validation, intercept, seed, …)"),
    ExportedModel: robynSection.describe(
      "The model: hyper_values (lambda is the absolute ridge penalty), errors, summary, performance",
    ),
    Extras: robynSection.describe("raw_data: the data the model was trained on, row by row"),
  })
  .describe(
    "The model as Robyn 3.12.1's robyn_write() exports it (RobynModel-<solID>.json); numbers at full precision",
  );

export const RobynImportBody = z
  .object({
    model: z
      .record(z.string(), z.unknown())
      .describe("The RobynModel-<solID>.json document, as robyn_write() wrote it"),
    table: z.string().min(1).optional().describe("The warehouse table holding the model's data (dt_input)"),
    sql: z.string().min(1).optional().describe("Or a SQL query for it"),
    country: z.string().optional().describe("The run's country; default: the file's prophet_country"),
    country_column: z.string().min(1).optional(),
    tag: z.string().max(100).optional(),
  })
  .refine((body) => (body.table === undefined) !== (body.sql === undefined), {
    message:
      "name the data: either a warehouse table or a sql query (the file's raw_data is for the command line)",
    path: ["table"],
  });

export const RobynImportData = StartRunData.extend({
  robyn_solID: z.string().describe("The model's id in Robyn; the one-model run names it 1_1_1"),
  robyn_version: z.string().nullable(),
  fields: z
    .array(
      z.object({
        field: z.string(),
        treatment: z.enum(["used", "checked", "kept", "ignored"]),
        note: z.string(),
      }),
    )
    .describe("What became of every field of the file"),
  warnings: z.array(z.string()),
});

export const ScheduleIdParams = z.object({
  id: z.string().min(1).describe("Schedule id, e.g. sch-1a2b3c4d"),
});

export const ScheduleSchema = z.object({
  id: z.string(),
  country: z.string(),
  cadence: z.string().describe("weekly, monthly or the cron expression as asked"),
  cron: z.string().describe("The five-field cron expression whose instants, read in timezone, are the slots"),
  timezone: z
    .string()
    .describe("The IANA time zone the cadence is read in, e.g. Europe/Berlin (UTC by default)"),
  source: z.object({ runId: z.string(), solID: z.string(), data: z.string() }),
  channel: z.string().optional().describe("Slack channel of results and alerts"),
  createdBy: ActorSchema,
  createdAt: z.string(),
  nextDue: z.string(),
  lastSlot: z.string().optional(),
  lastOutcome: z
    .object({
      slot: z.string(),
      status: z.enum(["started", "succeeded", "failed"]),
      at: z.string(),
      runId: z.string().optional(),
      reason: z.string().optional(),
    })
    .optional(),
  cancelledAt: z.string().optional(),
  cancelledBy: ActorSchema.optional(),
});

export const ScheduleListData = z.object({ schedules: z.array(ScheduleSchema) });
