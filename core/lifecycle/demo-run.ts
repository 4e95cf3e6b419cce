/**
 * The first run on a fresh machine: Robyn's demo data (bundled as DEMO.SIMULATED_WEEKLY) with Robyn's demo
 * settings (demo.R), so `npm start` shows real results without any setup. The same settings are the RunSpec
 * most tests and benchmarks start from (`tests/fixtures/demo-spec.ts`).
 */
import type { MappingSpecFields } from "../mapping/mapping-suggestion.ts";
import type { RunSpecInput } from "../run-spec.ts";
import type { RunRequest } from "./run-lifecycle.ts";

export const DEMO_TABLE = "DEMO.SIMULATED_WEEKLY";

/** Robyn's demo mapping of the columns of dt_simulated_weekly. */
export const DEMO_MAPPING = {
  date_var: "DATE",
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"],
  paid_media_vars: ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P"],
  organic_vars: ["newsletter"],
  context_vars: ["competitor_sales_B", "events"],
  factor_vars: ["events"],
} satisfies MappingSpecFields;

/** Robyn's demo hyperparameter ranges (geometric adstock). */
export const DEMO_HYPERPARAMETERS = {
  facebook_I_alphas: [0.5, 3],
  facebook_I_gammas: [0.3, 1],
  facebook_I_thetas: [0, 0.3],
  print_S_alphas: [0.5, 1],
  print_S_gammas: [0.3, 1],
  print_S_thetas: [0.1, 0.4],
  tv_S_alphas: [0.5, 1],
  tv_S_gammas: [0.3, 1],
  tv_S_thetas: [0.3, 0.8],
  search_clicks_P_alphas: [0.5, 3],
  search_clicks_P_gammas: [0.3, 1],
  search_clicks_P_thetas: [0, 0.3],
  ooh_S_alphas: [0.5, 1],
  ooh_S_gammas: [0.3, 1],
  ooh_S_thetas: [0.1, 0.4],
  newsletter_alphas: [0.5, 3],
  newsletter_gammas: [0.3, 1],
  newsletter_thetas: [0.1, 0.4],
} satisfies Record<string, [number, number]>;

/** Robyn's demo RunSpec, without its data source. */
export const DEMO_SPEC = {
  country: "DE",
  ...DEMO_MAPPING,
  prophet_vars: ["trend", "season", "holiday"],
  window_start: "2016-01-01",
  window_end: "2018-12-31",
  adstock: "geometric",
  hyperparameters: DEMO_HYPERPARAMETERS,
  iterations: 2000,
  trials: 5,
} satisfies RunSpecInput;

export function demoRunRequest(): RunRequest {
  const { country, ...settings } = DEMO_SPEC;
  return {
    actor: { kind: "system", id: "system", name: "first start" },
    tag: "demo",
    // A copy, so that the caller may change it.
    spec: structuredClone({ country, data: { table: DEMO_TABLE }, ...settings }),
  };
}
