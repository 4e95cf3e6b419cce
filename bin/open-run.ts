/**
 * Opens a finished run for a command: a run folder written by `mmm train --out` (read in place), or a run id of
 * the app's store (its services are opened and closed by the caller through `close`).
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { openLocalFolderArtifactStore } from "../core/artifacts/local/local-folder.ts";
import type { ArtifactStore } from "../core/artifacts/port.ts";
import { invalidInput } from "../common/errors.ts";
import type { Run } from "../core/run.ts";
import { parseRunSpec } from "../core/run-spec.ts";
import { openServicesQuietly } from "./open-services.ts";
import { RUN_FILES } from "../common/run-folder.ts";

/** A run folder written by `mmm train --out`, or a run id of the app's store. */
export async function openRun(
  target: string,
  env: Record<string, string | undefined>,
): Promise<{ artifacts: ArtifactStore; run: Run; close: () => Promise<void> }> {
  const isFolder = await stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isFolder) {
    // A folder on this machine: read and written, never linked to, so the store gets no signing key.
    const artifacts = await openLocalFolderArtifactStore({ root: resolve(target) });
    const specText = await artifacts.getText(RUN_FILES.spec);
    if (!specText)
      throw invalidInput("run", `${target} has no spec.json: is it a folder written by mmm train --out?`);
    const spec = parseRunSpec(JSON.parse(specText));
    const now = new Date().toISOString();
    const run: Run = {
      id: target,
      country: spec.market,
      status: "succeeded",
      spec,
      createdBy: { kind: "cli", id: "local" },
      createdAt: now,
      updatedAt: now,
      artifactPrefix: "",
      lastEventSeq: 0,
    };
    return { artifacts, run, close: async () => undefined };
  }
  const services = await openServicesQuietly(env);
  const run = await services.runs.getRun(target);
  if (!run) {
    await services.close();
    throw invalidInput("run", `${target} is neither a run folder nor a run of this app (see mmm runs).`);
  }
  return { artifacts: services.artifacts, run, close: () => services.close() };
}
