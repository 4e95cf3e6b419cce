/**
 * The allocator's request and result, with Robyn's `dt_optimOut` names for the per-channel rows and the
 * totals (see `allocate.ts` for the rules that fill them).
 */
import type { SolverStatus } from "./branch-and-bound.ts";
import type { SolverDiagnostics } from "./solve.ts";
import type { BindingBound } from "./binding-bounds.ts";

export interface AllocatorChannel {
  name: string;
  coef: number;
  alpha: number;
  inflexion: number;
  carryover: number;
  /** Mean spend per period over the date range. */
  initialSpend: number;
  /** The model's mean response per period, when Robyn would use it (every channel a spend); else R(initialSpend). */
  initialResponse?: number;
}

export interface AllocatorRequest {
  scenario: "max_response" | "target_efficiency";
  depVarType: "revenue" | "conversion";
  /** In the model's paid_media order; `low`/`up` arrays follow this order. */
  channels: AllocatorChannel[];
  /** Multiples of the initial spend; one value or one per channel. Defaults per scenario as Robyn. */
  low?: number | number[];
  up?: number | number[];
  /** Widening of the bounds for the "unbounded" run. Default 3. */
  multiplier?: number;
  /** Over the whole date range; absent = historical (Σ initial spend per period × periods). */
  totalBudget?: number;
  /** ROAS (revenue) or CPA (conversion) target for target_efficiency. */
  targetValue?: number;
  /** Number of periods in the date range. */
  periods: number;
  /** Name of one period in messages ("week" → "per week"). Default "period". */
  intervalType?: string;
}

/** One channel, with Robyn's `dt_optimOut` column names. Ratios are NaN or ±Infinity where Robyn has NaN/Inf. */
export interface AllocationRow {
  channels: string;
  /** Why the channel was left out of the optimisation, or null. */
  excluded: "zero_coef" | "zero_bounds" | null;
  constr_low: number;
  constr_low_abs: number;
  constr_up: number;
  constr_up_abs: number;
  unconstr_mult: number;
  constr_low_unb: number;
  constr_low_unb_abs: number;
  constr_up_unb: number;
  constr_up_unb_abs: number;
  initSpendUnit: number;
  initSpendShare: number;
  initResponseUnit: number;
  initResponseMargUnit: number;
  initRoiUnit: number;
  initCpaUnit: number;
  optmSpendUnit: number;
  optmSpendUnitDelta: number;
  optmSpendShareUnit: number;
  optmResponseUnit: number;
  optmResponseMargUnit: number;
  optmRoiUnit: number;
  optmCpaUnit: number;
  optmResponseUnitLift: number;
  optmSpendUnitUnbound: number;
  optmSpendUnitDeltaUnbound: number;
  optmSpendShareUnitUnbound: number;
  optmResponseUnitUnbound: number;
  optmResponseMargUnitUnbound: number;
  optmRoiUnitUnbound: number;
  optmCpaUnitUnbound: number;
  optmResponseUnitLiftUnbound: number;
}

/** Totals per period ("Unit") and over the date range, initial versus optimised. */
export interface AllocationTotals {
  periods: number;
  total_budget_unit: number;
  initSpendUnitTotal: number;
  initResponseUnitTotal: number;
  initRoiUnitTotal: number;
  initCpaUnitTotal: number;
  initSpendTotal: number;
  initResponseTotal: number;
  optmSpendUnitTotal: number;
  optmResponseUnitTotal: number;
  optmRoiUnitTotal: number;
  optmCpaUnitTotal: number;
  optmSpendTotal: number;
  optmResponseTotal: number;
  optmResponseUnitTotalLift: number;
  optmSpendUnitTotalUnbound: number;
  optmResponseUnitTotalUnbound: number;
  optmRoiUnitTotalUnbound: number;
  optmCpaUnitTotalUnbound: number;
  optmSpendTotalUnbound: number;
  optmResponseTotalUnbound: number;
  optmResponseUnitTotalLiftUnbound: number;
}

export interface AllocationRunDiagnostics extends Omit<SolverDiagnostics, "status"> {
  /** `infeasible` only for the widened run, whose failure does not fail the request (see `message`). */
  status: SolverStatus | "infeasible";
  message?: string;
  /** For target_efficiency: the target this run met (ROAS or CPA). */
  targetValue?: number;
}

export interface AllocationResult {
  scenario: AllocatorRequest["scenario"];
  depVarType: AllocatorRequest["depVarType"];
  periods: number;
  /** For target_efficiency: the metric, the bounded run's target and whether it was Robyn's default. */
  target: { metric: "roas" | "cpa"; value: number; isDefault: boolean; unboundedValue: number } | null;
  rows: AllocationRow[];
  totals: AllocationTotals;
  excluded: { channel: string; reason: "zero_coef" | "zero_bounds" }[];
  bounded: AllocationRunDiagnostics;
  /** The bounds the bounded run's allocation sits on, each with what relaxing it alone would add. */
  bindingBounds: BindingBound[];
  unbounded: AllocationRunDiagnostics;
}
