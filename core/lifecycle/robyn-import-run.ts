/**
 * A Robyn model file (`RobynModel-<solID>.json`) started as a one-model run of the app: its settings and
 * `hyper_values` (absolute lambda) become a fully fixed RunSpec on warehouse data, and the lifecycle checks
 * and launches it like any run. Shared by `POST /api/robyn-models` and the viewer's upload; the command
 * line's `mmm import-robyn` trains the same spec into a folder.
 */
import { invalidInput } from "../../common/errors.ts";
import { readRobynModelFile, type FieldNote } from "../../engine/robyn-json/read-robyn-model-json.ts";
import { robynRunSettings } from "../../engine/robyn-json/robyn-import-plan.ts";
import type { Actor } from "../run.ts";
import { parseRunSpec, type DataSource } from "../run-spec.ts";
import type { RunLifecycle, StartedRuns } from "./run-lifecycle.ts";

export interface RobynImportRequest {
  /** The parsed file. */
  document: unknown;
  /** The model's data in the warehouse (Robyn's `dt_input`). */
  data: Exclude<DataSource, { file: string }>;
  /** Default: the file's `prophet_country`. */
  country?: string | undefined;
  tag?: string | undefined;
  actor: Actor;
}

export interface RobynImportStarted {
  started: StartedRuns;
  robynSolID: string;
  robynVersion: string | null;
  fields: FieldNote[];
  warnings: string[];
}

export async function startRobynImport(
  lifecycle: Pick<RunLifecycle, "start">,
  request: RobynImportRequest,
): Promise<RobynImportStarted> {
  const file = readRobynModelFile(request.document);
  const country = request.country || file.settings.country;
  if (!country)
    throw invalidInput(
      "country",
      "The file names no country (InputCollect.prophet_country is absent): give the run's country, e.g. DE.",
    );
  const spec = parseRunSpec({ ...robynRunSettings(file, country), data: request.data });
  const started = await lifecycle.start({
    spec,
    ...(request.tag ? { tag: request.tag } : {}),
    actor: request.actor,
  });
  const warnings = file.versionNote ? [file.versionNote] : [];
  if (spec.prophet_vars.length > 0)
    warnings.push(
      `Prophet components (${spec.prophet_vars.join(", ")}) are recomputed with the native decomposition and ` +
        `${spec.country}'s public holidays; Robyn's Stan fit differs slightly.`,
    );
  return {
    started,
    robynSolID: file.solID,
    robynVersion: file.robynVersion,
    fields: file.fields,
    warnings,
  };
}
