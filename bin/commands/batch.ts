/**
 * `mmm batch FILE [--tag TAG] [--json]`: starts one run per row of a batch settings file (CSV or JSON, see
 * `core/batches/batch-settings.ts`) through the app's own path, every row checked before anything launches,
 * then waits for the runs and prints each one's state, ending with the batch's status. Exits 0 when every
 * run succeeded.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { parseBatchSettings } from "../../core/batches/batch-settings.ts";
import { batchStatus } from "../../core/batches/batch-status.ts";
import { startBatch } from "../../core/batches/start-batch.ts";
import type { Run } from "../../core/run.ts";
import { forPeople, type CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { startApp } from "./serve.ts";
import { waitForAll } from "./train-on-platform.ts";

export async function batchCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { tag: { type: "string" }, json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw invalidInput("file", `Name one batch settings file. Usage: ${USAGE.batch}`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw invalidInput("file", `Cannot read ${file}: ${(error as Error).message}.`);
  }
  const rows = parseBatchSettings(basename(file), text).map((row) =>
    values.tag && !row.tag ? { ...row, tag: values.tag } : row,
  );
  // Its server only receives this machine's trainer events: loopback, whatever HOST the image sets.
  const app = await startApp(
    { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: env.LOG_LEVEL ?? "warn" },
    { demo: false },
  );
  try {
    const { batchId, runs } = await startBatch(app.services.lifecycle, rows, {
      kind: "cli",
      id: userInfo().username,
    });
    const people = forPeople(io, values.json);
    const report = (run: Run, line: string) =>
      io.stdout(
        people
          ? `${run.id}  ${run.country}  ${line}`
          : JSON.stringify({ batchId, id: run.id, country: run.country, status: run.status }),
      );
    if (people) io.stdout(`batch ${batchId}: ${runs.length} run(s) queued`);
    for (const run of runs) report(run, "queued");
    const finished = await waitForAll(app.services.runs, runs, report);
    for (const run of finished) {
      report(run, `${run.status}${run.failure ? `: ${run.failure.reason}` : ""}`);
    }
    const status = batchStatus(finished);
    io.stdout(
      people
        ? `batch ${batchId}: ${status.state} (${status.counts.succeeded} of ${status.total} succeeded)`
        : JSON.stringify({ batchId, state: status.state, counts: status.counts, total: status.total }),
    );
    return status.state === "succeeded" ? 0 : 1;
  } finally {
    await app.stop();
  }
}
