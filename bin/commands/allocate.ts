/**
 * `mmm allocate --run DIR|RUN_ID --model SOLID [--budget N | --target-roas X | --target-cpa X]
 *  [--low 0.5] [--high 2] [--date-range all|last|last_N|START:END] [--scenario max_response|target_efficiency] [--json]`
 *
 * Robyn's budget allocator on one model of a finished run: a run folder written by `mmm train`, or a run
 * of the app's store. Writes `output/allocator/<solID>_<scenario>.csv`, `.json` and `.png` beside the run's
 * outputs and prints a compact table in a terminal, the CSV otherwise, the JSON with `--json`.
 */
import { parseArgs } from "node:util";
import { allocationTableCsv, allocationToJson } from "../../engine/allocator/index.ts";
import { renderAllocation } from "../../engine/report/allocation.ts";
import { invalidInput } from "../../common/errors.ts";
import { namingRunModels } from "../unknown-model.ts";
import { allocationTable } from "../allocation-table.ts";
import { allocateForModel, type ModelAllocationRequest } from "../../core/results/model-allocation.ts";
import { forPeople, type CommandIo } from "../command-io.ts";
import { openRun } from "../open-run.ts";
import { allocationBase } from "../../common/run-folder.ts";
import { USAGE } from "../command-usage.ts";

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
  if (!values.run) throw invalidInput("run", `--run is required. Usage: ${usage}`);
  if (!values.model)
    throw invalidInput("model", `--model is required (a solID such as 1_64_9). Usage: ${usage}`);
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
    const json = {
      solID: allocation.solID,
      dateRange: allocation.dateRange,
      ...allocationToJson(allocation.result),
    };
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
    else if (forPeople(io, false)) io.stdout(allocationTable(allocation.result));
    else io.stdout(csv.trimEnd());
    const t = allocation.result.totals;
    io.stderr(
      `${values.model}, ${allocation.dateRange.from} to ${allocation.dateRange.to} (${allocation.dateRange.periods} periods): ` +
        `response ${Math.round(t.initResponseTotal)} → ${Math.round(t.optmResponseTotal)} (${(100 * t.optmResponseUnitTotalLift).toFixed(1)}% lift). Written to ${base}.csv`,
    );
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
  const low = number("low");
  const up = number("high");
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
