/**
 * Inputs for the Block Kit builders' tests: a realistic set (Robyn's demo run) and an extreme one (names of
 * 255 characters, 40 channels, 20 countries, 150 columns, 20 clusters, huge failure reasons and logs), frozen.
 */
import type { MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import type { Run, RunStatus } from "../../core/run.ts";
import type { BestModelPick } from "../../core/run-store/port.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import type { SummaryHighlights } from "../../bot/blocks/run-message.ts";
import { DEMO_MAPPING, DEMO_SPEC } from "../fixtures/demo-spec.ts";

export const LONG = (prefix: string, length = 255) =>
  `${prefix}_${"x".repeat(Math.max(0, length - prefix.length - 1))}`;

export const COUNTRIES_20 = [
  "DE",
  "FR",
  "GB",
  "US",
  "ES",
  "IT",
  "NL",
  "BE",
  "AT",
  "CH",
  "SE",
  "NO",
  "DK",
  "FI",
  "PL",
  "CZ",
  "PT",
  "IE",
  "CA",
  "AU",
] as const;

const CHANNELS_40 = Array.from({ length: 40 }, (_, i) => LONG(`channel_${i}`));

export function realisticSpec() {
  return parseRunSpec({ ...DEMO_SPEC, data: { table: "DEMO.SIMULATED_WEEKLY" } });
}

export function extremeSpec() {
  return parseRunSpec({
    country: "DE",
    data: { sql: `SELECT * FROM ${LONG("T", 2000)} WHERE country = {country}` },
    date_var: LONG("date"),
    dep_var: LONG("revenue"),
    dep_var_type: "conversion",
    paid_media_spends: CHANNELS_40,
    organic_vars: Array.from({ length: 10 }, (_, i) => LONG(`organic_${i}`)),
    context_vars: Array.from({ length: 10 }, (_, i) => LONG(`context_${i}`)),
    window_start: "2016-01-01",
    window_end: "2018-12-31",
    adstock: "weibull_pdf",
    iterations: 100_000,
    trials: 50,
    calibration_input: Array.from({ length: 30 }, (_, i) => ({
      channel: CHANNELS_40[i]!,
      liftStartDate: "2018-01-01",
      liftEndDate: "2018-02-01",
      liftAbs: 123_456.789,
      spend: 98_765.4321,
    })),
  });
}

function model(id: string, cluster: number) {
  return {
    model_id: id,
    nrmse: 0.0812345,
    decomp_rssd: 0.0423456,
    mape: 0.12,
    rsq_train: 0.912345,
    nrmse_train: 0.08,
    rsq_val: 0.8,
    nrmse_val: 0.1,
    rsq_test: 0.75,
    nrmse_test: 0.12,
    robyn_pareto_front: 1,
    cluster,
    top_sol: true,
    error_score: 0.1,
  };
}

export function realisticSummary(): SummaryHighlights {
  return {
    engine: "native",
    country: "DE",
    iterations: 2000,
    trials: 5,
    candidate_model_count: 10_000,
    has_pareto_models: true,
    pareto_fronts: 3,
    pareto_model_count: 48,
    best_model: {
      ...model("3_145_2", 2),
      coefficients: { tv_S: 0.4 },
      channels: ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P"].map((channel, i) => ({
        channel,
        spend_share: 0.1 + i * 0.05,
        effect_share: 0.12 + i * 0.04,
        roi_total: 1.2 + i / 10,
        cpa_total: null,
        mean_spend: 20_000 + i * 5_000,
        mroi: 0.9 - i / 10,
        marginal_response: 0.9 - i / 10,
        next_10pct_response: 1_800 - i * 100,
      })),
      next_budget_ranking: [
        { channel: "tv_S", extra_spend: 2_000, response_gain: 1_800, roi: 0.9 },
        { channel: "ooh_S", extra_spend: 2_500, response_gain: 1_700, roi: 0.68 },
      ],
    },
    recommended: {
      model_id: "2_120_4",
      reason:
        "Best balance of fit (NRMSE) and decomposition distance (DECOMP.RSSD, weighted half) among 48 Pareto " +
        "models. Not identified (no lift study): ooh_S; their intervals span a factor of three either way.",
      near_optimal_models: 5,
      channels: [
        {
          channel: "tv_S",
          roi: 1.5,
          roi_low: 1.07,
          roi_high: 2.1,
          effect_share: 0.3,
          marginal_roi: 0.8,
          identified: true,
        },
        {
          channel: "ooh_S",
          roi: 0.9,
          roi_low: 0.3,
          roi_high: 2.7,
          effect_share: 0.1,
          marginal_roi: 0.5,
          identified: false,
        },
      ],
    },
    clusters: {
      k: 4,
      wss: [1, 2, 3, 4],
      top_models: [1, 2, 3, 4].map((cluster) => ({
        cluster,
        model_id: `${cluster}_1${cluster}0_2`,
        size: 12,
      })),
      intervals: [],
    },
    convergence: [
      {
        objective: "NRMSE",
        converged: true,
        message: "NRMSE converged: sd@qt.20 0.01 <= 0.02 & |med@qt.20| 0.1 <= 0.2",
      },
    ],
    input_metadata: {
      dep_var: "revenue",
      dep_var_type: "revenue",
      date_var: "DATE",
      interval: "week",
      adstock: "geometric",
      window_start: "2016-01-04",
      window_end: "2018-12-31",
      window_rows: 157,
      data_rows: 208,
      paid_media_spends: [],
      paid_media_vars: [],
      organic_vars: [],
      context_vars: [],
      factor_vars: [],
      prophet_vars: [],
      ts_validation: true,
      calibration_studies: 0,
    },
    warnings: [],
    health: [
      {
        check: "calibration",
        level: "warning",
        message: "No lift studies calibrate this model, so its channel ROIs come from the data alone.",
      },
      {
        check: "baseline_share",
        level: "problem",
        message: "The term trend explains 106% of the response: more than all of it.",
      },
      {
        check: "fit",
        level: "ok",
        message: "The model fits the history well (adjusted R² 0.93, NRMSE 5.8%).",
      },
    ],
    calibration: {
      studies: 0,
      calibrated_channels: [],
      uncalibrated_channels: ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P"],
      mape_weighting: "confidence",
    },
  };
}

