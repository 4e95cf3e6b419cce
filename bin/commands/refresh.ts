/**
 * `mmm refresh --run DIR|RUN_ID --model SOLID --data FILE.csv --out DIR [--steps N] [--iterations N --trials N]
 *  [--bounds-freedom F] [--workers N]`: refreshes a finished run's model with new data, as Robyn's `robyn_refresh` (the window moves
 * `steps` periods forward, hyperparameters stay near the model's, the winner is the model whose decomposition
 * stays closest). Trains into DIR as `mmm train` does, with `output/refresh_report.json` beside the outputs.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";
import { refreshRunSpec } from "../../core/refresh/refresh-run-spec.ts";
import type { RefreshReport } from "../../engine/refresh/refresh-report.ts";
import type { CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { openRun } from "../open-run.ts";
import { readDataFile } from "../read-data-file.ts";
import { trainCommand } from "./train.ts";
import { requireOptions, wholeNumberOption } from "../command-options.ts";

const usage = USAGE.refresh;

export async function refreshCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      run: { type: "string" },
      model: { type: "string" },
      data: { type: "string" },
      out: { type: "string" },
      steps: { type: "string" },
      iterations: { type: "string" },
      trials: { type: "string" },
      "bounds-freedom": { type: "string" },
      workers: { type: "string" },
    },
    strict: true,
  });
  requireOptions(values, usage, {
    run: "",
    model: "the solID of the model to refresh",
    data: "the CSV with old and new periods",
    out: "",
  });
  const steps = wholeNumberOption(values.steps, "steps", usage);
  const iterations = wholeNumberOption(values.iterations, "iterations", usage);
  const trials = wholeNumberOption(values.trials, "trials", usage);
  const boundsFreedom = shareOfRange(values["bounds-freedom"]);

  const { artifacts, run, close } = await openRun(values.run, env);
  let spec;
  try {
    // This command trains in this process with the native engine; Robyn's refresh runs in the R trainer.
    if (run.spec.engine === "robyn")
      throw invalidInput(
        "run",
        `Run ${run.id} was trained with the robyn engine: its refresh runs Robyn's own robyn_refresh in the Robyn ` +
          `trainer, which the app launches. Refresh it through the app (POST /api/runs/${run.id}/refresh, or ` +
          `"Refresh with new data" in Slack or the viewer).`,
      );
    const { table } = await readDataFile(values.data, run.spec, usage, { env });
    const refreshed = await refreshRunSpec(artifacts, run, values.model, table, {
      ...(steps === undefined ? {} : { steps }),
      ...(iterations === undefined ? {} : { iterations }),
      ...(trials === undefined ? {} : { trials }),
      ...(boundsFreedom === undefined ? {} : { boundsFreedom }),
    });
    spec = refreshed.spec;
    for (const warning of refreshed.warnings) io.stderr(`warning: ${warning}`);
  } finally {
    await close();
  }
  const refresh = spec.refresh!;
  io.stderr(
    `refreshing ${refresh.of.model} of ${refresh.of.run}: window ${spec.window_start} to ${spec.window_end} ` +
      `(${refresh.steps} step(s), bounds freedom ${(100 * refresh.freedom).toFixed(2)}%), ${spec.iterations} x ${spec.trials}`,
  );
  await mkdir(values.out, { recursive: true });
  const specFile = join(values.out, RUN_FILES.spec);
  await writeFile(specFile, JSON.stringify(spec, null, 2));
  const code = await trainCommand(
    [
      "--spec",
      specFile,
      "--data",
      values.data,
      "--out",
      values.out,
      ...(values.workers ? ["--workers", values.workers] : []),
    ],
    io,
  );
  if (code !== 0) return code;
  const report = JSON.parse(
    await readFile(join(values.out, OUTPUT_FILES.refreshReport), "utf8"),
  ) as RefreshReport;
  for (const line of report.summary) io.stderr(line);
  return 0;
}

/** Robyn's `bounds_freedom`: the share of each range the search may move from the model's value. */
function shareOfRange(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1)
    throw invalidInput(
      "bounds-freedom",
      `--bounds-freedom must be a share of each hyperparameter's range above 0 and at most 1 (e.g. 0.05), not "${text}". Usage: ${usage}`,
    );
  return value;
}
