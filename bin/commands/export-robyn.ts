/**
 * `mmm export-robyn --run DIR|RUN_ID --model SOLID [--out FILE]`: one model of a finished run as Robyn's
 * `RobynModel-<solID>.json` (robyn_write 3.12.1's format), for Robyn's `robyn_recreate`, `robyn_response`
 * and `robyn_refresh`, or for `mmm import-robyn`. Printed on stdout unless `--out` names a file.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { robynModelJson } from "../../core/results/robyn-model-export.ts";
import type { CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { openRun } from "../open-run.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE["export-robyn"];

export async function exportRobynCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { run: { type: "string" }, model: { type: "string" }, out: { type: "string" } },
    strict: true,
  });
  requireOptions(values, usage, { run: "", model: "a solID such as 1_64_9" });
  const { artifacts, run, close } = await openRun(values.run, env);
  try {
    const text = await robynModelJson(artifacts, run, values.model);
    if (values.out === undefined) {
      io.stdout(text.trimEnd());
      return;
    }
    await writeFile(values.out, text);
    io.stderr(`${values.model} written to ${values.out}`);
  } finally {
    await close();
  }
}
