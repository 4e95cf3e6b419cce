import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { readRobynModelFile } from "./read-robyn-model-json.ts";

/** A small model file in Robyn 3.12.1's shape (two media, geometric, no Prophet). */
function robynFile(): Record<string, Record<string, unknown>> {
  return {
    InputCollect: {
      date_var: ["DATE"],
      dayInterval: [7],
      intervalType: ["week"],
      dep_var: ["revenue"],
      dep_var_type: ["revenue"],
      prophet_vars: [],
      paid_media_vars: ["tv_S", "facebook_I"],
      paid_media_signs: ["positive", "positive"],
      paid_media_spends: ["tv_S", "facebook_S"],
      paid_media_selected: ["tv_S", "facebook_I"],
      exposure_vars: ["facebook_I"],
      all_ind_vars: ["tv_S", "facebook_I"],
      window_start: ["2016-01-04"],
      window_end: ["2018-12-31"],
      adstock: ["geometric"],
      hyperparameters: { tv_S_alphas: [0.5, 1], train_size: [0.5, 0.8] },
      calibration_input: {},
      custom_params: { quiet: [true] },
      version: ["Robyn (dev) v3.12.1 [R-4.2.2]"],
    },
    ModelsCollect: {
      ts_validation: [false],
      intercept: [true],
      intercept_sign: ["non_negative"],
      add_penalty_factor: [false],
      seed: [123],
      iterations: [1],
    },
    ExportedModel: {
      select_model: ["1_2_3"],
      errors: [{ rsq_train: 0.8, nrmse: 0.09, "decomp.rssd": 0.5, mape: 0 }],
      summary: [{ variable: "(Intercept)", coef: 10, decompPer: 0.1, decompAgg: 100 }],
      hyper_values: {
        facebook_I_alphas: [1],
        facebook_I_gammas: [0.5],
        facebook_I_thetas: [0.1],
        lambda: [17464.3473459215],
        train_size: [1],
        tv_S_alphas: [0.9],
        tv_S_gammas: [0.4],
        tv_S_thetas: [0.5],
      },
    },
  };
}

describe("readRobynModelFile", () => {
  it("takes the model from hyper_values with the absolute lambda, and the settings from both sections", () => {
    const file = readRobynModelFile(robynFile());
    expect(file.solID).toBe("1_2_3");
    expect(file.robynVersion).toBe("3.12.1");
    expect(file.versionNote).toBeNull();
    expect(file.hyperparameters.lambda).toBe(17464.3473459215);
    expect(file.settings).toMatchObject({
      paid_media_spends: ["tv_S", "facebook_S"],
      paid_media_vars: ["tv_S", "facebook_I"],
      organic_vars: [],
      context_vars: [],
      intercept: true,
      intercept_sign: "non_negative",
      ts_validation: false,
      country: null,
    });
    expect(file.robyn.errors.nrmse).toBe(0.09);
    expect(file.ranges).toEqual({ tv_S_alphas: [0.5, 1], train_size: [0.5, 0.8] });
    expect(file.rawData).toBeNull();
  });

  it("takes Prophet's seasonality switches from custom_params, and names the rest", () => {
    const document = robynFile();
    document.InputCollect!.custom_params = { "yearly.seasonality": [true], quiet: [true] };
    const file = readRobynModelFile(document);
    expect(file.settings.prophet_seasonality).toEqual({ yearly: true });
    const note = file.fields.find((f) => f.field === "InputCollect.custom_params")!;
    expect(note.treatment).toBe("used");
    expect(note.note).toContain("quiet");
  });

  it("says what became of every field, naming the ignored ones and why", () => {
    const document = robynFile();
    document.InputCollect!.refreshChain = ["1_2_3"];
    document.ModelsCollect!.brand_new_setting = [1];
    const notes = new Map(readRobynModelFile(document).fields.map((f) => [f.field, f]));
    expect(notes.get("ExportedModel.hyper_values")!.treatment).toBe("used");
    expect(notes.get("InputCollect.all_ind_vars")!.treatment).toBe("checked");
    expect(notes.get("InputCollect.hyperparameters")!.treatment).toBe("kept");
    expect(notes.get("InputCollect.custom_params")!.note).toContain("quiet");
    expect(notes.get("ModelsCollect.iterations")!.treatment).toBe("ignored");
    expect(notes.get("InputCollect.refreshChain")!.note).toContain("not part of Robyn 3.12.1");
    expect(notes.get("ModelsCollect.brand_new_setting")!.treatment).toBe("ignored");
    // Every key of the file has a note.
    for (const [section, members] of Object.entries(document))
      for (const key of Object.keys(members))
        expect(notes.has(`${section}.${key}`), `${section}.${key}`).toBe(true);
  });

  it("names another Robyn version, and older files' missing train_size becomes 1 as robyn_read does", () => {
    const document = robynFile();
    document.InputCollect!.version = ["Robyn (stable) v3.8.2 [R-4.1.0]"];
    delete (document.ExportedModel!.hyper_values as Record<string, unknown>).train_size;
    const file = readRobynModelFile(document);
    expect(file.robynVersion).toBe("3.8.2");
    expect(file.versionNote).toContain("Robyn 3.8.2");
    expect(file.hyperparameters.train_size).toBe(1);
  });

  it("stops on what would change the model but cannot be honoured, naming the field", () => {
    const adstock = robynFile();
    adstock.InputCollect!.adstock = ["weibull_gamma"];
    expect(mmmErrorOf(() => readRobynModelFile(adstock)).context.field).toBe("InputCollect.adstock");

    const signs = robynFile();
    signs.InputCollect!.prophet_vars = ["trend"];
    signs.InputCollect!.prophet_signs = ["positive"];
    expect(mmmErrorOf(() => readRobynModelFile(signs)).context.field).toBe("InputCollect.prophet_signs");

    const noLambda = robynFile();
    delete (noLambda.ExportedModel!.hyper_values as Record<string, unknown>).lambda;
    const error = mmmErrorOf(() => readRobynModelFile(noLambda));
    expect(error.context.field).toBe("ExportedModel.hyper_values.lambda");

    const inputsOnly = robynFile();
    delete (inputsOnly as Record<string, unknown>).ExportedModel;
    expect(mmmErrorOf(() => readRobynModelFile(inputsOnly)).message).toContain("with a selected model");
  });

  it("takes penalty factors (add_penalty_factor, <column>_penalty) into the model", () => {
    const document = robynFile();
    document.ModelsCollect!.add_penalty_factor = [true];
    (document.ExportedModel!.hyper_values as Record<string, unknown>).tv_S_penalty = [0.5];
    const file = readRobynModelFile(document);
    expect(file.settings.add_penalty_factor).toBe(true);
    expect(file.hyperparameters.tv_S_penalty).toBe(0.5);
  });

  it("reads Extras.raw_data row by row, NA fields left out, into a table", () => {
    const document = robynFile() as Record<string, unknown>;
    document.Extras = {
      raw_data: [
        { DATE: "2016-01-04", revenue: 1, events: "na" },
        { DATE: "2016-01-11", revenue: 2 },
      ],
    };
    const table = readRobynModelFile(document).rawData!;
    expect(table.columns).toEqual(["DATE", "revenue", "events"]);
    expect(table.data.events).toEqual(["na", null]);
  });
});
