/**
 * Every REST API operation, described once: the route table the OpenAPI document is generated from. The
 * handlers in `routes/api.ts` validate with the same schemas.
 */
import type { z } from "zod";
import { AllocateBody, AllocationData } from "./allocate-schemas.ts";
import { BudgetSplitBody, BudgetSplitData } from "./budget-split-schemas.ts";
import { ExploreData, ExploreQueryParams } from "./explore-schemas.ts";
import { DataProfileData, DataProfileQuery } from "./data-profile-schemas.ts";
import {
  SaveScenarioBody,
  SavedScenarioData,
  SavedScenarioList,
  SavedScenarioView,
  ScenarioBody,
  ScenarioData,
  ScenarioNameParams,
} from "./scenario-schemas.ts";
import { PreparationDraftSchema } from "../../core/preparations/preparation-draft.ts";
import {
  DeletedPreparationData,
  PreparationData,
  PreparationListData,
  PreparationParams,
} from "./preparation-schemas.ts";
import {
  DatasetData,
  DatasetDeletedData,
  DatasetDetailData,
  DatasetListData,
  DatasetNameParams,
  DatasetRefParams,
  DatasetUploadFields,
} from "./dataset-schemas.ts";
import {
  BestData,
  CountryParams,
  ListRunsQuery,
  MetadataData,
  ModelParams,
  ModelsData,
  RefreshBody,
  ResponseBody,
  ResponseData,
  ResponseQueryParams,
  RobynImportBody,
  RobynImportData,
  RobynModelData,
  RunIdParams,
  RunListData,
  RunView,
  ScheduleIdParams,
  ScheduleListData,
  ScheduleSchema,
  StartRefreshData,
  StartRunData,
} from "./api-schemas.ts";
import { LIFT_STUDY_OPERATIONS } from "./lift-study-operations.ts";
import { TWIN_OPERATIONS } from "./twin-operations.ts";

export interface ApiOperation {
  readonly method: "get" | "post" | "put" | "delete";
  /** OpenAPI path template, below `/api`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** `"run-request"`: the RunSpec, saved-mapping or preparation body of `POST /runs` (see `openapi-document.ts`); else the body's schema. */
  readonly body?: "run-request" | z.ZodType;
  /** A `multipart/form-data` body instead: a file in the part `file`, and these text fields beside it. */
  readonly upload?: z.ZodObject;
  readonly headers?: readonly { name: string; description: string; required: boolean }[];
  readonly response: z.ZodType;
  readonly successStatus: 200 | 201 | 202;
  /** What the success status means here, when the general wording for it does not fit. */
  readonly successText?: string;
  /** Statuses besides success, 401 and 500, with what they mean here. */
  readonly errors: Readonly<Record<number, string>>;
}

