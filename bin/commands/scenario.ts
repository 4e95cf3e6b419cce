/**
 * `mmm scenario --run DIR|RUN_ID --model SOLID[,SOLID…] (--plan plan.csv | --last N [--multiplier X|tv_S=1.2,…])`
 *
 * A forward scenario on a model of a finished run: the predicted outcome of a spend plan for the periods after the
 * data (the projected baseline plus each medium's response, with the carryover from history) and its range: across
 * the other models given, else from the recommended model's ROI intervals or the run's near-optimal models
 * (docs/scenarios.md). The plan is a CSV (`date`, then one column of spends per channel) or the last N periods'
 * spend times a multiplier. Prints JSON; the assumptions are also printed on stderr.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { planFromCsv, scenarioForRun, type ScenarioRequest } from "../../core/results/model-scenario.ts";
import type { CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { toJson } from "../json-output.ts";
import { openRun } from "../open-run.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE.scenario;

export async function scenarioCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      run: { type: "string" },
      model: { type: "string" },
      plan: { type: "string" },
      last: { type: "string" },
      multiplier: { type: "string" },
    },
    strict: true,
  });
  requireOptions(values, usage, { run: "", model: "one solID, or several separated by commas" });
  const plan = await planOf(values);
  const request: ScenarioRequest = { solIDs: values.model.split(",").map((s) => s.trim()), plan };
  const { artifacts, run, close } = await openRun(values.run, env);
  try {
    const report = await scenarioForRun(artifacts, run, request);
    for (const assumption of report.assumptions) io.stderr(`assumption: ${assumption}`);
    io.stdout(toJson(report));
  } finally {
    await close();
  }
}

async function planOf(values: {
  plan?: string | undefined;
  last?: string | undefined;
  multiplier?: string | undefined;
}): Promise<ScenarioRequest["plan"]> {
  if ((values.plan === undefined) === (values.last === undefined))
    throw invalidInput(
      "plan",
      `Give either --plan plan.csv or --last N (with --multiplier). Usage: ${usage}`,
    );
  if (values.plan !== undefined) {
    if (values.multiplier !== undefined)
      throw invalidInput(
        "multiplier",
        "--multiplier goes with --last; a --plan file gives its spends as they are.",
      );
    let text: string;
    try {
      text = await readFile(values.plan, "utf8");
    } catch (error) {
      throw invalidInput("plan", `Cannot read ${values.plan}: ${(error as Error).message}.`);
    }
    return planFromCsv(text);
  }
  const periods = Number(values.last);
  if (!Number.isInteger(periods) || periods < 1)
    throw invalidInput("last", `--last must be a whole number of periods, 1 or more, not "${values.last}".`);
  return {
    periods,
    ...(values.multiplier === undefined ? {} : { multiplier: multiplierOf(values.multiplier) }),
  };
}

/** `1.2` (every channel) or `tv_S=1.2,ooh_S=0.8` (the others 1). */
function multiplierOf(text: string): number | Record<string, number> {
  const number = (part: string): number => {
    const n = Number(part.trim());
    if (part.trim() === "" || !Number.isFinite(n) || n < 0)
      throw invalidInput(
        "multiplier",
        `--multiplier must be 0 or more, not "${part}" (e.g. 1.2 or tv_S=1.2,ooh_S=0.8).`,
      );
    return n;
  };
  if (!text.includes("=")) return number(text);
  return Object.fromEntries(
    text.split(",").map((pair) => {
      const [name, value = ""] = pair.split("=", 2);
      return [name!.trim(), number(value)];
    }),
  );
}
