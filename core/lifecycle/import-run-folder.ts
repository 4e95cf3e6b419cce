/**
 * A run folder trained on the command line (`mmm train --spec … --data … --out DIR`) imported into the
 * app, so that the viewer, the API and Slack can open it like any run: every file of the folder is copied
 * under a new run's prefix, and the run is recorded as succeeded with its `model_summary.json`
 * highlights (what a trainer's `completed` event carries). Only a folder that finished training is taken.
 */
import { readFile, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { invalidInput } from "../../common/errors.ts";
import { OUTPUT_FILES, RUN_FILES, runPrefix } from "../../common/run-folder.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Actor, Run } from "../run.ts";
import { newRunId } from "../run-id.ts";
import { parseRunSpec } from "../run-spec.ts";
import type { RunStore } from "../run-store/port.ts";

export interface ImportDependencies {
  readonly runs: Pick<RunStore, "createRun">;
  readonly artifacts: Pick<ArtifactStore, "putFile">;
  readonly now?: () => Date;
}

export async function importRunFolder(
  dir: string,
  actor: Actor,
  deps: ImportDependencies,
  tag?: string,
): Promise<Run> {
  // The outputs first: a folder without them was never trained, whatever else it holds.
  const summary = (await readJson(join(dir, OUTPUT_FILES.modelSummary), dir)) as Record<string, unknown>;
  const spec = parseRunSpec(await readJson(join(dir, RUN_FILES.spec), dir));
  const status = (await readJson(join(dir, RUN_FILES.status), dir).catch(() => ({}))) as {
    status?: string;
    resources?: Run["resources"];
  };
  if (status.status !== undefined && status.status !== "succeeded") {
    throw invalidInput(
      "dir",
      `${dir} holds a run that ${status.status}: only a run that succeeded can be imported.`,
    );
  }
  const now = (deps.now ?? (() => new Date()))();
  const id = newRunId(spec.market, now);
  const prefix = runPrefix(id);
  for (const file of await filesBelow(dir)) {
    await deps.artifacts.putFile(`${prefix}${relative(dir, file).split(sep).join("/")}`, file);
  }
  const { pareto_models: _all, ...highlights } = summary;
  const at = now.toISOString();
  const run: Run = {
    id,
    country: spec.market,
    status: "succeeded",
    spec,
    ...(tag !== undefined ? { tag } : {}),
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    finishedAt: at,
    artifactPrefix: prefix,
    summary: { ...highlights, imported: { from: "mmm import" } },
    ...(status.resources !== undefined ? { resources: status.resources } : {}),
    lastEventSeq: 0,
  };
  await deps.runs.createRun(run);
  return run;
}

async function readJson(path: string, dir: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw invalidInput(
      "dir",
      `${dir} is not a trained run folder: ${relative(dir, path)} is missing. Import the --out folder of a finished mmm train.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput("dir", `${path} is not JSON.`);
  }
}

/** Every regular file below `dir`, skipping links and hidden names (nothing outside the folder is copied). */
async function filesBelow(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesBelow(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
