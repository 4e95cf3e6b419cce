import { describe, expect, it } from "vitest";
import { fitOneModel } from "../pipeline/fit-one-model.ts";
import { SIMULATION_SCENARIOS, simulateMmmData, type SimulatedData } from "./simulate-mmm.ts";

function column(data: SimulatedData, name: string): number[] {
  return data.table.data[name]!.map(Number);
}

function correlation(x: number[], y: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe("simulateMmmData", () => {
  it("is deterministic per seed and shapes each scenario as named", () => {
    expect(simulateMmmData("easy", { seed: 3 })).toStrictEqual(simulateMmmData("easy", { seed: 3 }));
    expect(simulateMmmData("easy", { seed: 3 }).table).not.toStrictEqual(
      simulateMmmData("easy", { seed: 4 }).table,
    );
    const collinear = simulateMmmData("collinear", { seed: 1 });
    expect(correlation(column(collinear, "social_S"), column(collinear, "search_S"))).toBeGreaterThan(0.9);
    const easy = simulateMmmData("easy", { seed: 1 });
    expect(Math.abs(correlation(column(easy, "social_S"), column(easy, "search_S")))).toBeLessThan(0.3);
    const alwaysOn = simulateMmmData("always_on", { seed: 1 });
    for (const channel of alwaysOn.paid_media_spends)
      expect(Math.min(...column(alwaysOn, channel))).toBeGreaterThan(0);
    expect(simulateMmmData("short_history", { seed: 1 }).table.data.DATE).toHaveLength(52);
    for (const scenario of SIMULATION_SCENARIOS) {
      const data = simulateMmmData(scenario, { seed: 2 });
      expect(data.truth.channels.reduce((s, c) => s + c.effect_share, 0)).toBeCloseTo(1, 12);
    }
  });

  it("states a truth the data bears out: the true model form fits it and recovers each ROI", () => {
    const data = simulateMmmData("easy", { seed: 1, liftStudies: 3 });
    // The baseline's own terms as regressors (the simulator's trend and season), so that nothing but noise
    // stands between the fit and the truth.
    const weeks = data.table.data.DATE!.length;
    const table = {
      columns: [...data.table.columns, "trend_t", "season_wave"],
      data: {
        ...data.table.data,
        trend_t: Array.from({ length: weeks }, (_, t) => t),
        season_wave: Array.from({ length: weeks }, (_, t) => Math.sin((2 * Math.PI * (t - 8)) / 52.18)),
      },
    };
    expect(data.calibration_input.map((s) => s.channel)).toEqual(["tv_S", "social_S", "search_S"]);
    const hyperparameters: Record<string, number> = { lambda: 0 };
    for (const c of data.truth.channels) {
      hyperparameters[`${c.channel}_thetas`] = c.theta;
      hyperparameters[`${c.channel}_alphas`] = c.alpha;
      hyperparameters[`${c.channel}_gammas`] = c.gamma;
    }
    const { record } = fitOneModel(table, {
      country: "US",
      date_var: data.date_var,
      dep_var: data.dep_var,
      dep_var_type: "revenue",
      paid_media_spends: data.paid_media_spends,
      organic_vars: [],
      context_vars: [...data.context_vars, "trend_t", "season_wave"],
      context_signs: ["default", "default", "default"],
      factor_vars: [],
      prophet_vars: [],
      prophet: "precomputed",
      adstock: "geometric",
      intercept: true,
      intercept_sign: "non_negative",
      rssd_zero_penalty: true,
      hyperparameters,
      ts_validation: false,
      calibration_input: data.calibration_input,
    });
    expect(record.rsq_train).toBeGreaterThan(0.8);
    // The studies measure the true lift with 10 % noise; the true model agrees with them about as well.
    expect(record.mape).toBeLessThan(0.2);
    for (const truth of data.truth.channels) {
      const roi = record.variables.find((v) => v.rn === truth.channel)!.roi_total!;
      // OOH, the smallest channel (under 2 % of revenue, against noise of 4 %), is weakly identified even so.
      expect(Math.abs(roi / truth.roi - 1), truth.channel).toBeLessThan(
        truth.channel === "ooh_S" ? 0.5 : 0.15,
      );
    }
  });
});
