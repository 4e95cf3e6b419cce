/**
 * `mmm runs [--country DE] [--status running] [--limit 20]` and `mmm status <runId>`: the app's runs, read
 * from its run store (the same data the viewer and Slack show).
 */
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { RUN_STATUSES, type Run, type RunStatus } from "../../core/run.ts";
import type { CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { openServicesQuietly } from "../open-services.ts";

export async function runsCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { country: { type: "string" }, status: { type: "string" }, limit: { type: "string" } },
    strict: true,
  });
  const status = values.status as RunStatus | undefined;
  if (status !== undefined && !RUN_STATUSES.includes(status))
    throw invalidInput("status", `--status must be one of ${RUN_STATUSES.join(", ")}, not "${status}".`);
  const services = await openServicesQuietly(env);
  try {
    const { runs } = await services.runs.listRuns({
      ...(values.country ? { country: values.country } : {}),
      ...(status ? { status: [status] } : {}),
      limit: values.limit ? Number(values.limit) : 20,
    });
    if (runs.length === 0) {
      io.stdout("No runs yet. Start one with `mmm train` or /mmm train in Slack.");
      return;
    }
    io.stdout(
      ["RUN".padEnd(28), "COUNTRY", "STATUS".padEnd(10), "PROGRESS".padEnd(14), "BY".padEnd(14), "TAG"].join(
        "  ",
      ),
    );
    for (const run of runs) io.stdout(runLine(run));
  } finally {
    await services.close();
  }
}

export async function statusCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const runId = args[0];
  if (!runId) throw invalidInput("runId", `Name the run. Usage: ${USAGE.status}`);
  const services = await openServicesQuietly(env);
  try {
    const run = await services.runs.getRun(runId);
    if (!run) throw invalidInput("runId", `There is no run ${runId} (see mmm runs).`);
    io.stdout(JSON.stringify(run, null, 2));
  } finally {
    await services.close();
  }
}

function runLine(run: Run): string {
  const progress =
    run.progress && run.status === "running" ? `${run.progress.done}/${run.progress.total}` : "";
  return [
    run.id.padEnd(28),
    run.country.padEnd(7),
    run.status.padEnd(10),
    progress.padEnd(14),
    (run.createdBy.name ?? run.createdBy.id).slice(0, 14).padEnd(14),
    run.tag ?? "",
  ].join("  ");
}
