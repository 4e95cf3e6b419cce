/**
 * An allocation as the model page's chart draws it and as its CSV download holds it: per channel (by its
 * spend column) the spend and the response per period, now and optimised. The CSV is for a spreadsheet, so
 * its columns say what they hold in words and carry the run's currency when the spec names one.
 */
import type { AllocationView } from "./allocation-view.ts";

export interface AllocationChartData {
  readonly channels: readonly string[];
  readonly interval: string;
  readonly initSpend: readonly number[];
  readonly optmSpend: readonly number[];
  readonly initResponse: readonly number[];
  readonly optmResponse: readonly number[];
}

/** The chart data key of the page's `index`-th allocation (the canvas's `data-key`). */
export function allocationChartKey(index: number): string {
  return `allocation-${index}`;
}

export function allocationChartData(view: AllocationView): AllocationChartData {
  return {
    channels: view.rows.map((r) => r.channel),
    interval: view.interval,
    initSpend: view.rows.map((r) => r.initSpend),
    optmSpend: view.rows.map((r) => r.optmSpend),
    initResponse: view.rows.map((r) => r.initResponse),
    optmResponse: view.rows.map((r) => r.optmResponse),
  };
}

/** The download's name for the allocation's scenario (`allocation_max_response.csv`). */
export function allocationCsvName(view: Pick<AllocationView, "scenario">): string {
  return `allocation_${view.scenario}.csv`;
}

export function allocationCsv(view: AllocationView, currency?: string): string {
  const money = currency ? ` (${currency})` : "";
  const per = view.interval;
  const header = [
    "channel",
    `spend per ${per} now${money}`,
    `spend per ${per} optimised${money}`,
    `response per ${per} now`,
    `response per ${per} optimised`,
    "response change",
    "excluded",
  ];
  const rows = view.rows.map((r) => [
    r.channel,
    r.initSpend,
    r.optmSpend,
    r.initResponse,
    r.optmResponse,
    r.lift,
    r.excluded ?? "",
  ]);
  const cell = (v: string | number) => {
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}
