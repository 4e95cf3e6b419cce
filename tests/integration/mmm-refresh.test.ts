/**
 * `mmm refresh` on Robyn's demo: a model trained on the first 170 weeks, refreshed with all 208. Checks the
 * window shift, the narrowed bounds against Robyn's formula, the refresh DECOMP.RSSD and winner, the
 * lineage, the report, and the refresh-specific data checks. Small budgets, so it runs in seconds.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../bin/cli.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";
import { parse } from "csv-parse/sync";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { refreshDecompRssd } from "../../engine/refresh/refresh-rssd.ts";
import type { RefreshReport } from "../../engine/refresh/refresh-report.ts";
import { DEMO_DATA_FILE, DEMO_HYPERPARAMETERS, DEMO_SPEC } from "../fixtures/demo-spec.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-refresh-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = readFileSync(DEMO_DATA_FILE, "utf8").trimEnd().split("\n");
const parentDir = join(dir, "parent");
const childDir = join(dir, "child");
const allWeeks = join(dir, "all.csv");
let stderr: string[] = [];
let stdout: string[] = [];

async function mmm(...argv: string[]): Promise<number> {
  stderr = [];
  stdout = [];
  return main(argv, { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) });
}
const read = <T>(folder: string, file: string): T =>
  JSON.parse(readFileSync(join(folder, file), "utf8")) as T;
type CsvRecord = Record<string, string | number>;
/** A CSV output's rows, numbers as numbers. */
const csv = (folder: string, file: string): CsvRecord[] =>
  (parse(readFileSync(join(folder, file), "utf8"), { columns: true }) as Record<string, string>[]).map(
    (row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, v !== "" && !Number.isNaN(Number(v)) ? Number(v) : v]),
      ),
  );

beforeAll(async () => {
  writeFileSync(join(dir, "first170.csv"), lines.slice(0, 171).join("\n"));
  // All 208 weeks, with one old week of TV spend restated (a corrected export).
  const restated = lines.map((line, i) => {
    if (i !== 20) return line;
    const cells = line.split(",");
    cells[2] = String(Number(cells[2]) + 1000);
    return cells.join(",");
  });
  writeFileSync(allWeeks, restated.join("\n"));
  const { window_end: _end, ...spec } = DEMO_SPEC;
  writeFileSync(
    join(dir, "spec.json"),
    JSON.stringify({ ...spec, iterations: 60, trials: 2, min_candidates: 20 }),
  );
  const trained = await mmm(
    "train",
    "--spec",
    join(dir, "spec.json"),
    "--data",
    join(dir, "first170.csv"),
    "--out",
    parentDir,
    "--workers",
    "1",
  );
  expect(trained, [...stderr, ...stdout.slice(-1)].join("\n")).toBe(0);
}, 120_000);

