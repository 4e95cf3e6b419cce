/**
 * Forward scenarios as the viewer shows them: one answer as a table (per medium: spend, response with its
 * range, what history carries over and what the plan adds; the baseline; the total) and a chart (baseline and
 * media per period with the total's range), several saved ones side by side, and the CSV of either.
 */
import type { ScenarioReport } from "../../core/results/model-scenario.ts";
import type { Spread } from "../../engine/scenario/index.ts";

export interface ScenarioRow {
  medium: string;
  paid: boolean;
  spend: number;
  response: Spread;
  fromHistory: number;
  fromPlan: number;
}

export interface ScenarioView {
  interval: string;
  dates: string[];
  rows: ScenarioRow[];
  baseline: number;
  media: Spread;
  total: Spread;
  paidSpend: number;
  rangeMethod: ScenarioReport["range"]["method"];
  rangeExplanation: string;
  baselineMethod: string;
  assumptions: string[];
  chart: { dates: string[]; baseline: number[]; media: number[]; low: number[]; high: number[] };
}

export function scenarioView(report: ScenarioReport): ScenarioView {
  const { forecast, baseline, range } = report;
  return {
    interval: report.interval,
    dates: forecast.dates,
    rows: forecast.media.map((m) => ({
      medium: m.medium,
      paid: m.paid,
      spend: m.totalInput,
      response: range.media.find((r) => r.medium === m.medium)!.response,
      fromHistory: m.totalFromHistory,
      fromPlan: m.totalFromPlan,
    })),
    baseline: baseline.total,
    media: range.mediaTotal,
    total: range.total,
    paidSpend: forecast.totalPaidSpend,
    rangeMethod: range.method,
    rangeExplanation: range.explanation,
    baselineMethod: baseline.method,
    assumptions: report.assumptions,
    chart: {
      dates: forecast.dates,
      baseline: baseline.per_period,
      media: forecast.response,
      low: range.per_period.map((p) => p.low),
      high: range.per_period.map((p) => p.high),
    },
  };
}

export interface NamedScenario {
  name: string;
  report: ScenarioReport;
}

export interface ScenarioComparison {
  names: string[];
  /** Per medium, then `baseline` and `total`: each scenario's spend and response. */
  rows: { label: string; cells: { spend: number | null; response: Spread }[] }[];
  /** For the grouped bar chart: response per medium, one series per scenario. */
  chart: { channels: string[]; models: string[]; values: number[][]; metric: string };
}

export function scenarioComparison(scenarios: readonly NamedScenario[]): ScenarioComparison {
  const views = scenarios.map((s) => scenarioView(s.report));
  const media = views[0]?.rows.map((r) => r.medium) ?? [];
  const fixed = (value: number): Spread => ({ value, low: value, high: value });
  return {
    names: scenarios.map((s) => s.name),
    rows: [
      ...media.map((medium) => ({
        label: medium,
        cells: views.map((v) => {
          const row = v.rows.find((r) => r.medium === medium)!;
          return { spend: row.paid ? row.spend : null, response: row.response };
        }),
      })),
      { label: "baseline", cells: views.map((v) => ({ spend: null, response: fixed(v.baseline) })) },
      { label: "total", cells: views.map((v) => ({ spend: v.paidSpend, response: v.total })) },
    ],
    chart: {
      channels: media,
      models: scenarios.map((s) => s.name),
      values: views.map((v) => v.rows.map((r) => r.response.value)),
      metric: "Response over the plan",
    },
  };
}

/** One row per scenario and medium (then baseline and total): spend, response, low, high, range method. */
export function scenarioCsv(scenarios: readonly NamedScenario[]): string {
  const lines = [["scenario", "row", "spend", "response", "low", "high", "range_method"]];
  for (const { name, report } of scenarios) {
    const view = scenarioView(report);
    const line = (row: string, spend: number | null, r: Spread) => [
      name,
      row,
      spend === null ? "" : String(spend),
      String(r.value),
      String(r.low),
      String(r.high),
      view.rangeMethod,
    ];
    for (const row of view.rows) lines.push(line(row.medium, row.paid ? row.spend : null, row.response));
    lines.push(line("baseline", null, { value: view.baseline, low: view.baseline, high: view.baseline }));
    lines.push(line("total", view.paidSpend, view.total));
  }
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
