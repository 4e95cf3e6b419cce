/**
 * A known-truth twin of a user's data (issue: "can this setup identify my channels?"): the same table, with
 * the goal over the modelling window replaced by a chosen model's fitted values plus that model's own
 * residuals, resampled in moving blocks. Spend patterns, context and dates stay the user's; the chosen
 * model's decomposition becomes the truth, and the noise keeps its size and short-range autocorrelation
 * (blocks, not single residuals, because weekly and daily residuals are autocorrelated and i.i.d. noise
 * would make the twin easier than the real data). Rows outside the window keep their goal values.
 */
import type { Cell, Table } from "../../common/table.ts";
import { createRng } from "../search/rng.ts";

export interface TwinDataRequest {
  table: Table;
  dateVar: string;
  depVar: string;
  /** The model's window: its dates, fitted values and actual values, in order. */
  window: { dates: readonly string[]; fitted: ArrayLike<number>; actual: ArrayLike<number> };
  seed: number;
  /** Residual block length; default ⌈n^(1/3)⌉ (at least 2), the usual order for a moving-block bootstrap. */
  blockLength?: number;
}

export function twinTable(request: TwinDataRequest): Table {
  const { table, window } = request;
  const n = window.dates.length;
  const residuals = Float64Array.from({ length: n }, (_, t) => window.actual[t]! - window.fitted[t]!);
  const noise = movingBlockResample(residuals, request.blockLength ?? defaultBlockLength(n), request.seed);
  const twinGoal = new Map(window.dates.map((date, t) => [date, window.fitted[t]! + noise[t]!]));
  const dates = table.data[request.dateVar] ?? [];
  const goal: Cell[] = (table.data[request.depVar] ?? []).map((value, row) => {
    const date = dates[row];
    return typeof date === "string" && twinGoal.has(date) ? twinGoal.get(date)! : value;
  });
  return { columns: table.columns, data: { ...table.data, [request.depVar]: goal } };
}

export function defaultBlockLength(n: number): number {
  return Math.max(2, Math.ceil(Math.cbrt(n)));
}

/** `values` resampled by concatenating blocks of `length` consecutive values from random starts. */
export function movingBlockResample(values: Float64Array, length: number, seed: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const block = Math.min(Math.max(1, length), n);
  const rng = createRng(seed);
  for (let t = 0; t < n;) {
    const start = rng.int(n - block + 1);
    for (let k = 0; k < block && t < n; k++, t++) out[t] = values[start + k]!;
  }
  return out;
}
