/**
 * Configuration (iii) with our own Prophet-style decomposition in place of Robyn's (trend, season and
 * holiday for DE, and the `events` factor): for the same hyperparameters every model's NRMSE must stay
 * within 5% of Robyn's (product requirement). The exact-ridge variant is the reference, so that only the
 * decomposition differs.
 *
 * Where both fits make the same intercept decision, training NRMSE is held to ±5%, and so is the objective
 * NRMSE of models without time-series validation. Two things can legitimately move a model further, and
 * there it may be better than Robyn's by any amount but worse by at most 5%:
 * - the objective of validated models is the validation NRMSE over ~24 weeks just after training, which
 *   follows the trend's last changepoints (our trend is the exact MAP, where Prophet's optimiser stopped
 *   early);
 * - Robyn's non-negative intercept rule is a switch: a slightly different trend can turn the intercept
 *   negative and refit without one (iii_12), a different model altogether.
 */
import { describe, expect, it } from "vitest";
import { ModelEvaluator } from "../../engine/model/evaluator.ts";
import { fixedHyperparameters } from "../../engine/model/fixed-hyperparameters.ts";
import { createModelFit } from "../../engine/model/model-fit.ts";
import { buildModelInput } from "../../engine/model-input/model-input.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { demoTable, goldenSettings, type GoldenConfiguration } from "./b3-configurations.ts";
import { loadGolden } from "./fixtures.ts";

describe("B3 (iii) with the native Prophet decomposition", () => {
  const golden = loadGolden<GoldenConfiguration>("b3_models_iii_prophet_geometric.json");
  const input = buildModelInput(demoTable(), { ...goldenSettings(golden), prophet: "native" }, nativeProphet);
  const evaluator = new ModelEvaluator(input);
  const fit = createModelFit(input.regressors.length, input.media.length);

  it("has Robyn's regressors in Robyn's order", () => {
    expect(input.regressors.map((r) => r.name)).toEqual(golden.all_ind_vars);
  });

  it("keeps every model's NRMSE within 5% of Robyn's", () => {
    const rows = golden.models.map((model) => {
      const h = fixedHyperparameters(
        { ...model.hyperparameters, lambda: model.lambda, train_size: model.train_size },
        input,
        model.ts_validation,
      );
      evaluator.evaluate(h, fit);
      const robyn = model.exact_ridge_variant.metrics;
      return {
        model: model.model_id,
        validated: model.ts_validation,
        sameIntercept: fit.interceptDropped === model.exact_ridge_variant.intercept_dropped,
        nrmse: fit.nrmse / robyn.nrmse!,
        nrmse_train: fit.nrmseTrain / robyn.nrmse_train!,
      };
    });
    console.table(rows);
    for (const row of rows) {
      expect(row.nrmse, `${row.model} nrmse ratio`).toBeLessThanOrEqual(1.05);
      expect(row.nrmse_train, `${row.model} nrmse_train ratio`).toBeLessThanOrEqual(1.05);
      if (!row.sameIntercept) continue;
      expect(row.nrmse_train, `${row.model} nrmse_train ratio`).toBeGreaterThanOrEqual(0.95);
      if (!row.validated) expect(row.nrmse, `${row.model} nrmse ratio`).toBeGreaterThanOrEqual(0.95);
    }
    // One model in 16 flips the intercept rule on the public set; many more would mean the trend drifted.
    expect(rows.filter((row) => !row.sameIntercept).length).toBeLessThanOrEqual(
      Math.max(1, Math.floor(rows.length / 10)),
    );
  });
});
