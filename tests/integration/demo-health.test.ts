/**
 * The health checks on the bundled multi-country demo, trained as a new user would (the suggested
 * mapping, Prophet trend, season and holidays, Robyn's default 2000 × 5): issue 13 found DE's best model
 * putting trend at about 106 % of the revenue with the intercept dropped, and nothing said so. Also a
 * calibrated run: `pareto_calibration.csv` with Robyn's columns, one finding per lift study, and the
 * calibrated channels in the summary.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import { parseRunSpec, type RunSpecInput } from "../../core/run-spec.ts";
import { DEMO_DATA_DIR } from "../../core/warehouse/demo-tables.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { PARETO_CALIBRATION_COLUMNS } from "../../engine/outputs/calibration-table.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { eventSink } from "../../trainer/event-sink.ts";
import { runTrainer } from "../../trainer/trainer.ts";

const table = parseCsv(readFileSync(join(DEMO_DATA_DIR, "multi_country_weekly.csv"), "utf8"));
const mapping = suggestMapping(table);
const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function train(overrides: Partial<RunSpecInput>): Promise<{ outDir: string; summary: ModelSummary }> {
  const outDir = mkdtempSync(join(tmpdir(), "mmm-demo-health-"));
  folders.push(outDir);
  const settings = parseRunSpec({
    country: "DE",
    ...mapping.spec,
    data: { table: "DEMO.MULTI_COUNTRY_WEEKLY", country_column: mapping.country_column },
    prophet_vars: ["trend", "season", "holiday"],
    ...overrides,
  });
  const outcome = await runTrainer({
    settings,
    table,
    outDir,
    workers: 2,
    events: eventSink(async () => {}),
    signal: new AbortController().signal,
    prophet: nativeProphet,
  });
  expect(outcome).toBe("succeeded");
  const summary = JSON.parse(readFileSync(join(outDir, OUTPUT_FILES.modelSummary), "utf8")) as ModelSummary;
  return { outDir, summary };
}

describe("health of the multi-country demo's DE model", () => {
  it("flags the trend above 100 %, the dropped intercept and the missing calibration", async () => {
    const { summary } = await train({});
    const levels = Object.fromEntries(
      summary.health.filter((f) => f.level !== "ok").map((f) => [f.check, f]),
    );
    expect(levels.baseline_share?.level).toBe("problem");
    expect(levels.baseline_share?.message).toMatch(/trend explains 10\d% of the response/);
    expect(levels.intercept?.level).toBe("warning");
    expect(levels.calibration?.level).toBe("warning");
    expect(summary.calibration).toMatchObject({ studies: 0, calibrated_channels: [] });
    expect(summary.calibration.uncalibrated_channels).toHaveLength(5);
  });

  it("reads each lift study against the model of a calibrated run", async () => {
    const studies = [
      {
        channel: "FACEBOOK_S",
        liftStartDate: "2023-03-06",
        liftEndDate: "2023-04-03",
        liftAbs: 60_000,
        spend: 90_000,
        confidence: 0.9,
      },
      {
        channel: "SEARCH_SPEND",
        liftStartDate: "2023-09-04",
        liftEndDate: "2023-10-02",
        liftAbs: 70_000,
        spend: 120_000,
        confidence: 0.6,
      },
    ];
    const { outDir, summary } = await train({ iterations: 300, trials: 2, calibration_input: studies });
    expect(summary.calibration).toEqual({
      studies: 2,
      calibrated_channels: ["FACEBOOK_I", "SEARCH_CLICKS"],
      uncalibrated_channels: ["TV_S", "YOUTUBE_IMPRESSIONS", "OOH_S"],
      mape_weighting: "confidence",
    });
    const calibration = summary.health.filter((f) => f.check === "calibration");
    expect(calibration[0]?.message).toMatch(
      /2 of 5 paid channels; TV_S, YOUTUBE_IMPRESSIONS, OOH_S have none/,
    );

    const csv = parseCsv(readFileSync(join(outDir, OUTPUT_FILES.paretoCalibration), "utf8"));
    expect(csv.columns).toEqual([...PARETO_CALIBRATION_COLUMNS]);
    const best = summary.best_model.model_id;
    const rows = csv.data.solID!.flatMap((id, i) => (id === best ? [i] : []));
    expect(rows).toHaveLength(2);
    expect(rows.map((i) => csv.data.rn![i])).toEqual(["FACEBOOK_I", "SEARCH_CLICKS"]);

    const lifts = summary.health.filter((f) => f.check === "lift_study");
    expect(lifts).toHaveLength(2);
    rows.forEach((row, k) => {
      const predicted = csv.data.decompAbsScaled![row] as number;
      const error = csv.data.mape_lift![row] as number;
      expect(error).toBeCloseTo(Math.abs(predicted - studies[k]!.liftAbs) / studies[k]!.liftAbs, 9);
      expect(lifts[k]!.message).toContain(`measured ${k === 0 ? "60k" : "70k"} REVENUE`);
      expect(lifts[k]!.level).toBe(error > 0.5 ? "problem" : error > 0.25 ? "warning" : "ok");
    });
    // MAPE.LIFT of the best model: the studies' errors weighted by confidence.
    const [a, b] = rows.map((i) => csv.data.mape_lift![i] as number);
    expect(summary.best_model.mape).toBeCloseTo((0.9 * a! + 0.6 * b!) / 1.5, 9);
  });
});