export function extremeSummary(): SummaryHighlights {
  const tops = Array.from({ length: 20 }, (_, i) => ({
    cluster: i + 1,
    model_id: `${i + 1}_${1000 + i}_${i}`,
    size: 500,
  }));
  return {
    ...realisticSummary(),
    candidate_model_count: 5_000_000,
    pareto_model_count: 10_000,
    pareto_fronts: 50,
    best_model: {
      ...model("12_99999_1", 12),
      coefficients: {},
      channels: CHANNELS_40.map((channel) => ({
        channel,
        spend_share: 0.025,
        effect_share: 0.0251234,
        roi_total: null,
        cpa_total: 12_345.678,
        mean_spend: 1_000,
        mroi: 0.0001,
        marginal_response: 0.0001,
        next_10pct_response: 0.01,
      })),
      next_budget_ranking: [],
    },
    recommended: {
      model_id: "12_99999_1",
      reason: "<b>why</b> & ".repeat(500),
      near_optimal_models: 1_000,
      channels: CHANNELS_40.map((channel) => ({
        channel,
        roi: null,
        roi_low: null,
        roi_high: null,
        effect_share: 0.0251234,
        marginal_roi: 0.0001,
        identified: false,
        cpa: 12_345.678,
        cpa_low: 4_115.226,
        cpa_high: 37_037.034,
      })),
    },
    clusters: { k: 20, wss: [], top_models: tops, intervals: [] },
    convergence: Array.from({ length: 5 }, () => ({
      objective: "NRMSE",
      converged: false,
      message: "<b>not</b> & converged ".repeat(40),
    })),
    warnings: Array.from({ length: 30 }, (_, i) => `warning ${i}: ${"a very long warning text ".repeat(20)}`),
    input_metadata: {
      ...realisticSummary().input_metadata!,
      dep_var_type: "conversion",
      calibration_studies: 30,
    },
    health: Array.from({ length: 40 }, (_, i) => ({
      check: i % 3 === 0 ? "lift_study" : LONG(`check_${i}`, 200),
      level: (["problem", "warning", "ok"] as const)[i % 3]!,
      message: `<b>finding</b> ${i} & ${"a long message ".repeat(300)}`,
    })),
    calibration: {
      studies: 30,
      calibrated_channels: CHANNELS_40.slice(0, 30),
      uncalibrated_channels: CHANNELS_40.slice(30),
      mape_weighting: "confidence",
    },
  };
}

