/**
 * `mmm scenario` through `main` on a run trained with `mmm train`: a plan from the last periods and the same plan
 * from a CSV answer the same numbers, the answer is the engine's forecast on the run's models with the range
 * across them, and bad plans exit with code 2 naming what to fix.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/data/csv.ts";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { main } from "../cli.ts";

interface Spread {
  value: number;
  low: number;
  high: number;
}

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
    response: number[];
    totalResponse: number;
    totalPaidSpend: number;
  };
  baseline: {
    method: string;
    assumptions: string[];
    per_period: number[];
    total: number;
    components: { name: string; rule: string; coef: number; values: number[]; contribution: number[] }[];
  };
  predicted: { per_period: number[]; total: number };
  range: {
    method: string;
    models: string[];
    media: { medium: string; response: Spread }[];
    mediaTotal: Spread;
    per_period: Spread[];
    total: Spread;
  };
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
      "assumption: The baseline (the outcome without media) is projected, not known: it assumes the past pattern goes on.",
    );
    for (const medium of report.forecast.media)
      medium.response.forEach((r, t) =>
        expect(r).toBeCloseTo(medium.fromHistory[t]! + medium.fromPlan[t]!, 6),
      );
    // Three models named: the range is across them, the first model's answer inside it.
    expect(report.range.method).toBe("given_models");
    expect(report.range.models).toEqual(models);
    const { value, low, high } = report.range.total;
    expect(value).toBeCloseTo(report.predicted.total, 6);
    expect(low).toBeLessThanOrEqual(value);
    expect(value).toBeLessThanOrEqual(high);
    expect(low).toBeLessThan(high);

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

  it("projects the baseline from the model's own decomposition, and says how (recommended model)", async () => {
    const summary = JSON.parse(readFileSync(join(folder, "output", "model_summary.json"), "utf8")) as {
      recommended: {
        model_id: string;
        channels: { channel: string; roi: number; roi_low: number; roi_high: number }[];
      };
    };
    const solID = summary.recommended.model_id;
    const answer = await run("--model", solID, "--last", "4");
    expect(answer.code, answer.err.join("\n")).toBe(0);
    const report = JSON.parse(answer.out) as Report;
    const part = Object.fromEntries(report.baseline.components.map((c) => [c.name, c]));
    expect(Object.keys(part)).toEqual([
      "(Intercept)",
      "trend",
      "season",
      "holiday",
      "competitor_sales_B",
      "events",
    ]);
    // The model's decomposition of the window (pareto_alldecomp_matrix.csv), which ends 2018-12-31.
    const decomposition = parseCsv(
      readFileSync(join(folder, "output", "pareto_alldecomp_matrix.csv"), "utf8"),
      "decomposition",
    );
    const rows = decomposition.data.solID!.flatMap((id, i) => (id === solID ? [i] : []));
    const cell = (column: string, date: string) =>
      decomposition.data[column]![rows.find((i) => decomposition.data.ds![i] === date)!] as number;
    // The plan's weeks 2019-11-18 … 2019-12-09 repeat the season and holidays of 52 weeks earlier.
    report.plan.dates.forEach((date, t) => {
      const yearBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 364 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      for (const name of ["season", "holiday"])
        expect(part[name]!.contribution[t]).toBeCloseTo(cell(name, yearBefore), 6);
      expect(part["(Intercept)"]!.contribution[t]).toBeCloseTo(cell("intercept", yearBefore), 6);
    });
    // The trend goes on in a straight line; competitor sales stay at the mean of the data's last 4 weeks.
    const trend = part.trend!.contribution;
    for (let t = 2; t < trend.length; t++)
      expect(trend[t]! - trend[t - 1]!).toBeCloseTo(trend[1]! - trend[0]!, 6);
    const input = parseCsv(readFileSync(join(folder, "input.csv"), "utf8"), "input");
    const competitor = (input.data.competitor_sales_B as number[]).slice(-4);
    expect(part.competitor_sales_B!.values[0]).toBeCloseTo(competitor.reduce((a, b) => a + b) / 4, 6);
    report.baseline.per_period.forEach((b, t) => {
      expect(b).toBeCloseTo(
        report.baseline.components.reduce((s, c) => s + c.contribution[t]!, 0),
        6,
      );
      expect(report.predicted.per_period[t]).toBeCloseTo(b + report.forecast.response[t]!, 6);
    });
    expect(report.baseline.method).toMatch(/trend extended linearly from its last year/);

    // The recommended model's range comes from its ROI intervals, channel by channel.
    expect(report.range.method).toBe("recommended_intervals");
    for (const { channel, roi, roi_low, roi_high } of summary.recommended.channels) {
      const { response } = report.range.media.find((m) => m.medium === channel)!;
      expect(response.low).toBeCloseTo((response.value * roi_low) / roi, 6);
      expect(response.high).toBeCloseTo((response.value * roi_high) / roi, 6);
    }
    expect(report.range.total.low).toBeLessThan(report.predicted.total);
    expect(report.range.total.high).toBeGreaterThan(report.predicted.total);
  });

  it("ranges another model's answer across the run's near-optimal models", async () => {
    const summary = JSON.parse(readFileSync(join(folder, "output", "model_summary.json"), "utf8")) as {
      recommended: { model_id: string; near_optimal_models: number };
      pareto_models: { model_id: string }[];
    };
    const other = summary.pareto_models
      .map((m) => m.model_id)
      .find((id) => id !== summary.recommended.model_id)!;
    const answer = await run("--model", other, "--last", "4", "--multiplier", "0");
    expect(answer.code, answer.err.join("\n")).toBe(0);
    const report = JSON.parse(answer.out) as Report;
    expect(report.range.method).toBe("near_optimal_models");
    expect(report.range.models[0]).toBe(other);
    expect(report.range.models).toContain(summary.recommended.model_id);
    expect(report.range.models.length).toBeGreaterThanOrEqual(summary.recommended.near_optimal_models);
    // Spending nothing: the paid media bring only their carryover from history.
    for (const medium of report.forecast.media.filter((m) => m.medium !== "newsletter"))
      expect(medium.fromPlan.every((v) => Math.abs(v) < 1e-9)).toBe(true);
    const { value, low, high } = report.range.total;
    expect(low).toBeLessThanOrEqual(value);
    expect(high).toBeGreaterThanOrEqual(value);
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
