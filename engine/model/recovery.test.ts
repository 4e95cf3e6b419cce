/**
 * Recovery of known parameters: data simulated from Robyn's own model (adstock → Hill → linear) without
 * noise is fitted with the true hyperparameters and a negligible ridge penalty; the coefficients, the
 * intercept and the decomposition come back.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../data/dates.ts";
import { createRng } from "../search/rng.ts";
import type { Cell, Table } from "../../common/table.ts";
import { geometricAdstock } from "../transform/adstock.ts";
import { hillInflexion, hillSaturate } from "../transform/saturation.ts";
import { fitOneModel, type FitSettings } from "../pipeline/fit-one-model.ts";

const WEEKS = 156;
const WINDOW_START = 12;
const truth = {
  intercept: 5000,
  context: 0.8,
  media: [
    { name: "tv_S", coef: 40_000, theta: 0.5, alpha: 1.2, gamma: 0.6 },
    { name: "search_S", coef: 25_000, theta: 0.1, alpha: 2.5, gamma: 0.4 },
    { name: "social_S", coef: 12_000, theta: 0.3, alpha: 0.8, gamma: 0.7 },
  ],
};

function simulate(): Table {
  const rng = createRng(2024);
  const dates = Array.from({ length: WEEKS }, (_, i) => addDays("2021-01-04", 7 * i));
  const context = Array.from(
    { length: WEEKS },
    (_, i) => 20_000 + 5_000 * Math.sin(i / 8) + 1_000 * rng.next(),
  );
  const y = context.map((c) => truth.intercept + truth.context * c);
  const data: Record<string, Cell[]> = { DATE: dates, competitor: context };
  for (const m of truth.media) {
    const spend = Float64Array.from({ length: WEEKS }, () =>
      rng.next() < 0.3 ? 0 : 1000 + 9000 * rng.next(),
    );
    const adstocked = new Float64Array(WEEKS);
    geometricAdstock(spend, m.theta, adstocked);
    const inflexion = hillInflexion(adstocked, m.gamma, WINDOW_START, WEEKS);
    const saturated = new Float64Array(WEEKS);
    hillSaturate(adstocked, m.alpha, inflexion, saturated);
    for (let t = 0; t < WEEKS; t++) y[t] = y[t]! + m.coef * saturated[t]!;
    data[m.name] = Array.from(spend);
  }
  data.sales = y;
  return { columns: Object.keys(data), data };
}

describe("recovery of known parameters", () => {
  it("recovers coefficients and intercept from noiseless simulated data", () => {
    const table = simulate();
    const hyperparameters: Record<string, number> = { lambda: 1e-6 };
    for (const m of truth.media) {
      hyperparameters[`${m.name}_thetas`] = m.theta;
      hyperparameters[`${m.name}_alphas`] = m.alpha;
      hyperparameters[`${m.name}_gammas`] = m.gamma;
    }
    const settings: FitSettings = {
      country: "US",
      date_var: "DATE",
      dep_var: "sales",
      dep_var_type: "revenue",
      paid_media_spends: truth.media.map((m) => m.name),
      organic_vars: [],
      context_vars: ["competitor"],
      factor_vars: [],
      prophet_vars: [],
      prophet: "precomputed",
      window_start: table.data.DATE![WINDOW_START] as string,
      adstock: "geometric",
      intercept: true,
      intercept_sign: "non_negative",
      rssd_zero_penalty: true,
      hyperparameters,
      ts_validation: false,
      calibration_input: [],
    };
    const { record } = fitOneModel(table, settings);
    expect(record.coefficients["(Intercept)"]).toBeCloseTo(truth.intercept, 3);
    expect(record.coefficients.competitor).toBeCloseTo(truth.context, 9);
    for (const m of truth.media) expect(record.coefficients[m.name]! / m.coef).toBeCloseTo(1, 9);
    expect(record.rsq_train).toBeCloseTo(1, 12);
    expect(record.nrmse).toBeLessThan(1e-9);
    // The decomposition adds up to the fitted values, period by period.
    const { depVarHat, intercept, contributions } = record.series;
    depVarHat.forEach((value, t) => {
      const parts = intercept[t]! + Object.values(contributions).reduce((s, c) => s + c[t]!, 0);
      expect(parts).toBeCloseTo(value, 6);
    });
  });
});
