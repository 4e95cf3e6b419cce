/**
 * `mmm scenario` through `main` on a run trained with `mmm train`: a plan from the last periods and the same plan
 * from a CSV answer the same numbers, the answer is the engine's forecast on the run's models with the range
 * across them, and bad plans exit with code 2 naming what to fix.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { main } from "../cli.ts";

interface Report {
  solIDs: string[];
  interval: string;
  plan: { dates: string[]; spend: Record<string, number[]> };
  forecast: {
    media: {
      medium: string;
      response: number[];
      fromHistory: number[];
      fromPlan: number[];
      totalInput: number;
    }[];
    totalResponse: number;
    totalPaidSpend: number;
  };
  range: { totalResponse: { low: number; median: number; high: number } };
  assumptions: string[];
}

let folder: string;
let models: string[];
const dir = mkdtempSync(join(tmpdir(), "mmm-scenario-"));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["scenario", "--run", folder, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { code, out: out.join("\n"), err };
}

beforeAll(async () => {
  folder = await trainedRunFolder();
  const summary = JSON.parse(readFileSync(join(folder, "output", "model_summary.json"), "utf8")) as {
    best_model: { model_id: string };
    pareto_models: { model_id: string }[];
  };
  const others = summary.pareto_models
    .map((m) => m.model_id)
    .filter((id) => id !== summary.best_model.model_id);
  models = [summary.best_model.model_id, ...others.slice(0, 2)];
});

describe("mmm scenario", () => {
  it("forecasts the last 8 weeks again ×1.2 on three models, the same from a CSV of that plan", async () => {
    const fromHistory = await run("--model", models.join(","), "--last", "8", "--multiplier", "1.2");
    expect(fromHistory.code, fromHistory.err.join("\n")).toBe(0);
    const report = JSON.parse(fromHistory.out) as Report;
    expect(report.solIDs).toEqual(models);
    expect(report.interval).toBe("week");
    expect(report.plan.dates).toHaveLength(8);
    expect(report.plan.dates[0]).toBe("2019-11-18"); // the week after the data's last, 2019-11-11
    expect(Object.keys(report.plan.spend)).toEqual(["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"]);
    expect(fromHistory.err).toContain(
      "assumption: Media response only: the baseline (intercept, trend, season, holidays and context variables) is not projected into the plan's periods.",
    );
    for (const medium of report.forecast.media)
      medium.response.forEach((r, t) =>
        expect(r).toBeCloseTo(medium.fromHistory[t]! + medium.fromPlan[t]!, 6),
      );
    const { low, median, high } = report.range.totalResponse;
    expect(low).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(high);
    expect(report.forecast.totalResponse).toBeGreaterThanOrEqual(low);
    expect(report.forecast.totalResponse).toBeLessThanOrEqual(high);

    const csv = [
      ["date", ...Object.keys(report.plan.spend)].join(","),
      ...report.plan.dates.map((date, t) =>
        [date, ...Object.values(report.plan.spend).map((values) => String(values[t]))].join(","),
      ),
    ].join("\n");
    const file = join(dir, "plan.csv");
    writeFileSync(file, csv);
    const fromCsv = await run("--model", models.join(","), "--plan", file);
    expect(fromCsv.code, fromCsv.err.join("\n")).toBe(0);
    expect(JSON.parse(fromCsv.out)).toEqual(report);
  });

  it("exits with 2 and names what to fix for a bad plan", async () => {
    const past = join(dir, "past.csv");
    writeFileSync(past, "date,tv_S\n2019-11-11,1000\n");
    const unknown = join(dir, "unknown.csv");
    writeFileSync(unknown, "date,radio_S\n2019-11-18,1000\n");
    const cases: [string[], RegExp][] = [
      [
        ["--model", models[0]!, "--plan", past],
        /Plan date 2019-11-11 is not after the data's last period \(2019-11-11\)/,
      ],
      [
        ["--model", models[0]!, "--plan", unknown],
        /The plan names radio_S, which is not a medium of this model/,
      ],
      [["--model", models[0]!], /Give either --plan plan.csv or --last N/],
      [["--model", models[0]!, "--last", "0"], /--last must be a whole number of periods/],
      [["--model", models[0]!, "--last", "4", "--multiplier", "radio_S=2"], /multiplier names radio_S/],
    ];
    for (const [args, message] of cases) {
      const answer = await run(...args);
      expect(answer.code, args.join(" ")).toBe(2);
      expect(answer.out).toBe("");
      expect(answer.err.join("\n")).toMatch(message);
    }
    const unknownModel = await run("--model", "9_9_9", "--last", "4");
    expect(unknownModel.code).not.toBe(0);
    expect(unknownModel.err.join("\n")).toMatch(/no Pareto model 9_9_9/);
  });
});
