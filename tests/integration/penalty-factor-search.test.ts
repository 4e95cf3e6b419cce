/**
 * A search with Robyn's `add_penalty_factor` on the demo: every model column gets a searched penalty factor
 * in [0, 1], written to all_models.csv and used in clustering; a Pareto model refitted from its written
 * hyperparameters (the penalties and the absolute lambda included, as `mmm fit` reads them) reproduces
 * its record; a fixed penalty stays fixed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { allModelsTable } from "../../engine/outputs/output-tables.ts";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import { trainModels } from "../../engine/pipeline/train-models.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../fixtures/demo-spec.ts";

const table = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));

describe("a search with penalty factors", () => {
  it("searches one factor per model column, writes them, and a refit from them reproduces the model", async () => {
    const settings = parseRunSpec({
      ...DEMO_SPEC,
      add_penalty_factor: true,
      hyperparameters: { ...DEMO_SPEC.hyperparameters, competitor_sales_B_penalty: 0.5 },
      iterations: 120,
      trials: 1,
      min_candidates: 20,
    });
    const result = await trainModels(table, settings, { workers: 1, prophet: nativeProphet });
    const regressors = result.input.regressors.map((r) => r.name);
    const penaltyColumns = regressors.map((r) => `${r}_penalty`);

    const allModels = allModelsTable(result);
    expect(allModels.columns).toEqual(expect.arrayContaining(penaltyColumns));
    const rows = [...allModels.rows];
    const at = (name: string) => allModels.columns.indexOf(name);
    for (const column of penaltyColumns) {
      const values = rows.map((row) => row[at(column)] as number);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(1);
      if (column === "competitor_sales_B_penalty") expect(new Set(values)).toEqual(new Set([0.5]));
      else expect(new Set(values).size).toBeGreaterThan(10);
    }

    const model = result.paretoModels[0]!;
    expect(Object.keys(model.record.hyperparameters)).toEqual(expect.arrayContaining(penaltyColumns));
    const refit = fitOneModel(
      table,
      { ...settings, hyperparameters: model.record.hyperparameters },
      nativeProphet,
      model.solID,
    );
    expect(refit.record.nrmse).toBeCloseTo(model.record.nrmse, 12);
    expect(refit.record["decomp.rssd"]).toBeCloseTo(model.record["decomp.rssd"], 12);
    for (const name of regressors)
      expect(refit.record.coefficients[name]).toBeCloseTo(model.record.coefficients[name]!, 6);
  });

  it("refuses penalty factors without add_penalty_factor, and one outside [0, 1], naming the field", async () => {
    const base = { ...DEMO_SPEC, iterations: 50, trials: 1 };
    await expect(
      trainModels(
        table,
        parseRunSpec({ ...base, hyperparameters: { ...DEMO_SPEC.hyperparameters, tv_S_penalty: 0.5 } }),
        { workers: 1, prophet: nativeProphet },
      ),
    ).rejects.toThrow(/Penalty factors need add_penalty_factor: true/);
    await expect(
      trainModels(
        table,
        parseRunSpec({
          ...base,
          add_penalty_factor: true,
          hyperparameters: { ...DEMO_SPEC.hyperparameters, tv_S_penalty: [0, 2] },
        }),
        { workers: 1, prophet: nativeProphet },
      ),
    ).rejects.toThrow("hyperparameters.tv_S_penalty is 2: a penalty factor lies in [0, 1]");
  });
});