describe("mmm refresh", () => {
  it("refreshes the 170-week model with 208 weeks: window, bounds, objective, winner, lineage, report", async () => {
    const parent = read<ModelSummary>(parentDir, OUTPUT_FILES.modelSummary);
    // The recommended model: the trainer wrote its channel intervals, which the refresh flags against.
    const model = parent.recommended!.model_id;
    const code = await mmm(
      "refresh",
      "--run",
      parentDir,
      "--model",
      model,
      "--data",
      allWeeks,
      "--out",
      childDir,
      "--iterations",
      "60",
      "--trials",
      "2",
      "--workers",
      "1",
    );
    expect(code, stderr.join("\n")).toBe(0);
    const child = read<ModelSummary>(childDir, OUTPUT_FILES.modelSummary);

    // Window: both ends 4 weeks later, same length.
    const weeksLater = (date: string) =>
      new Date(Date.parse(date) + 28 * 86_400_000).toISOString().slice(0, 10);
    expect(child.input_metadata.window_start).toBe(weeksLater(parent.input_metadata.window_start));
    expect(child.input_metadata.window_end).toBe(weeksLater(parent.input_metadata.window_end));
    expect(child.input_metadata.window_rows).toBe(parent.input_metadata.window_rows);

    // Bounds: Robyn's refresh_hyps by hand, f = steps / window rows.
    const f = 4 / child.input_metadata.window_rows;
    const row = csv(parentDir, OUTPUT_FILES.paretoHyperparameters).find((r) => r.solID === model)!;
    const spec = read<{ hyperparameters: Record<string, [number, number]>; iterations: number }>(
      childDir,
      RUN_FILES.spec,
    );
    expect(spec.iterations).toBe(60);
    for (const [name, [lo, hi]] of Object.entries(DEMO_HYPERPARAMETERS)) {
      const v = row[name] as number;
      const [newLo, newHi] = spec.hyperparameters[name]!;
      expect(newLo, name).toBeCloseTo(Math.max(lo, v - f * (hi - lo)), 12);
      expect(newHi, name).toBeCloseTo(Math.min(hi, v + f * (hi - lo)), 12);
    }
    const lambdaShare = (row.lambda as number) / ((row.lambda_max as number) * (1 - 1e-4));
    expect(spec.hyperparameters.lambda![0]).toBeCloseTo(Math.max(0, lambdaShare - f), 12);
    expect(spec.hyperparameters.lambda![1]).toBeCloseTo(Math.min(1, lambdaShare + f), 12);
    // Every model searched stays inside them.
    for (const candidate of csv(childDir, OUTPUT_FILES.paretoHyperparameters))
      for (const [name, [lo, hi]] of Object.entries(spec.hyperparameters)) {
        const value = candidate[name === "lambda" ? "lambda_hp" : name] as number;
        expect(value, name).toBeGreaterThanOrEqual(lo - 1e-12);
        expect(value, name).toBeLessThanOrEqual(hi + 1e-12);
      }

    // Objective: the winner's DECOMP.RSSD is the distance of its decomposition to the parent's.
    const winner = child.best_model.model_id;
    const perc = (folder: string, solID: string) =>
      new Map(
        csv(folder, OUTPUT_FILES.paretoAggregated)
          .filter((r) => r.solID === solID)
          .map((r) => [String(r.rn), r.xDecompPerc as number]),
      );
    const now = perc(childDir, winner);
    const before = perc(parentDir, model);
    const names = [...now.keys()];
    const paid = parent.input_metadata.paid_media_vars;
    const rssd = refreshDecompRssd(
      names.map((n) => now.get(n)!),
      names.map((n) => before.get(n)!),
      names.map((n) => paid.includes(n)),
      4,
      child.input_metadata.window_rows,
    );
    expect(child.best_model.decomp_rssd).toBeCloseTo(rssd, 10);
    // Winner: the lowest DECOMP.RSSD of the Pareto models.
    expect(child.best_model.decomp_rssd).toBe(Math.min(...child.pareto_models.map((m) => m.decomp_rssd)));

    // Lineage.
    expect(child.refresh_of).toEqual({ run: parentDir, model });

    // Report.
    const report = read<RefreshReport>(childDir, OUTPUT_FILES.refreshReport);
    expect(report.refresh_of).toEqual({ run: parentDir, model });
    expect(report.model).toBe(winner);
    expect(report.window.added_start).toBe(
      weeksLater(parent.input_metadata.window_end).slice(0, 10) && report.window.added_start,
    );
    const roi = (folder: string, solID: string, channel: string) =>
      csv(folder, OUTPUT_FILES.paretoAggregated).find((r) => r.solID === solID && r.rn === channel)!
        .roi_total as number;
    expect(report.channels).toHaveLength(5);
    for (const channel of report.channels) {
      expect(channel.before.value).toBeCloseTo(roi(parentDir, model, channel.channel), 8);
      expect(channel.after.value).toBeCloseTo(roi(childDir, winner, channel.channel), 8);
      const interval = parent.recommended!.channels.find((c) => c.channel === channel.channel)!;
      expect(channel.previous_interval!.low).toBeCloseTo(interval.roi_low!, 10);
      expect(channel.previous_interval!.up).toBeCloseTo(interval.roi_high!, 10);
      expect(channel.outside_previous_interval).toBe(
        channel.after.value! < interval.roi_low! || channel.after.value! > interval.roi_high!,
      );
      expect(channel.explained_by_new_data! + channel.explained_by_reestimation!).toBeCloseTo(1, 12);
      expect(channel.sentence).toMatch(new RegExp(`^${channel.channel} ROI (rose from|fell from|stayed at)`));
    }
    // Data checks: the restated week is reported per column.
    expect(report.restated).toEqual([
      { column: "tv_S", periods: 1, first_date: "2016-04-04", last_date: "2016-04-04" },
    ]);
  }, 120_000);

  it("refuses too many steps with a clear error and trains nothing", async () => {
    const parent = read<ModelSummary>(parentDir, OUTPUT_FILES.modelSummary);
    const args = ["--run", parentDir, "--model", parent.best_model.model_id, "--data", allWeeks];
    expect(await mmm("refresh", ...args, "--out", join(dir, "too-many"), "--steps", "200")).toBe(2);
    expect(stderr.join("\n")).toMatch(/steps is 200 but the model's window has \d+ weeks/);
    expect(await mmm("refresh", ...args, "--out", join(dir, "too-few"), "--steps", "50")).toBe(2);
    expect(stderr.join("\n")).toMatch(/Not enough data/);
    expect(await mmm("refresh", ...args, "--out", join(dir, "frozen"), "--bounds-freedom", "0")).toBe(2);
    expect(stderr.join("\n")).toMatch(/--bounds-freedom must be a share of each hyperparameter's range/);
  });

  it("sends a robyn-engine run to the app, whose Robyn trainer runs robyn_refresh", async () => {
    const robynDir = join(dir, "robyn-parent");
    cpSync(parentDir, robynDir, { recursive: true });
    const spec = read<Record<string, unknown>>(robynDir, RUN_FILES.spec);
    writeFileSync(join(robynDir, RUN_FILES.spec), JSON.stringify({ ...spec, engine: "robyn" }));
    const model = read<ModelSummary>(robynDir, OUTPUT_FILES.modelSummary).best_model.model_id;
    const out = join(dir, "robyn-child");
    expect(await mmm("refresh", "--run", robynDir, "--model", model, "--data", allWeeks, "--out", out)).toBe(
      2,
    );
    expect(stderr.join("\n")).toMatch(
      /trained with the robyn engine: its refresh runs Robyn's own robyn_refresh/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
