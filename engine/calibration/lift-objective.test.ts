import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../../common/table.ts";
import { addDays } from "../data/dates.ts";
import { fitOneModel, type FitSettings } from "../pipeline/fit-one-model.ts";
import { createRng } from "../search/rng.ts";
import type { CalibrationStudyInput } from "./studies.ts";

const WEEKS = 80;

function simulated(): Table {
  const rng = createRng(7);
  const data: Record<string, Cell[]> = {
    DATE: Array.from({ length: WEEKS }, (_, i) => addDays("2022-01-03", 7 * i)),
  };
  const tv = Array.from({ length: WEEKS }, () => 1000 + 4000 * rng.next());
  const search = Array.from({ length: WEEKS }, () => 500 + 2000 * rng.next());
  data.tv_S = tv;
  data.search_S = search;
  data.sales = tv.map((x, t) => 20_000 + 2 * x + 3 * search[t]! + 500 * rng.next());
  return { columns: Object.keys(data), data };
}

function settings(studies: CalibrationStudyInput[]): FitSettings {
  return {
    country: "US",
    date_var: "DATE",
    dep_var: "sales",
    dep_var_type: "revenue",
    paid_media_spends: ["tv_S", "search_S"],
    organic_vars: [],
    context_vars: [],
    factor_vars: [],
    prophet_vars: [],
    prophet: "precomputed",
    adstock: "geometric",
    intercept: true,
    intercept_sign: "non_negative",
    rssd_zero_penalty: true,
    hyperparameters: {
      tv_S_thetas: 0.3,
      tv_S_alphas: 1,
      tv_S_gammas: 0.5,
      search_S_thetas: 0.1,
      search_S_alphas: 1,
      search_S_gammas: 0.5,
      lambda: 1,
    },
    ts_validation: false,
    calibration_input: studies,
  };
}

const study = (channel: string, liftAbs: number, confidence: number): CalibrationStudyInput => ({
  channel,
  liftStartDate: "2022-06-06",
  liftEndDate: "2022-07-04",
  liftAbs,
  spend: 0,
  confidence,
  calibration_scope: "immediate",
});

describe("MAPE.LIFT weighted by the studies' confidence", () => {
  const table = simulated();

  it("weights each study's error by its confidence", () => {
    const { record, calibration } = fitOneModel(
      table,
      settings([study("tv_S", 30_000, 0.9), study("search_S", 5_000, 0.3)]),
    );
    const [a, b] = calibration;
    expect(a!.error).not.toBeCloseTo(b!.error, 3);
    expect(record.mape).toBeCloseTo((0.9 * a!.error + 0.3 * b!.error) / 1.2, 12);
    expect(record.mape).not.toBeCloseTo((a!.error + b!.error) / 2, 3);
    // Each reading is Robyn's mape_lift: |decompAbsScaled − liftAbs| / liftAbs.
    expect(a!.error).toBeCloseTo(Math.abs(a!.predicted - 30_000) / 30_000, 12);
    expect(a!.predictedTotal).toBeGreaterThanOrEqual(a!.predicted);
  });

  it("is Robyn's plain mean when the confidences are equal, or all zero", () => {
    for (const confidence of [0.8, 0]) {
      const { record, calibration } = fitOneModel(
        table,
        settings([study("tv_S", 30_000, confidence), study("search_S", 5_000, confidence)]),
      );
      expect(record.mape).toBeCloseTo((calibration[0]!.error + calibration[1]!.error) / 2, 12);
    }
  });
});
