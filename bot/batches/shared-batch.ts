/**
 * Batch settings shared in Slack: which shared files are read as batch settings, and the file's text kept in
 * the artifact store between the summary and its "Start N runs" button, so the button carries only a token
 * and the runs start from exactly the rows that were summarised.
 */
import { randomUUID } from "node:crypto";
import { MmmError } from "../../common/errors.ts";
import { sharedBatchKey } from "../../common/run-folder.ts";
import type { ArtifactStore } from "../../core/artifacts/port.ts";

/** A batch file is small (at most `MAX_BATCH_ROWS` rows); larger files are only ever datasets. */
export const MAX_BATCH_FILE_BYTES = 1024 * 1024;

/** Whether a shared file may be batch settings (then its text is read to tell): a small CSV or JSON. */
export function mayBeBatchSettings(file: { name: string; bytes: number }): boolean {
  return /\.(csv|json)$/i.test(file.name) && file.bytes <= MAX_BATCH_FILE_BYTES;
}

export interface SharedBatch {
  readonly fileName: string;
  readonly text: string;
  /** The Slack user who shared it. */
  readonly sharedBy: string;
}

export async function keepSharedBatch(artifacts: ArtifactStore, batch: SharedBatch): Promise<string> {
  const token = randomUUID();
  await artifacts.put(sharedBatchKey(token), JSON.stringify(batch));
  return token;
}

export async function sharedBatch(artifacts: ArtifactStore, token: string): Promise<SharedBatch> {
  const text = /^[0-9a-f-]{36}$/.test(token) ? await artifacts.getText(sharedBatchKey(token)) : undefined;
  if (text === undefined) {
    throw new MmmError(
      "not_found",
      "These batch settings were already started or cancelled: share the file again to start it anew.",
      { context: { field: "batch" } },
    );
  }
  return JSON.parse(text) as SharedBatch;
}

export async function forgetSharedBatch(artifacts: ArtifactStore, token: string): Promise<void> {
  await artifacts.delete(sharedBatchKey(token));
}
