/**
 * The first run on a fresh machine: Robyn's demo data (bundled as DEMO.SIMULATED_WEEKLY) with Robyn's demo
 * settings, so `npm start` shows real results without any setup.
 */
import type { RunRequest } from "./run-lifecycle.ts";

export const DEMO_TABLE = "DEMO.SIMULATED_WEEKLY";

export function demoRunRequest(): RunRequest {
  const range = (lo: number, hi: number): [number, number] => [lo, hi];
  return {
    actor: { kind: "system", id: "system", name: "first start" },
    tag: "demo",
    spec: {
      country: "DE",
      data: { table: DEMO_TABLE },
      date_var: "DATE",
      dep_var: "revenue",
      dep_var_type: "revenue",
      paid_media_spends: ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"],
      paid_media_vars: ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P"],
      organic_vars: ["newsletter"],
      context_vars: ["competitor_sales_B", "events"],
      factor_vars: ["events"],
      prophet_vars: ["trend", "season", "holiday"],
      window_start: "2016-01-01",
      window_end: "2018-12-31",
      adstock: "geometric",
      hyperparameters: {
        facebook_I_alphas: range(0.5, 3),
        facebook_I_gammas: range(0.3, 1),
        facebook_I_thetas: range(0, 0.3),
        print_S_alphas: range(0.5, 1),
        print_S_gammas: range(0.3, 1),
        print_S_thetas: range(0.1, 0.4),
        tv_S_alphas: range(0.5, 1),
        tv_S_gammas: range(0.3, 1),
        tv_S_thetas: range(0.3, 0.8),
        search_clicks_P_alphas: range(0.5, 3),
        search_clicks_P_gammas: range(0.3, 1),
        search_clicks_P_thetas: range(0, 0.3),
        ooh_S_alphas: range(0.5, 1),
        ooh_S_gammas: range(0.3, 1),
        ooh_S_thetas: range(0.1, 0.4),
        newsletter_alphas: range(0.5, 3),
        newsletter_gammas: range(0.3, 1),
        newsletter_thetas: range(0.1, 0.4),
      },
      iterations: 2000,
      trials: 5,
    },
  };
}
