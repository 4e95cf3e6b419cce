import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../common/table.ts";
import { addDays } from "../data/dates.ts";
import { fitOneModel } from "../pipeline/fit-one-model.ts";
import { buildRobynModelJson } from "./robyn-model-json.ts";

/** 80 weeks of a conversion model: one spend channel, one exposure channel, one organic variable. */
function conversionTable() {
  const rows = Array.from({ length: 80 }, (_, t) => {
    const tv = 1000 + 800 * Math.sin(t / 3) ** 2;
    const clicks = 5000 + 3000 * Math.cos(t / 5) ** 2;
    const social = 200 + 150 * ((t * 7) % 11);
    return [
      addDays("2020-01-06", 7 * t),
      50 + tv / 40 + clicks / 500 + social / 90 + (t % 4),
      tv,
      0.3 * clicks,
      clicks,
      social,
    ];
  });
  return tableFromRows(["DATE", "orders", "tv_S", "search_S", "search_clicks", "social"], rows);
}

describe("buildRobynModelJson for a conversion model", () => {
  const table = conversionTable();
  const settings = {
    country: "DE",
    date_var: "DATE",
    dep_var: "orders",
    dep_var_type: "conversion" as const,
    paid_media_spends: ["tv_S", "search_S"],
    paid_media_vars: ["tv_S", "search_clicks"],
    organic_vars: ["social"],
    context_vars: [],
    factor_vars: [],
    prophet_vars: [],
    prophet: "native" as const,
    adstock: "geometric" as const,
    intercept: true,
    intercept_sign: "non_negative" as const,
    rssd_zero_penalty: true,
    ts_validation: false,
    calibration_input: [],
    hyperparameters: {
      tv_S_alphas: 1.5,
      tv_S_gammas: 0.5,
      tv_S_thetas: 0.3,
      search_clicks_alphas: 2,
      search_clicks_gammas: 0.6,
      search_clicks_thetas: 0.1,
      social_alphas: 1,
      social_gammas: 0.4,
      social_thetas: 0.2,
      lambda: 10,
    },
  };
  const { record, input } = fitOneModel(table, settings);
  const json = buildRobynModelJson(
    input,
    table,
    {
      settings,
      ranges: { tv_S_alphas: [0.5, 3] },
      hyperFixed: true,
      seed: 1,
      iterations: 1,
      trials: 1,
      paretoFronts: 1,
      calibrationConstraint: 0.1,
      convergence: [],
      trainedAt: new Date("2026-01-01T00:00:00Z"),
      exportedAt: new Date("2026-01-02T03:04:05Z"),
      outputsMinutes: 0,
      folder: "runs/x/",
      writer: "test",
    },
    {
      solID: record.solID,
      hyperparameters: record.hyperparameters,
      metrics: record,
      variables: record.variables,
    },
  );
  const exported = json.ExportedModel as Record<string, unknown>;
  const summary = exported.summary as Record<string, number | string>[];

  it("reports CPA as spend over response, per channel and summed for the model, as robyn_write does", () => {
    const [performance] = exported.performance as Record<string, number | string>[];
    expect(performance!.metric).toBe("CPA");
    const paid = summary.filter((row) => row.performance !== undefined);
    expect(paid.map((row) => row.variable)).toEqual(["tv_S", "search_clicks"]);
    for (const row of paid)
      expect(row.performance).toBeCloseTo((row.mean_spend as number) / (row.mean_response as number), 12);
    const total = paid.reduce((sum, row) => sum + (row.performance as number), 0);
    expect(performance!.performance).toBeCloseTo(total, 10);
    expect(summary.find((row) => row.variable === "social")).not.toHaveProperty("performance");
  });

  it("writes organic variables, exposures and the window as Robyn's InputCollect, with no context or Prophet", () => {
    const inputs = json.InputCollect as Record<string, unknown>;
    expect(inputs.exposure_vars).toEqual(["search_clicks"]);
    expect(inputs.organic_vars).toEqual(["social"]);
    expect(inputs.prophet_vars).toEqual([]);
    expect(inputs).not.toHaveProperty("context_vars");
    expect(inputs).not.toHaveProperty("prophet_country");
    expect(inputs.unused_vars).toEqual([]);
    expect(inputs.totalObservations).toEqual([80]);
    expect(inputs.hyperparameters).toEqual({ tv_S_alphas: [0.5, 3] });
    expect((json.ModelsCollect as Record<string, unknown>).export_timestamp).toEqual(["2026-01-02 03:04:05"]);
    expect(Object.keys(exported.hyper_values as object)).toEqual([
      "lambda",
      "search_clicks_alphas",
      "search_clicks_gammas",
      "search_clicks_thetas",
      "social_alphas",
      "social_gammas",
      "social_thetas",
      "train_size",
      "tv_S_alphas",
      "tv_S_gammas",
      "tv_S_thetas",
    ]);
  });
});
