/**
 * `mmm runs [--country DE] [--status running] [--limit 20]` and `mmm status <runId>`: the app's runs, read
 * from its run store (the same data the viewer and Slack show). `mmm status` prints a few lines in a terminal,
 * the run as JSON (with its viewer URL) with `--json` or when stdout is not a terminal.
 */
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { isTerminal, RUN_STATUSES, type Run, type RunStatus } from "../../core/run.ts";
import { forPeople, type CommandIo } from "../command-io.ts";
import { duration } from "../terminal-progress.ts";
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
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const runId = positionals[0];
  if (!runId) throw invalidInput("runId", `Name the run. Usage: ${USAGE.status}`);
  const services = await openServicesQuietly(env);
  try {
    const run = await services.runs.getRun(runId);
    if (!run) throw invalidInput("runId", `There is no run ${runId} (see mmm runs).`);
    const viewerUrl = `${services.baseUrl}/runs/${encodeURIComponent(run.id)}`;
    io.stdout(
      forPeople(io, values.json)
        ? statusLines(run, viewerUrl)
        : JSON.stringify({ ...run, viewerUrl }, null, 2),
    );
  } finally {
    await services.close();
  }
}

/** A run's status in a few lines for a person: what, how far, who, and where to look. */
function statusLines(run: Run, viewerUrl: string): string {
  const progress =
    run.progress && !isTerminal(run.status)
      ? `, ${run.progress.done}/${run.progress.total} models${run.progress.etaSeconds === undefined ? "" : `, ETA ${duration(run.progress.etaSeconds)}`}`
      : "";
  const best = (run.summary?.best_model as { model_id?: string } | undefined)?.model_id;
  return [
    `${run.id}  ${run.country}  ${run.status}${progress}`,
    `  started ${run.createdAt.slice(0, 16).replace("T", " ")} by ${run.createdBy.name ?? run.createdBy.id}${run.tag ? `, tag ${run.tag}` : ""}`,
    ...(best ? [`  best model ${best}`] : []),
    ...(run.failure ? [`  failed: ${run.failure.reason}`] : []),
    `  ${viewerUrl}`,
  ].join("\n");
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
