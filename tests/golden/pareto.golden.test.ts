/**
 * B4: Pareto fronts, quantile filter, automatic front count and error scores against Robyn's own
 * `robyn_pareto` on 2011 configuration-(i) models (golden README, `b4_pareto.json`).
 *
 * Tolerances: front numbers, filter flags, the front count and the selected models are integers and must be
 * equal for every model; quantiles and error scores are compared at 1e-12 relative (measured: bit-identical,
 * because the arithmetic is done in R's order).
 */
import { describe, expect, it } from "vitest";
import {
  errorScores,
  paretoFrontRanks,
  quantileType7,
  selectParetoFronts,
} from "../../engine/select/pareto.ts";
import { loadGolden } from "./fixtures.ts";
import { assertClose } from "./tolerance.ts";

interface B4Model {
  solID: string;
  nrmse: number;
  nrmse_train: number;
  "decomp.rssd": number;
  mape: number;
  "mape.qt10": boolean;
  robynPareto: number | null;
  error_score: number;
  pareto_front_unfiltered: number;
}
interface B4 {
  n_models: number;
  quantiles: { mape_qt_at_calibration_constraint: number; nrmse_q90: number; "decomp.rssd_q90": number };
  pareto_fronts_auto: number;
  min_candidates: number;
  calibration_constraint: number;
  n_models_in_selected_fronts: number;
  models: B4Model[];
}

const golden = loadGolden<B4>("b4_pareto.json");
const models = golden.models;
const nrmse = Float64Array.from(models, (m) => m.nrmse);
const nrmseTrain = Float64Array.from(models, (m) => m.nrmse_train);
const decompRssd = Float64Array.from(models, (m) => m["decomp.rssd"]);
const mape = Float64Array.from(models, (m) => m.mape);
const RELATIVE = { rel: 1e-12 };

describe("b4_pareto: robyn_pareto on 2011 models", () => {
  const selection = selectParetoFronts(
    { nrmse, decompRssd, mape },
    {
      paretoFronts: "auto",
      minCandidates: golden.min_candidates,
      calibrationConstraint: golden.calibration_constraint,
      calibrated: false,
    },
  );

  it("has the fixture's number of models", () => {
    expect(models.length).toBe(golden.n_models);
  });

  it("computes the filter quantiles as R's type-7 quantile", () => {
    const q = golden.quantiles;
    assertClose(selection.quantiles.mape, q.mape_qt_at_calibration_constraint, RELATIVE, "Q(mape, 0.1)");
    assertClose(selection.quantiles.nrmse, q.nrmse_q90, RELATIVE, "Q(nrmse, 0.9)");
    assertClose(selection.quantiles.decompRssd, q["decomp.rssd_q90"], RELATIVE, "Q(decomp.rssd, 0.9)");
    assertClose(quantileType7(nrmse, 0.9), q.nrmse_q90, RELATIVE, "quantileType7(nrmse, 0.9)");
  });

  it("flags the same models as passing the filter (mape.qt10)", () => {
    const wrong = models.filter((m, i) => selection.mapeQt10[i] !== m["mape.qt10"]).map((m) => m.solID);
    expect(wrong).toEqual([]);
  });

  it("gives every model Robyn's front number (robynPareto), null when filtered out", () => {
    const wrong = models
      .map((m, i) => ({ solID: m.solID, expected: m.robynPareto, actual: selection.robynPareto[i] }))
      .filter((c) => c.actual !== c.expected);
    expect(wrong).toEqual([]);
  });

  it("selects 10 fronts automatically, holding 116 models", () => {
    expect(selection.paretoFronts).toBe(golden.pareto_fronts_auto);
    expect(selection.selectedModels.length).toBe(golden.n_models_in_selected_fronts);
    const expected = models.flatMap((m, i) =>
      m.robynPareto != null && m.robynPareto <= golden.pareto_fronts_auto ? [i] : [],
    );
    expect(Array.from(selection.selectedModels)).toEqual(expected);
  });

  it("numbers the fronts of all models without the filter as pareto_front does", () => {
    const ranks = paretoFrontRanks(nrmse, decompRssd);
    const wrong = models
      .map((m, i) => ({ solID: m.solID, expected: m.pareto_front_unfiltered, actual: ranks[i] }))
      .filter((c) => c.actual !== c.expected);
    expect(wrong).toEqual([]);
  });

  it("computes error_score (errors_scores on nrmse_train, decomp.rssd, mape) to 1e-12 relative", () => {
    const scores = errorScores({ nrmse: nrmseTrain, decompRssd, mape });
    models.forEach((m, i) => assertClose(scores[i]!, m.error_score, RELATIVE, `error_score ${m.solID}`));
  });
});
