/**
 * `mmm allocate --run DIR|RUN_ID --model SOLID [--budget N | --target-roas X | --target-cpa X]
 *  [--low 0.5|tv_S=0.5,ooh_S=0.7] [--high 2|tv_S=1.5] [--date-range all|last|last_N|START:END]
 *  [--scenario max_response|target_efficiency] [--json]`
 *
 * Robyn's budget allocator on one model of a finished run: a run folder written by `mmm train`, or a run
 * of the app's store. Bounds are multiples of today's spend, for every channel or per channel by name.
 * Writes `output/allocator/<solID>_<scenario>.csv`, `.json` (the API's answer) and `.png` beside the run's
 * outputs, says which bounds bind and what relaxing each would add, and prints a compact table in a
 * terminal, the CSV otherwise, the JSON with `--json`.
 */
import { parseArgs } from "node:util";
import { allocationTableCsv, type BindingBound } from "../../engine/allocator/index.ts";
import { renderAllocation } from "../../engine/report/allocation.ts";
import { invalidInput } from "../../common/errors.ts";
import { namingRunModels } from "../unknown-model.ts";
import { allocationTable } from "../allocation-table.ts";
import {
  allocateForModel,
  modelAllocationJson,
  type ModelAllocationRequest,
} from "../../core/results/model-allocation.ts";
import type { ChannelBoundsInput } from "../../core/results/channel-bounds.ts";
import { forPeople, type CommandIo } from "../command-io.ts";
import { openRun } from "../open-run.ts";
import { allocationBase } from "../../common/run-folder.ts";
import { USAGE } from "../command-usage.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE.allocate;

export async function allocateCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      run: { type: "string" },
      model: { type: "string" },
      budget: { type: "string" },
      "target-roas": { type: "string" },
      "target-cpa": { type: "string" },
      low: { type: "string" },
      high: { type: "string" },
      "date-range": { type: "string" },
      scenario: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  requireOptions(values, usage, { run: "", model: "a solID such as 1_64_9" });
  const { json: asJson, ...numbers } = values;
  const request = allocationRequest(numbers);
  const { artifacts, run, close } = await openRun(values.run, env);
  try {
    refuseTargetOfOtherKind(values, run.spec.dep_var_type);
    const model = values.model;
    const allocation = await namingRunModels(artifacts, run, model, () =>
      allocateForModel(artifacts, run, model, request),
    );
    const scenario = allocation.result.scenario;
    const base = `${run.artifactPrefix}${allocationBase(values.model, scenario)}`;
    const csv = allocationTableCsv(allocation.result);
    await artifacts.put(`${base}.csv`, csv, "text/csv");
    const json = modelAllocationJson(allocation);
    await artifacts.put(`${base}.json`, JSON.stringify(json, null, 2), "application/json");
    const picture = await renderAllocation(
      allocation.result,
      Object.fromEntries(allocation.channels.map((c) => [c.name, c])),
      {
        solID: allocation.solID,
        intervalType: allocation.intervalType,
        dateRange: `${allocation.dateRange.from}:${allocation.dateRange.to}`,
      },
    );
    await artifacts.put(`${base}.png`, picture, "image/png");
    if (asJson) io.stdout(JSON.stringify(json, null, 2));
    else if (forPeople(io, false)) io.stdout(allocationTable(allocation.result, run.spec));
    else io.stdout(csv.trimEnd());
    const t = allocation.result.totals;
    io.stderr(
      `${values.model}, ${allocation.dateRange.from} to ${allocation.dateRange.to} (${allocation.dateRange.periods} periods): ` +
        `response ${Math.round(t.initResponseTotal)} → ${Math.round(t.optmResponseTotal)} (${(100 * t.optmResponseUnitTotalLift).toFixed(1)}% lift). Written to ${base}.csv`,
    );
    for (const line of bindingLines(allocation.result.bindingBounds, allocation.intervalType))
      io.stderr(line);
  } finally {
    await close();
  }
}

/** A target of the other kind than the model's goal would be read as the wrong ratio (ROAS as CPA). */
function refuseTargetOfOtherKind(
  values: Record<string, unknown>,
  depVarType: "revenue" | "conversion",
): void {
  const wrong = depVarType === "revenue" ? "target-cpa" : "target-roas";
  const right = depVarType === "revenue" ? "--target-roas" : "--target-cpa";
  if (values[wrong] !== undefined)
    throw invalidInput(
      wrong,
      `--${wrong} does not apply: this model's goal is ${depVarType} (dep_var_type), so its target is ${right}.`,
    );
}

function allocationRequest(values: Record<string, string | undefined>): ModelAllocationRequest {
  const number = (name: string): number | undefined => {
    const text = values[name];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0)
      throw invalidInput(name, `--${name} must be a non-negative number, not "${text}".`);
    return n;
  };
  const targets = ["budget", "target-roas", "target-cpa"].filter((name) => values[name] !== undefined);
  if (targets.length > 1)
    throw invalidInput(
      targets[1]!,
      `Give either --budget or a target (--target-roas / --target-cpa), not ${targets.join(" and ")}.`,
    );
  const target = number("target-roas") ?? number("target-cpa");
  const scenario = values.scenario ?? (target === undefined ? "max_response" : "target_efficiency");
  if (scenario !== "max_response" && scenario !== "target_efficiency")
    throw invalidInput(
      "scenario",
      `--scenario must be max_response or target_efficiency, not "${scenario}".`,
    );
  const range = values["date-range"];
  const budget = number("budget");
  const low = bounds(values.low, "low");
  const up = bounds(values.high, "high");
  return {
    scenario,
    ...(budget === undefined ? {} : { totalBudget: budget }),
    ...(target === undefined ? {} : { targetValue: target }),
    ...(low === undefined ? {} : { low }),
    ...(up === undefined ? {} : { up }),
    ...(range === undefined
      ? {}
      : { dateRange: range.includes(":") ? (range.split(":", 2) as [string, string]) : range }),
  };
}

/** `0.7` (every channel) or `tv_S=0.7,ooh_S=0.5` (by channel; the others keep the default). */
function bounds(text: string | undefined, flag: string): ChannelBoundsInput | undefined {
  if (text === undefined) return undefined;
  const multiple = (part: string, what: string): number => {
    const n = Number(part.trim());
    if (part.trim() === "" || !Number.isFinite(n) || n < 0)
      throw invalidInput(
        flag,
        `--${flag} ${what} must be a multiple of today's spend, 0 or more, not "${part}" (e.g. --${flag} 0.7 or --${flag} tv_S=0.7,ooh_S=0.5).`,
      );
    return n;
  };
  if (!text.includes("=")) return multiple(text, "");
  return Object.fromEntries(
    text.split(",").map((pair) => {
      const [name, value = ""] = pair.split("=", 2);
      return [name!.trim(), multiple(value, `for ${name!.trim()}`)];
    }),
  );
}

/** One line per bound the allocation sits on: whether it binds and what moving it to the widened value adds. */
function bindingLines(bindings: readonly BindingBound[], interval: string): string[] {
  return bindings.map((b) => {
    const move = `${b.side} bound of ${b.channel} (${formatMultiple(b.multiple)}× → ${formatMultiple(b.relaxedMultiple)}×)`;
    return b.binds
      ? `binds: relaxing the ${move} would add ${Math.round(b.responseGainUnit)} response per ${interval}.`
      : `at the ${move}, which does not bind: relaxing it adds nothing.`;
  });
}

function formatMultiple(value: number): string {
  return String(Number(value.toPrecision(6)));
}
