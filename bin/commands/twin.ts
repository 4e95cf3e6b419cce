/**
 * `mmm twin --run DIR|RUN_ID --model SOLID [--iterations N --trials N] [--seed N] [--workers N] [--json]`:
 * can this setup identify my channels? Trains the run's spec on a twin of its data whose truth is the given
 * model (`core/results/model-twin.ts`) and says how well the recommended model recovers each channel's
 * ROI (CPA) and whether its intervals hold the truth. A table on a terminal; JSON with --json or in a pipe.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { modelTwin, type TwinReport } from "../../core/results/model-twin.ts";
import { forPeople, type CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { toJson } from "../json-output.ts";
import { openRun } from "../open-run.ts";
import { requireOptions, wholeNumberOption } from "../command-options.ts";

const usage = USAGE.twin;

export async function twinCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      run: { type: "string" },
      model: { type: "string" },
      iterations: { type: "string" },
      trials: { type: "string" },
      seed: { type: "string" },
      workers: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  requireOptions(values, usage, { run: "", model: "the solID whose parameters are the truth" });
  const iterations = wholeNumberOption(values.iterations, "iterations", usage);
  const trials = wholeNumberOption(values.trials, "trials", usage);
  const seed = wholeNumberOption(values.seed, "seed", usage);
  const workers = wholeNumberOption(values.workers, "workers", usage) ?? availableParallelism();
  const { artifacts, run, close } = await openRun(values.run, env);
  try {
    const report = await modelTwin(artifacts, run, values.model, {
      workers,
      ...(iterations === undefined ? {} : { iterations }),
      ...(trials === undefined ? {} : { trials }),
      ...(seed === undefined ? {} : { seed }),
    });
    if (forPeople(io, values.json)) for (const line of twinTable(report)) io.stdout(line);
    else io.stdout(toJson(report));
  } finally {
    await close();
  }
}

function twinTable(report: TwinReport): string[] {
  const name = report.metric === "roi" ? "ROI" : "CPA";
  const num = (x: number | null) => (x === null ? "–" : x.toFixed(2));
  const rows = [
    ["channel", `true ${name}`, "recovered", "error", "interval", "holds truth", "Robyn's pick"],
    ...report.channels.map((c) => [
      c.channel,
      num(c.truth),
      num(c.recovered),
      c.error === null ? "–" : `${Math.round(100 * c.error)}%`,
      c.low === null || c.high === null ? "–" : `${num(c.low)}–${num(c.high)}`,
      c.covered === null ? "–" : c.covered ? "yes" : "no",
      num(c.robyn_pick),
    ]),
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
  return [
    ...report.summary,
    "",
    ...rows.map((row) =>
      row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join("  "),
    ),
  ];
}
