/**
 * The state file the child-process launcher keeps per execution (`<stateDir>/<id>.json`), so that a
 * launcher started after an app restart can still describe and cancel what an earlier one started.
 * Written atomically (temporary file, then rename); never holds the environment (it carries secrets).
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PRIVATE_FILE_MODE } from "../../private-files.ts";
import type { ExecutionDescription, ExecutionState } from "../port.ts";

export interface ExecutionRecord {
  readonly id: string;
  readonly runId: string;
  readonly pid: number;
  /** `/proc/<pid>/stat` start time (clock ticks since boot), when it could be read. */
  readonly startTicks?: number;
  readonly startedAt: string;
  readonly command: readonly string[];
  readonly logFile?: string;
  cancelRequestedAt?: string;
  /** Set when the launcher saw the process end. */
  finishedAt?: string;
  exitCode?: number;
  signal?: string;
  /** The last sample (see `process-stats.ts`). */
  cpuSeconds?: number;
  peakMemoryMb?: number;
}

export function recordPath(stateDir: string, id: string): string {
  return join(stateDir, `${id}.json`);
}

export async function writeRecord(stateDir: string, record: ExecutionRecord): Promise<void> {
  const file = recordPath(stateDir, record.id);
  const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The record, or `undefined` when there is none (or it cannot be read as one). */
export async function readRecord(stateDir: string, id: string): Promise<ExecutionRecord | undefined> {
  const text = await readFile(recordPath(stateDir, id), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as ExecutionRecord;
    return typeof record.pid === "number" && record.id === id ? record : undefined;
  } catch {
    return undefined;
  }
}

/** How a record reads, given whether its process is alive (only asked when it has not been seen to end). */
export function describeRecord(record: ExecutionRecord, alive: boolean): ExecutionDescription {
  const state: ExecutionState =
    record.finishedAt === undefined && alive
      ? "running"
      : record.cancelRequestedAt !== undefined
        ? "cancelled"
        : record.finishedAt === undefined
          ? "unknown"
          : record.exitCode === 0
            ? "succeeded"
            : "failed";
  return {
    state,
    ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}),
    ...(record.signal !== undefined ? { signal: record.signal } : {}),
    startedAt: record.startedAt,
    ...(record.finishedAt !== undefined ? { finishedAt: record.finishedAt } : {}),
    ...(record.cpuSeconds !== undefined ? { cpuSeconds: record.cpuSeconds } : {}),
    ...(record.peakMemoryMb !== undefined ? { peakMemoryMb: record.peakMemoryMb } : {}),
  };
}
