/**
 * What the data page shows about a run's snapshot (`input.csv`): statistics per column, spend per paid
 * channel over time, and the collinearity of the model's regressors (paid media, organic and numeric
 * context variables) over the modelling window. Pure.
 */
import type { RunSpec } from "../../core/run-spec.ts";
import type { CsvColumns } from "../../common/csv-columns.ts";
import { round5 } from "../results/run-charts.ts";
import { collinearity } from "../../engine/stats/collinearity.ts";
import { columnStats, type ColumnStats } from "./column-stats.ts";

export interface DataPageData {
  readonly columns: readonly ColumnStats[];
  readonly dateColumn?: string;
  readonly spend: {
    readonly dates: readonly string[];
    readonly series: readonly { name: string; values: (number | null)[] }[];
  };
  readonly regressors: RegressorCollinearity;
}

export type RegressorCollinearity =
  | {
      readonly ok: true;
      readonly names: readonly string[];
      readonly vif: readonly number[];
      readonly conditionNumber: number;
      readonly identicalPairs: readonly [string, string][];
      readonly rows: number;
      readonly skipped: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dataPageData(
  input: CsvColumns,
  spec: RunSpec,
  window: { dateVar?: string; start?: string; end?: string } = {},
): DataPageData {
  const columns = input.header.map((name) => columnStats(name, input.text(name)));
  const dateColumn =
    [window.dateVar, spec.date_var].find(
      (name) => name !== undefined && name !== "auto" && input.has(name),
    ) ?? columns.find((c) => c.type === "date")?.name;
  const dates = dateColumn ? input.text(dateColumn) : [];
  const start = window.start ?? spec.window_start;
  const end = window.end ?? spec.window_end;
  const inWindow = dates.map((d) => DATE.test(d) && (!start || d >= start) && (!end || d <= end));

  const spendNames = spec.paid_media_spends.filter((name) => input.has(name));
  const order = dates
    .map((_, i) => i)
    .sort((a, b) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0));
  const spend = {
    dates: order.map((i) => dates[i]!),
    series: spendNames.map((name) => {
      const values = input.numbers(name);
      return { name, values: order.map((i) => round5(values[i]!)) };
    }),
  };
  return {
    columns,
    ...(dateColumn ? { dateColumn } : {}),
    spend,
    regressors: regressorCollinearity(input, spec, columns, dateColumn ? inWindow : undefined),
  };
}

function regressorCollinearity(
  input: CsvColumns,
  spec: RunSpec,
  stats: readonly ColumnStats[],
  inWindow: readonly boolean[] | undefined,
): RegressorCollinearity {
  const wanted = [
    ...new Set([
      ...(spec.paid_media_vars ?? spec.paid_media_spends),
      ...spec.organic_vars,
      ...spec.context_vars,
    ]),
  ];
  const numeric = new Set(stats.filter((s) => s.type === "number").map((s) => s.name));
  const names = wanted.filter((name) => numeric.has(name));
  const skipped = wanted.filter((name) => !numeric.has(name));
  const keep = (i: number) => inWindow === undefined || inWindow[i] === true;
  const series = names.map((name) => Float64Array.from([...input.numbers(name)].filter((_, i) => keep(i))));
  const rows = series[0]?.length ?? 0;
  const result = collinearity(series);
  if (!result) {
    return {
      ok: false,
      reason:
        names.length < 2
          ? "Collinearity needs at least two numeric regressors."
          : `Collinearity needs more rows in the window (${rows}) than regressors + 1 (${names.length + 1}).`,
    };
  }
  return {
    ok: true,
    names,
    vif: result.vif,
    conditionNumber: result.conditionNumber,
    identicalPairs: result.identicalPairs.map(([a, b]) => [names[a]!, names[b]!] as [string, string]),
    rows,
    skipped,
  };
}
