/**
 * The run-folder contract: every file of `runs/<id>/` and both trainer-event URLs, named once. The native
 * trainer writes these files, the Robyn trainer writes the same ones (`r/R/trainer.R`), and the app,
 * the viewer, the bot and the CLI read them. Paths are relative to the run's folder (`runPrefix`).
 */

/** The artifact prefix of a run: every file of the run lives under it. */
export function runPrefix(runId: string): string {
  return `runs/${runId}/`;
}

/** What the app writes before a trainer starts, and what a trainer writes beside its outputs. */
export const RUN_FILES = {
  /** The RunSpec the run was started with. */
  spec: "spec.json",
  /** The data snapshot the trainer reads (the warehouse table as it was at the start). */
  input: "input.csv",
  /**
   * A refresh run of the Robyn engine: the parent model as Robyn's `robyn_write` file, written by the app
   * beside the spec, which the R trainer hands to `robyn_refresh`.
   */
  refreshParentModel: "refresh_parent_model.json",
  /** running → succeeded | failed | cancelled; uploaded last. */
  status: "status.json",
  log: "log.txt",
} as const;

/** The trainer's outputs (Robyn's names for the CSVs). */
export const OUTPUT_FILES = {
  modelSummary: "output/model_summary.json",
  dataPreparation: "output/data_preparation.json",
  allModels: "output/all_models.csv",
  paretoHyperparameters: "output/pareto_hyperparameters.csv",
  paretoAggregated: "output/pareto_aggregated.csv",
  paretoMediaTransform: "output/pareto_media_transform_matrix.csv",
  paretoAllDecomp: "output/pareto_alldecomp_matrix.csv",
  paretoClusters: "output/pareto_clusters.csv",
  paretoClustersCi: "output/pareto_clusters_ci.csv",
  /** Lift studies against every Pareto model; only for a calibrated run (Robyn's file). */
  paretoCalibration: "output/pareto_calibration.csv",
  paretoFront: "output/pareto_front.png",
  /** A refresh run: what changed against the refreshed model. */
  refreshReport: "output/refresh_report.json",
  /** A run rebuilt from a Robyn model file (`mmm import-robyn`): what became of each field, and the checks. */
  robynImport: "output/robyn_import.json",
} as const;

/** A model of a run as Robyn's `robyn_write` names its file. */
export function robynModelFile(solID: string): string {
  return `RobynModel-${solID}.json`;
}

/** The folder of the cluster-top models' one-pagers. */
export const ONEPAGERS_FOLDER = "output/onepagers/";

export function onePagerFile(solID: string): string {
  return `${ONEPAGERS_FOLDER}${solID}.png`;
}

/** The model whose one-pager `path` is, or undefined for any other file. */
export function onePagerModel(path: string): string | undefined {
  if (!path.startsWith(ONEPAGERS_FOLDER) || !path.endsWith(".png")) return undefined;
  const solID = path.slice(ONEPAGERS_FOLDER.length, -".png".length);
  return solID && !solID.includes("/") ? solID : undefined;
}

/** The budget allocations of a run's models (`mmm allocate`, the viewer, the bot). */
export const ALLOCATOR_FOLDER = "output/allocator/";

/** One allocation's file without its extension (`.json`, `.csv`, `.png` are written beside each other). */
export function allocationBase(solID: string, scenario: string): string {
  return `${ALLOCATOR_FOLDER}${solID}_${scenario}`;
}

/** The known-truth twin of a model started from the viewer or the API: its state, then its report. */
export const TWIN_FOLDER = "twin/";

export function twinStateFile(solID: string): string {
  return `${TWIN_FOLDER}${solID}.json`;
}

/** The candidates of one task of a sharded run, merged by the `--merge` trainer. */
export const SHARDS_FOLDER = "shards/";

export function shardFile(index: number): string {
  return `${SHARDS_FOLDER}${index}.json`;
}

/** The app's routes for trainer events (the run's, and one task's of a sharded run). */
export const EVENT_ROUTES = {
  run: "/internal/runs/:id/events",
  shard: "/internal/runs/:id/shards/:index/events",
} as const;

/** Where a run's trainer posts its events (`MMM_EVENTS_URL`), under the app's base URL. */
export function runEventsUrl(baseUrl: string, runId: string): string {
  return `${baseUrl.replace(/\/$/, "")}${EVENT_ROUTES.run.replace(":id", runId)}`;
}

/** Where task `index` of a sharded run posts its events (`EVENT_ROUTES.shard`), beside the run's own URL. */
export function shardEventsUrl(runEventsUrl: string, index: number): string {
  if (!runEventsUrl.endsWith("/events")) throw new Error(`${runEventsUrl} is not a run's events URL.`);
  return `${runEventsUrl.slice(0, -"/events".length)}/shards/${index}/events`;
}

/**
 * Batch settings shared in Slack, kept (outside any run folder) from the summary until its "Start" button
 * is pressed or cancelled: the button's value names only `token`, as Block Kit values are short.
 */
export function sharedBatchKey(token: string): string {
  return `batches/shared/${token}.json`;
}
