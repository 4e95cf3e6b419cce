/**
 * Starting a batch: every row's spec and data are checked first (the same checks as one run), and only
 * when all pass are the runs queued, as one group whose id is the batch id. A bad row launches nothing and
 * the error names each bad row and column.
 */
import { randomUUID } from "node:crypto";
import { MmmError } from "../../common/errors.ts";
import type { CheckedRun } from "../lifecycle/check-run.ts";
import type { RunLifecycle } from "../lifecycle/run-lifecycle.ts";
import type { Actor, Run } from "../run.ts";
import { batchProblems, type BatchProblem, type BatchRow } from "./batch-settings.ts";

/** Batch ids are group ids with their own prefix, so a batch is told apart from a multi-country start. */
export const BATCH_ID_PREFIX = "b-";

export function isBatchId(value: string): boolean {
  return /^b-[0-9a-f-]{36}$/.test(value);
}

export async function startBatch(
  lifecycle: Pick<RunLifecycle, "check" | "queueChecked">,
  rows: readonly BatchRow[],
  actor: Actor,
  /** A batch id chosen by the caller (`b-<uuid>`), so that a repeated request can find its batch. */
  batchId = `${BATCH_ID_PREFIX}${randomUUID()}`,
): Promise<{ batchId: string; runs: Run[] }> {
  const checked = await checkBatch(lifecycle, rows, actor);
  return { batchId, runs: await lifecycle.queueChecked(batchId, checked, actor) };
}

/**
 * Every row checked against its data as one run would be (launching nothing): the checked runs, or one
 * `invalid_input` naming each bad row and column. Slack checks a shared file so before offering to start it.
 */
export async function checkBatch(
  lifecycle: Pick<RunLifecycle, "check">,
  rows: readonly BatchRow[],
  actor: Actor,
): Promise<{ checked: CheckedRun; tag?: string }[]> {
  const checked: { checked: CheckedRun; tag?: string }[] = [];
  const problems: BatchProblem[] = [];
  for (const row of rows) {
    try {
      const [run] = await lifecycle.check({ spec: row.spec, actor });
      checked.push({ checked: run!, ...(row.tag ? { tag: row.tag } : {}) });
    } catch (error) {
      if (!(error instanceof MmmError) || error.code !== "invalid_input") throw error;
      problems.push({ row: row.row, column: columnOfField(error.field), message: error.message });
    }
  }
  if (problems.length > 0) throw batchProblems(problems);
  return checked;
}

/** The column of a data problem: the market for the market filter, the source otherwise. */
function columnOfField(field: string | undefined): string {
  if (field === "country" || field === "market") return "market";
  if (field === "data.country_column") return "market_column";
  if (field?.startsWith("data")) return "table/sql/dataset/preparation";
  return field ?? "(row)";
}
