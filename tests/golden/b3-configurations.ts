/**
 * The three B3 configurations of the golden data as engine inputs: Robyn's demo data with the spec Robyn
 * was run with. Configuration (iii) takes the Prophet columns (trend, season, holiday) and the transformed
 * `events` factor from Robyn's own `dt_mod`, so everything after Prophet can be compared exactly.
 */
import { readFileSync } from "node:fs";
import { parseCsv } from "../../engine/data/csv.ts";
import { buildModelInput, type ModelInput } from "../../engine/model-input/model-input.ts";
import type { ModelSettings, ProphetComponent } from "../../engine/model-input/model-settings.ts";
import type { Table } from "../../common/table.ts";
import { goldenPath, loadGolden } from "./fixtures.ts";

export interface GoldenVariable {
  rn: string;
  [field: string]: number | string | boolean | null;
}
export interface GoldenResult {
  intercept_dropped: boolean;
  metrics: Record<string, number | null>;
  inflexion: Record<string, number>;
  inflation: Record<string, number>;
  coefficients: Record<string, number>;
  variables: GoldenVariable[];
  series: Record<string, number[]>;
  adstocked_media_window: Record<string, number[]>;
}
export interface GoldenModel extends GoldenResult {
  model_id: string;
  hyperparameters: Record<string, number>;
  lambda_hp: number;
  lambda: number;
  ts_validation: boolean;
  train_size: number;
  exact_ridge_variant: GoldenResult;
}
export interface GoldenConfiguration {
  config: string;
  robyn_inputs: {
    paid_media_spends: string[];
    paid_media_vars: string[];
    context_vars: string | string[];
    factor_vars: string | string[];
    prophet_vars?: string[];
    adstock: ModelSettings["adstock"];
  };
  all_ind_vars: string[];
  lambda_max: number;
  dt_mod: Record<string, (number | string)[]>;
  window_ds: string[];
  models: GoldenModel[];
}

export const B3_FILES = [
  "b3_models_i_geometric.json",
  "b3_models_ii_weibull_cdf.json",
  "b3_models_iii_prophet_geometric.json",
] as const;

export function demoTable(): Table {
  return parseCsv(readFileSync(goldenPath("dt_simulated_weekly.csv"), "utf8"));
}

export function goldenSettings(golden: GoldenConfiguration): ModelSettings {
  const inputs = golden.robyn_inputs;
  return {
    country: "DE",
    date_var: "DATE",
    dep_var: "revenue",
    dep_var_type: "revenue",
    paid_media_spends: inputs.paid_media_spends,
    paid_media_vars: inputs.paid_media_vars,
    organic_vars: ["newsletter"],
    context_vars: [inputs.context_vars].flat(),
    factor_vars: [inputs.factor_vars ?? []].flat(),
    prophet_vars: (inputs.prophet_vars ?? []) as ProphetComponent[],
    prophet: "precomputed",
    window_start: "2016-01-01",
    window_end: "2018-12-31",
    adstock: inputs.adstock,
    intercept: true,
    intercept_sign: "non_negative",
    rssd_zero_penalty: true,
  };
}

/** The demo table plus Robyn's post-Prophet columns for configuration (iii). */
export function goldenTable(golden: GoldenConfiguration): Table {
  const table = demoTable();
  const fromDtMod = ["trend", "season", "holiday", "events"].filter((c) => golden.all_ind_vars.includes(c));
  if (fromDtMod.length === 0) return table;
  const data = { ...table.data };
  for (const column of fromDtMod) data[column] = golden.dt_mod[column]!.map(Number);
  return { columns: [...new Set([...table.columns, ...fromDtMod])], data };
}

export function goldenConfiguration(file: (typeof B3_FILES)[number]): {
  golden: GoldenConfiguration;
  input: ModelInput;
} {
  const golden = loadGolden<GoldenConfiguration>(file);
  return { golden, input: buildModelInput(goldenTable(golden), goldenSettings(golden)) };
}
