/**
 * Explore's numbers for one market of a table, before any run: KPI tiles (the goal's total, total spend,
 * ROAS for a revenue goal or CPA for a conversion goal) against the previous window of the same length;
 * goal and total spend per period; each channel's spend per period with its change; a funnel per channel
 * that has impressions, clicks or sessions columns (CPM, CPC, cost per session, CTR, sessions per click);
 * and the series of the metrics asked for. Every needed column is read once, row by row, into its
 * period's slot (`explore-window.ts`); nothing else of the rows is kept, so the answer's size depends on
 * the number of periods and channels, not on the rows.
 */
import { invalidInput } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import type { DepVarType } from "../mapping/mapping-suggestion.ts";
import {
  FUNNEL_STEPS,
  type Combine,
  type ExploreColumns,
  type ExploreMetric,
  type FunnelStep,
} from "./explore-columns.ts";
import { exploreWindow, PREVIOUS, type ExploreWindow, type WindowRequest } from "./explore-window.ts";

export interface ExploreRequest extends WindowRequest {
  /** Columns for the metrics explorer (default: the goal). */
  readonly metrics?: readonly string[];
}

/** A figure of the timeframe beside the same figure of the previous window. */
export interface Compared {
  readonly value: number | null;
  /** Null when the data does not cover the previous window. */
  readonly previous: number | null;
  /** `value / previous − 1`; null without a previous value or when it is 0. */
  readonly change: number | null;
}

export interface Kpi extends Compared {
  readonly key: "goal" | "spend" | "roas" | "cpa";
  readonly label: string;
}

export interface ChannelSpend extends Compared {
  readonly name: string;
  readonly column: string;
  /** Share of the timeframe's total spend. */
  readonly share: number | null;
  readonly values: readonly (number | null)[];
}

export interface Funnel {
  readonly channel: string;
  readonly spend: Compared;
  readonly steps: readonly ({ readonly step: FunnelStep; readonly column: string } & Compared)[];
  /** Only the ratios whose columns exist: `cpm`, `cpc`, `cost_per_session`, `ctr`, `sessions_per_click`. */
  readonly ratios: readonly ({ readonly key: RatioKey; readonly label: string } & Compared)[];
}

type RatioKey = "cpm" | "cpc" | "cost_per_session" | "ctr" | "sessions_per_click";

export interface MetricSeries extends ExploreMetric {
  readonly values: readonly (number | null)[];
}

export interface Explore extends Omit<ExploreWindow, "slots" | "rowsPerPeriod"> {
  readonly dateColumn: string;
  readonly goal: { readonly column: string; readonly type: DepVarType };
  readonly kpis: readonly Kpi[];
  readonly series: { readonly goal: readonly (number | null)[]; readonly spend: readonly (number | null)[] };
  readonly channels: readonly ChannelSpend[];
  readonly funnels: readonly Funnel[];
  /** Every column the metrics explorer can show. */
  readonly availableMetrics: readonly ExploreMetric[];
  readonly metrics: readonly MetricSeries[];
}

export function aggregateExplore(
  table: Table,
  columns: ExploreColumns,
  request: ExploreRequest = {},
): Explore {
  const win = exploreWindow(table, columns.date, request);
  const chosen = chosenMetrics(columns, request.metrics);
  const totals = new Map<string, ColumnTotals>();
  const read = (column: string, combine: Combine = "sum") => {
    const key = `${combine}:${column}`;
    let found = totals.get(key);
    if (!found) totals.set(key, (found = accumulate(table.data[column] ?? [], win, combine)));
    return found;
  };
  const covered = win.previous.covered;
  const compared = (value: number, previous: number): Compared => ({
    value,
    previous: covered ? previous : null,
    change: covered ? changeOf(value, previous) : null,
  });

  const goal = read(columns.goal);
  const spends = columns.channels.map((channel) => read(channel.spend));
  const spendTotal = spends.reduce((n, s) => n + s.total, 0);
  const spendPrevious = spends.reduce((n, s) => n + s.previous, 0);
  const spendSeries = win.periods.map((_, p) =>
    win.rowsPerPeriod[p] === 0 ? null : spends.reduce((n, s) => n + s.sums[p]!, 0),
  );
  const efficiency: Kpi =
    columns.goalType === "revenue"
      ? {
          key: "roas",
          label: "ROAS (goal per unit of spend)",
          ...ratioCompared(goal.total, spendTotal, goal.previous, spendPrevious, covered),
        }
      : {
          key: "cpa",
          label: "CPA (spend per conversion)",
          ...ratioCompared(spendTotal, goal.total, spendPrevious, goal.previous, covered),
        };

  const notes = [...win.notes, ...missingNotes(columns, totals)];
  if (covered && win.previous.rows !== win.window.rows) {
    notes.push(
      `The previous window has ${win.previous.rows} rows and the timeframe ${win.window.rows}: changes compare unequal numbers of rows.`,
    );
  }
  const { slots: _slots, rowsPerPeriod, ...shown } = win;
  return {
    ...shown,
    notes,
    dateColumn: columns.date,
    goal: { column: columns.goal, type: columns.goalType },
    kpis: [
      {
        key: "goal",
        label: `${columns.goal} (${columns.goalType === "revenue" ? "revenue" : "conversions"})`,
        ...compared(goal.total, goal.previous),
      },
      { key: "spend", label: "Total spend", ...compared(spendTotal, spendPrevious) },
      efficiency,
    ],
    series: { goal: seriesOf(goal, rowsPerPeriod), spend: spendSeries },
    channels: columns.channels.map((channel, c) => ({
      name: channel.name,
      column: channel.spend,
      ...compared(spends[c]!.total, spends[c]!.previous),
      share: spendTotal > 0 ? spends[c]!.total / spendTotal : null,
      values: seriesOf(spends[c]!, rowsPerPeriod),
    })),
    funnels: columns.channels.flatMap((channel, c) => {
      const steps = FUNNEL_STEPS.flatMap((step) => {
        const column = channel.funnel[step];
        return column === undefined
          ? []
          : [{ step, column, ...compared(read(column).total, read(column).previous) }];
      });
      if (steps.length === 0) return [];
      return [
        {
          channel: channel.name,
          spend: compared(spends[c]!.total, spends[c]!.previous),
          steps,
          ratios: ratiosOf(channel.funnel, spends[c]!, read, covered),
        },
      ];
    }),
    availableMetrics: columns.metrics,
    metrics: chosen.map((metric) => ({
      ...metric,
      values: seriesOf(read(metric.column, metric.combine), rowsPerPeriod),
    })),
  };
}

