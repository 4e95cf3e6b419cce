/**
 * Real inputs for the report tests: models fitted with `fitOneModel` on Robyn's demo data, using the
 * hyperparameters of Robyn models from the golden fixtures (configurations of `tests/golden/b3-configurations.ts`),
 * plus a wider variant of the demo data with extra channels, to check that 15 variables stay readable.
 */
import { fitOneModel, type FitSettings } from "../../engine/pipeline/fit-one-model.ts";
import type { ModelRecord } from "../../engine/model/model-record.ts";
import type { Table } from "../../common/table.ts";
import {
  goldenSettings,
  goldenTable,
  type B3_FILES,
  type GoldenConfiguration,
} from "../golden/b3-configurations.ts";
import { loadGolden } from "../golden/fixtures.ts";

export interface DemoModel {
  record: ModelRecord;
  settings: FitSettings;
  table: Table;
  /** Rows of the whole data set (the Weibull scale is a share of them). */
  dataRows: number;
}

/** A Robyn golden model refitted natively: configuration file, model id. */
export function demoModel(file: (typeof B3_FILES)[number], modelId: string): DemoModel {
  const golden = loadGolden<GoldenConfiguration>(file);
  const model = golden.models.find((m) => m.model_id === modelId);
  if (model === undefined) throw new Error(`no model ${modelId} in ${file}`);
  const table = goldenTable(golden);
  const settings: FitSettings = {
    ...goldenSettings(golden),
    hyperparameters: { ...model.hyperparameters, lambda: model.lambda, train_size: model.train_size },
    ts_validation: model.ts_validation,
    calibration_input: [],
  };
  const { record } = fitOneModel(table, settings, undefined, modelId);
  return { record, settings, table, dataRows: table.data[table.columns[0]!]!.length };
}

/**
 * The demo data with five more paid channels (scaled, shifted copies of the demo's spends) and two more context
 * columns: 14 variables plus the intercept, for the "no overlapping labels" check.
 */
export function wideDemoModel(): DemoModel {
  const golden = loadGolden<GoldenConfiguration>("b3_models_i_geometric.json");
  const base = goldenTable(golden);
  const rows = base.data.revenue!.length;
  const shifted = (column: string, lag: number, scale: number): number[] =>
    Array.from({ length: rows }, (_, t) => scale * Number(base.data[column]![(t + lag) % rows]));
  const extra: Record<string, number[]> = {
    radio_S: shifted("tv_S", 7, 0.35),
    podcast_S: shifted("print_S", 3, 0.6),
    display_banner_S: shifted("ooh_S", 11, 0.4),
    affiliate_marketing_partners_S: shifted("facebook_S", 5, 0.25),
    tiktok_S: shifted("search_S", 9, 0.5),
    price_index: Array.from({ length: rows }, (_, t) => 100 + 5 * Math.sin(t / 8)),
    weather_temperature: Array.from({ length: rows }, (_, t) => 15 + 10 * Math.sin((2 * Math.PI * t) / 52)),
  };
  const table: Table = {
    columns: [...base.columns, ...Object.keys(extra)],
    data: { ...base.data, ...extra },
  };
  const added = Object.keys(extra).slice(0, 5);
  const spends = ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S", ...added];
  const vars = ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P", ...added];
  const hyperparameters: Record<string, number> = { lambda: 50_000 };
  [...vars, "newsletter"].forEach((name, i) => {
    hyperparameters[`${name}_alphas`] = 1 + (i % 3) * 0.7;
    hyperparameters[`${name}_gammas`] = 0.4 + (i % 4) * 0.15;
    hyperparameters[`${name}_thetas`] = 0.05 + (i % 5) * 0.15;
  });
  const settings: FitSettings = {
    ...goldenSettings(golden),
    paid_media_spends: spends,
    paid_media_vars: vars,
    context_vars: ["competitor_sales_B", "price_index", "weather_temperature"],
    hyperparameters,
    ts_validation: false,
    calibration_input: [],
  };
  const { record } = fitOneModel(table, settings, undefined, "wide_1");
  return { record, settings, table, dataRows: rows };
}