const RESPONSE_ERRORS = {
  404: "No such run or model",
  409: "The run has not succeeded (yet)",
  422: "The query is not valid (unknown metric, dates outside the data, a negative or several values); `data.field` names the argument",
};

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "post",
    path: "/runs",
    operationId: "startRuns",
    summary: "Start training runs",
    description:
      'A RunSpec (Robyn\'s field names; `countries` starts one run per country), or `{ table, country | countries, mapping: "saved", overrides }`. The spec and the data are checked before anything is launched.',
    body: "run-request",
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "Repeating a request with the same key (within 24 h) starts nothing new and answers the first request's runs.",
        required: false,
      },
    ],
    response: StartRunData,
    successStatus: 202,
    errors: {
      400: "The body is not JSON, or a header is malformed",
      422: "The spec or the data is not valid; `data.field` names the field",
    },
  },
  {
    method: "post",
    path: "/robyn-models",
    operationId: "importRobynModel",
    summary: "Rebuild a Robyn model file (RobynModel-<solID>.json) as a one-model run",
    description:
      "The file's settings and hyper_values (absolute lambda) become a fully fixed RunSpec trained on the named " +
      "warehouse data; the answer says what became of every field of the file. `mmm import-robyn` does the same " +
      "from the command line (with a CSV file or the file's raw_data).",
    body: RobynImportBody,
    response: RobynImportData,
    successStatus: 202,
    errors: {
      400: "The body is not JSON",
      422: "The file cannot be rebuilt (a field the engine cannot honour), or the data is not valid; `data.field` names it",
    },
  },
  {
    method: "get",
    path: "/runs",
    operationId: "listRuns",
    summary: "List runs, newest first",
    query: ListRunsQuery,
    response: RunListData,
    successStatus: 200,
    errors: { 400: "A query parameter is not valid; `data.field` names it" },
  },
  {
    method: "get",
    path: "/runs/{id}",
    operationId: "getRun",
    summary: "A run: status, progress, summary and spec",
    params: RunIdParams,
    response: RunView,
    successStatus: 200,
    errors: { 404: "No such run" },
  },
  {
    method: "post",
    path: "/runs/{id}/cancel",
    operationId: "cancelRun",
    summary: "Cancel a run that has not ended",
    params: RunIdParams,
    response: RunView,
    successStatus: 200,
    errors: { 404: "No such run", 409: "The run has already ended" },
  },
  {
    method: "post",
    path: "/runs/{id}/refresh",
    operationId: "refreshRun",
    summary: "Refresh a run's model with new data (Robyn's robyn_refresh)",
    description:
      "Reads the run's own data source again (same table or query, same mapping), moves the window `steps` periods forward, searches hyperparameters near the model's and picks the model whose decomposition stays closest. The new run's `refreshOf` names its parent; its `output/refresh_report.json` says what changed.",
    params: RunIdParams,
    body: RefreshBody,
    response: StartRefreshData,
    successStatus: 202,
    errors: {
      400: "The body is not JSON",
      404: "No such run or model",
      409: "The run has not succeeded",
      422: "The new data cannot refresh this model (too many steps, not enough new periods, a file source); `data.field` names why",
    },
  },
  {
    method: "get",
    path: "/runs/{id}/models",
    operationId: "listModels",
    summary: "The Pareto models of a succeeded run",
    params: RunIdParams,
    response: ModelsData,
    successStatus: 200,
    errors: { 404: "No such run, or it has no results", 409: "The run has not succeeded (yet)" },
  },
  {
    method: "get",
    path: "/runs/{id}/models/{model}/robyn-json",
    operationId: "getRobynModelJson",
    summary: "One model as Robyn's RobynModel-<solID>.json (robyn_write 3.12.1's format)",
    description:
      "For Robyn's robyn_recreate, robyn_response and robyn_refresh, or `mmm import-robyn`. The same document as " +
      "`mmm export-robyn` and the model page's download.",
    params: ModelParams,
    response: RobynModelData,
    successStatus: 200,
    errors: { 404: "No such run or model", 409: "The run has not succeeded (yet)" },
  },
  {
    method: "get",
    path: "/runs/{id}/models/{model}/response",
    operationId: "getModelResponse",
    summary: "A response query on one model (Robyn's robyn_response)",
    description:
      "The historical input and response of one medium split into immediate and carryover parts, and with `metric_value` the mean response when that total is spent over `date_range` instead, by Robyn 3.12.1's rules and field names.",
    params: ModelParams,
    query: ResponseQueryParams,
    response: ResponseData,
    successStatus: 200,
    errors: RESPONSE_ERRORS,
  },
  {
    method: "post",
    path: "/runs/{id}/models/{model}/response",
    operationId: "postModelResponse",
    summary: "The same response query with a JSON body",
    params: ModelParams,
    body: ResponseBody,
    response: ResponseData,
    successStatus: 200,
    errors: { ...RESPONSE_ERRORS, 400: "The body is not JSON" },
  },
  {
    method: "post",
    path: "/runs/{id}/models/{model}/allocate",
    operationId: "allocateBudget",
    summary: "The budget allocator on one model (Robyn's robyn_allocator)",
    description:
      "The best split of a budget across the paid channels (max_response), or the largest spend that meets a ROAS / CPA target (target_efficiency), within per-channel bounds over a date range; with the bounds that bind and what relaxing each would add. Nothing is stored.",
    params: ModelParams,
    body: AllocateBody,
    response: AllocationData,
    successStatus: 200,
    errors: {
      400: "The body is not JSON",
      404: "No such run or model",
      409: "The run has not succeeded (yet)",
      422: "The request cannot be met (a budget outside what the bounds allow, an unreachable target, an unknown channel, a date range outside the window); `data.field` names the argument",
    },
  },
  {
    method: "post",
    path: "/budget-split",
    operationId: "splitBudgetAcrossMarkets",
    summary: "Split a total budget across markets and their channels (each market's picked model)",
    description:
      "The split of a total budget per period across the markets' paid channels that maximises the total response of the markets' picked models, within per-channel and per-market bounds (multiples of today's spend): the global optimum (concave-envelope branch and bound), beside today's split. Markets whose models measure different goals or periods, or whose given currencies differ, are refused; `assumptions` says what is taken for granted. Nothing is stored.",
    body: BudgetSplitBody,
    response: BudgetSplitData,
    successStatus: 200,
    errors: {
      400: "The body is not JSON",
      422: "The request cannot be met (a market without a picked model, a budget outside what the bounds allow, an unknown channel or market, mixed currencies or goals); `data.field` names the argument",
    },
  },
  {
    method: "post",
    path: "/runs/{id}/models/{model}/scenario",
    operationId: "forwardScenario",
    summary: "A forward spend plan on the model: media response per period with carryover, and its range",
    description:
      "The response of each medium in the periods after the data to a spend plan (explicit, or the last N periods × a multiplier), split into what history carries over and what the plan adds, and the lowest / median / highest answer across the models given. The baseline is not projected; `assumptions` says so. Nothing is stored.",
    params: ModelParams,
    body: ScenarioBody,
    response: ScenarioData,
    successStatus: 200,
    errors: {
      400: "The body is not JSON",
      404: "No such run or model",
      409: "The run has not succeeded (yet)",
      422: "The plan is not valid (dates not after the data, an unknown channel, a wrong number of values); `data.field` names it",
    },
  },
  {
    method: "get",
    path: "/data/explore",
    operationId: "exploreData",
    summary:
      "Explore a table, dataset or SQL query before any run: KPIs, goal vs spend, spend by channel, funnels",
    description:
      "One market of a warehouse table, uploaded dataset or read-only SQL query, aggregated by day, ISO week, month or quarter over a " +
      "timeframe: the goal's total, total spend and ROAS (revenue) or CPA (conversions) against the previous window " +
      "of the same length (`previous.covered` false and `previous.reason` when the data does not reach back that " +
      "far), goal and total spend per period, spend per channel, a funnel per channel with impressions, clicks or " +
      "sessions columns (CPM, CPC, CTR), and the series of the metrics asked for. The same numbers as the /explore page.",
    query: ExploreQueryParams,
    response: ExploreData,
    successStatus: 200,
    errors: {
      400: "A query parameter is malformed (a date that is not YYYY-MM-DD, an unknown grain); `data.field` names it",
      404: "No such dataset",
      422: "An unknown table, market, goal or metric, or a timeframe outside the data or starting after it ends; `data.field` names the parameter",
    },
  },
  {
    method: "get",
    path: "/runs/{id}/models/{model}/scenarios",
    operationId: "listScenarios",
    summary: "The forward scenarios saved on the model, by name",
    params: ModelParams,
    response: SavedScenarioList,
    successStatus: 200,
    errors: { 404: "No such run", 409: "The run has not succeeded (yet)" },
  },
  {
    method: "put",
    path: "/runs/{id}/models/{model}/scenarios/{name}",
    operationId: "saveScenario",
    summary: "Save a forward scenario on the model under a name (replacing one of that name)",
    description:
      "The plan is checked by computing its answer first, so nothing is stored for a plan that cannot be answered; the answer is returned with the stored scenario.",
    params: ScenarioNameParams,
    body: SaveScenarioBody,
    response: SavedScenarioData,
    successStatus: 200,
    errors: {
      400: "The body is not JSON",
      404: "No such run or model",
      409: "The run has not succeeded (yet)",
      422: "A bad name or plan; `data.field` names it",
    },
  },
  {
    method: "get",
    path: "/runs/{id}/models/{model}/scenarios/{name}",
    operationId: "getScenario",
    summary: "A saved forward scenario and its answer",
    params: ScenarioNameParams,
    response: SavedScenarioData,
    successStatus: 200,
    errors: { 404: "No such run or scenario", 409: "The run has not succeeded (yet)" },
  },
  {
    method: "delete",
    path: "/runs/{id}/models/{model}/scenarios/{name}",
    operationId: "deleteScenario",
    summary: "Delete a saved forward scenario",
    params: ScenarioNameParams,
    response: SavedScenarioView,
    successStatus: 200,
    errors: { 404: "No such run or scenario", 409: "The run has not succeeded (yet)" },
  },
  {
    method: "get",
    path: "/countries/{cc}/best",
    operationId: "getBest",
    summary: "The country's picked best model and the history of picks",
    params: CountryParams,
    response: BestData,
    successStatus: 200,
    errors: { 400: "Not a two-letter country code" },
  },
  {
    method: "get",
    path: "/metadata/{cc}",
    operationId: "getMetadata",
    summary:
      "What is known about a country: latest runs, its pick, its input metadata and saved column mappings",
    params: CountryParams,
    response: MetadataData,
    successStatus: 200,
    errors: { 400: "Not a two-letter country code" },
  },
  {
    method: "get",
    path: "/schedules",
    operationId: "listSchedules",
    summary: "Scheduled refreshes that are not cancelled, newest first",
    description:
      "Each refreshes its country's picked model on new data at the slots of its cadence (made with /mmm schedule in Slack).",
    response: ScheduleListData,
    successStatus: 200,
    errors: {},
  },
  {
    method: "delete",
    path: "/schedules/{id}",
    operationId: "cancelSchedule",
    summary: "Cancel a scheduled refresh for good",
    params: ScheduleIdParams,
    response: ScheduleSchema,
    successStatus: 200,
    errors: { 404: "No such schedule" },
  },
  {
    method: "get",
    path: "/data/profile",
    operationId: "getDataProfile",
    summary: "The profile of a table, dataset or SQL query for one market, before any run",
    description:
      "Per column: role (from the auto-mapping, with the goal fixed), type, nulls, zeros, distinct values, quartiles and a sparkline; " +
      "for paid spends, organic and context columns Spearman's rho, univariate R² and NMAE against the goal, and for each spend its media-response options; " +
      "VIF of every regressor and the condition number of their correlation matrix with bands; the driver ratio; cleaning suggestions with reasons " +
      "(a channel keeps at least one paid variable); findings, worst first; for each secondary goal asked for, every variable's fit to it. " +
      "Definitions and bands: docs/data-profile.md.",
    query: DataProfileQuery,
    response: DataProfileData,
    successStatus: 200,
    errors: {
      400: "market is missing",
      404: "No such dataset (or version)",
      422: "Neither or both of table and dataset, an unknown table, a market with no rows, or a goal that is not a number column; `data.field` names the parameter",
    },
  },
  {
    method: "post",
    path: "/datasets",
    operationId: "uploadDataset",
    summary: "Upload a file (CSV, Parquet or XLSX) as the next version of a dataset",
    description:
      "The file is read with DuckDB (any delimiter, decimal comma, quoted fields, BOM, common date formats), checked (a date column, no duplicate or empty column names, the byte, row and column limits) and stored as an immutable Parquet snapshot; nothing is stored when a check fails. Train on it with `data: {dataset: NAME}` in `POST /runs`.",
    upload: DatasetUploadFields,
    response: DatasetData,
    successStatus: 201,
    errors: {
      413: "The body is larger than the upload limit (DATASET_MAX_BYTES plus framing)",
      422: "The file cannot become a dataset (empty, binary, wrong extension, duplicate columns, no date column, over a limit); `data.field` is `file` or the field named",
    },
  },
  {
    method: "get",
    path: "/datasets",
    operationId: "listDatasets",
    summary: "List datasets: the latest version of each",
    response: DatasetListData,
    successStatus: 200,
    errors: {},
  },
  {
    method: "get",
    path: "/datasets/{ref}",
    operationId: "getDataset",
    summary: "A dataset version: what it holds, its versions, its first rows and the auto-mapping",
    params: DatasetRefParams,
    response: DatasetDetailData,
    successStatus: 200,
    errors: { 404: "No such dataset or version", 422: "Not a dataset name or NAME@VERSION" },
  },
  {
    method: "delete",
    path: "/datasets/{name}",
    operationId: "deleteDataset",
    summary: "Delete every version of a dataset (admins)",
    description:
      "Admins only: the person at the app's machine in local mode, or a token from MMM_API_TOKENS. Refused while a run that has not ended reads the dataset.",
    params: DatasetNameParams,
    response: DatasetDeletedData,
    successStatus: 200,
    errors: {
      403: "Not an admin",
      404: "No such dataset",
      409: "Runs that have not ended read the dataset",
    },
  },
  {
    method: "post",
    path: "/preparations",
    operationId: "savePreparation",
    summary: "Save a preparation of a table, dataset or SQL query for one market",
    description:
      "The columns kept (or dropped; from_profile also drops what the data profile's cleaning suggests), derived columns " +
      "(channel totals and sums by tag), the goal with its type, secondary goals, and the media response of each paid spend. " +
      "Checked against the source's rows for the market; the roles of the other columns come from the auto-mapping. " +
      "A dataset named without a version is pinned to the version read. Start a run from it with data: { preparation: NAME }.",
    body: PreparationDraftSchema,
    response: PreparationData,
    successStatus: 201,
    errors: {
      404: "No such dataset (or version)",
      409: "A preparation has this name",
      422: "An unknown column, a derived column whose name is taken or that adds up a non-number column, the goal or date column left out, no paid spend kept; `data.field` names the field",
    },
  },
  {
    method: "get",
    path: "/preparations",
    operationId: "listPreparations",
    summary: "Saved preparations, by name",
    response: PreparationListData,
    successStatus: 200,
    errors: {},
  },
  {
    method: "get",
    path: "/preparations/{name}",
    operationId: "getPreparation",
    summary: "One saved preparation",
    params: PreparationParams,
    response: PreparationData,
    successStatus: 200,
    errors: { 404: "No such preparation" },
  },
  {
    method: "delete",
    path: "/preparations/{name}",
    operationId: "deletePreparation",
    summary: "Delete a saved preparation (admins)",
    params: PreparationParams,
    response: DeletedPreparationData,
    successStatus: 200,
    errors: {
      403: "Not an admin: the person at the app's machine, or a token from MMM_API_TOKENS",
      404: "No such preparation",
    },
  },
  ...LIFT_STUDY_OPERATIONS,
  ...TWIN_OPERATIONS,
];