interface ColumnTotals {
  readonly combine: Combine;
  /** Per period: the sum of its numbers. */
  readonly sums: Float64Array;
  /** Per period: how many numbers it had (for means). */
  readonly counts: Float64Array;
  readonly total: number;
  readonly previous: number;
  /** Cells of the timeframe that are not numbers. */
  readonly missing: number;
}

/** One pass over a column: each number into its row's slot. */
function accumulate(cells: readonly Cell[], win: ExploreWindow, combine: Combine): ColumnTotals {
  const sums = new Float64Array(win.periods.length);
  const counts = new Float64Array(win.periods.length);
  let total = 0;
  let previous = 0;
  let missing = 0;
  const { slots } = win;
  for (let i = 0; i < cells.length; i++) {
    const slot = slots[i]!;
    if (slot < PREVIOUS) continue;
    const cell = cells[i];
    const value = typeof cell === "number" && Number.isFinite(cell) ? cell : undefined;
    if (slot === PREVIOUS) {
      if (value !== undefined) previous += value;
      continue;
    }
    if (value === undefined) {
      missing++;
      continue;
    }
    sums[slot]! += value;
    counts[slot]!++;
    total += value;
  }
  return { combine, sums, counts, total, previous, missing };
}

/** A period's sum (or mean); null for a period without rows, or without numbers for a mean. */
function seriesOf(totals: ColumnTotals, rowsPerPeriod: readonly number[]): (number | null)[] {
  return Array.from(totals.sums, (sum, p) => {
    if (rowsPerPeriod[p] === 0) return null;
    if (totals.combine === "sum") return sum;
    return totals.counts[p]! > 0 ? sum / totals.counts[p]! : null;
  });
}

function changeOf(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return value / previous - 1;
}

function ratio(numerator: number, denominator: number, scale = 1): number | null {
  return denominator > 0 ? (numerator / denominator) * scale : null;
}

function ratioCompared(
  numerator: number,
  denominator: number,
  previousNumerator: number,
  previousDenominator: number,
  covered: boolean,
  scale = 1,
): Compared {
  const value = ratio(numerator, denominator, scale);
  const previous = covered ? ratio(previousNumerator, previousDenominator, scale) : null;
  return { value, previous, change: changeOf(value, previous) };
}

const RATIOS: readonly {
  key: RatioKey;
  label: string;
  numerator: FunnelStep | "spend";
  denominator: FunnelStep;
  scale?: number;
}[] = [
  {
    key: "cpm",
    label: "CPM (spend per 1,000 impressions)",
    numerator: "spend",
    denominator: "impressions",
    scale: 1000,
  },
  { key: "cpc", label: "CPC (spend per click)", numerator: "spend", denominator: "clicks" },
  { key: "cost_per_session", label: "Cost per session", numerator: "spend", denominator: "sessions" },
  { key: "ctr", label: "CTR (clicks per impression)", numerator: "clicks", denominator: "impressions" },
  { key: "sessions_per_click", label: "Sessions per click", numerator: "sessions", denominator: "clicks" },
];

function ratiosOf(
  funnel: ExploreColumns["channels"][number]["funnel"],
  spend: ColumnTotals,
  read: (column: string) => ColumnTotals,
  covered: boolean,
): Funnel["ratios"] {
  const totalsOf = (part: FunnelStep | "spend") =>
    part === "spend" ? spend : funnel[part] === undefined ? undefined : read(funnel[part]);
  return RATIOS.flatMap((r) => {
    const numerator = totalsOf(r.numerator);
    const denominator = totalsOf(r.denominator);
    if (!numerator || !denominator) return [];
    return [
      {
        key: r.key,
        label: r.label,
        ...ratioCompared(
          numerator.total,
          denominator.total,
          numerator.previous,
          denominator.previous,
          covered,
          r.scale,
        ),
      },
    ];
  });
}

function chosenMetrics(columns: ExploreColumns, asked: readonly string[] | undefined): ExploreMetric[] {
  if (asked === undefined || asked.length === 0)
    return columns.metrics.filter((m) => m.column === columns.goal);
  return asked.map((name) => {
    const found =
      columns.metrics.find((m) => m.column === name) ??
      columns.metrics.find((m) => m.column.toLowerCase() === name.trim().toLowerCase());
    if (!found) {
      throw invalidInput(
        "metric",
        `There is no numeric column "${name}" to show: choose one of ${columns.metrics.map((m) => m.column).join(", ")}.`,
      );
    }
    return found;
  });
}

function missingNotes(columns: ExploreColumns, totals: ReadonlyMap<string, ColumnTotals>): string[] {
  const watched = [columns.goal, ...columns.channels.map((c) => c.spend)];
  return watched.flatMap((column) => {
    const missing = totals.get(`sum:${column}`)?.missing ?? 0;
    return missing > 0
      ? [`${column} has ${missing} empty or non-numeric value(s) in the timeframe, counted as 0.`]
      : [];
  });
}