export function runOf(
  status: RunStatus,
  options: { extreme?: boolean; id?: string; country?: string; summary?: boolean } = {},
): Run {
  const extreme = options.extreme ?? false;
  const spec = extreme ? extremeSpec() : realisticSpec();
  const country = options.country ?? "DE";
  return {
    id: options.id ?? `20261126T043012Z-${country.toLowerCase()}-7f3a9c`,
    groupId: "g-1",
    country,
    status,
    spec: { ...spec, country },
    ...(extreme ? { tag: LONG("tag <script> & *bold*", 500) } : { tag: "Q3 budget review" }),
    createdBy: extreme
      ? { kind: "api", id: LONG("token"), name: LONG("A very long token label") }
      : { kind: "slack", id: "U0ALICE", name: "alice" },
    createdAt: "2026-11-26T04:30:12.000Z",
    updatedAt: "2026-11-26T04:35:12.000Z",
    startedAt: "2026-11-26T04:30:20.000Z",
    ...(status === "succeeded" || status === "failed" || status === "cancelled"
      ? { finishedAt: "2026-11-26T04:40:12.000Z" }
      : {}),
    artifactPrefix: "runs/x/",
    ...(status === "running"
      ? {
          progress: {
            phase: "searching",
            done: 6000,
            total: 10_000,
            bestNrmse: 0.0812,
            bestDecompRssd: 0.0423,
            etaSeconds: 80,
          },
        }
      : {}),
    ...(status === "succeeded" && options.summary !== false
      ? {
          summary: (extreme ? extremeSummary() : realisticSummary()) as Record<string, unknown>,
          resources: { cpuSeconds: 100, peakMemoryMb: 300, wallSeconds: 192 },
        }
      : {}),
    ...(status === "failed"
      ? {
          failure: extreme
            ? {
                reason: `${"The trainer ran out of memory <&> ".repeat(400)}`,
                logTail: "line ```with fences``` <tag>\n".repeat(3000),
              }
            : {
                reason:
                  'Column "tv_S" has 3 negative values (first on 2016-03-07): spend must be zero or positive.',
                logTail: "step 1\nstep 2\nerror: negative spend",
              },
        }
      : {}),
    ...(status === "cancelled" ? { failure: { reason: "Cancelled by alice." } } : {}),
    slack: { channel: "C0MMM", ts: "1795670376.000012" },
    lastEventSeq: 5,
  };
}

export function realisticSuggestion(): { columns: string[]; suggestion: MappingSuggestion } {
  const columns = [
    "DATE",
    "revenue",
    "tv_S",
    "ooh_S",
    "print_S",
    "facebook_I",
    "search_clicks_P",
    "search_S",
    "competitor_sales_B",
    "facebook_S",
    "events",
    "newsletter",
  ];
  const role = (c: string) =>
    c === "DATE"
      ? "date"
      : c === "revenue"
        ? "dep_var"
        : c.endsWith("_S")
          ? "paid_media_spend"
          : c === "events"
            ? "factor"
            : c === "newsletter"
              ? "organic"
              : c === "competitor_sales_B"
                ? "context"
                : "paid_media_var";
  return {
    columns,
    suggestion: {
      columns: columns.map((column) => ({
        column,
        role: role(column),
        confidence: 0.9,
        reason: `looks like a ${role(column)}`,
      })),
      spec: DEMO_MAPPING,
      notes: [],
    },
  };
}

export function extremeSuggestion(): { columns: string[]; suggestion: MappingSuggestion } {
  const columns = Array.from({ length: 150 }, (_, i) => LONG(`col_${i}_S`));
  return {
    columns,
    suggestion: {
      columns: columns.map((column, i) => ({
        column,
        role: i === 0 ? "date" : i === 1 ? "dep_var" : i < 60 ? "paid_media_spend" : "ignore",
        confidence: 0.5,
        reason: `${"a long reason with <html> & stuff ".repeat(10)}`,
      })),
      spec: {
        date_var: columns[0],
        dep_var: columns[1],
        dep_var_type: "revenue",
        paid_media_spends: columns.slice(2, 60),
        paid_media_vars: columns.slice(2, 60),
        organic_vars: [],
        context_vars: [],
        factor_vars: [],
      },
      notes: Array.from({ length: 5 }, () => "No paid media spend column was found: ".repeat(20)),
    },
  };
}

export function picks(countries: readonly string[], extreme = false): BestModelPick[] {
  return countries.map((country) => ({
    country,
    runId: `20261126T043012Z-${country.toLowerCase()}-7f3a9c`,
    solID: "3_145_2",
    ...(extreme ? { note: LONG("because <it> & *fits*", 1000) } : { note: "Best fit with plausible TV ROI" }),
    by: extreme ? { kind: "api", id: LONG("token") } : { kind: "slack", id: "U0ALICE", name: "alice" },
    at: "2026-11-26T05:00:00.000Z",
  }));
}
