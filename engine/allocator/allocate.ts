/**
 * Robyn's budget allocator as a use case (`robyn_allocator`, method notes §5.8, quirk 12): from a model's response
 * curves and the historical spend per period over a date range, the best split of a budget (`max_response`) or the
 * largest spend that still meets a ROAS / CPA target (`target_efficiency`), each within per-channel bounds, plus
 * the same with the bounds widened by `channel_constr_multiplier` (Robyn's "unbounded" run).
 *
 * Robyn's rules kept here:
 *   - channels are sorted alphabetically (the output order); bounds are given in the request's channel order;
 *   - channels with coefficient 0, or bounds of (0, 0) spend, are left out of the optimisation but their
 *     historical spend stays in the default budget (Σ initSpendUnit over all channels), as Robyn does;
 *   - default bounds: 0.5–2 (max_response) or 0.1–10 (target_efficiency) times the initial spend;
 *   - widened bounds: low' = max(0, 1 − (1 − low)·m), up' = 1 + (up − 1)·m;
 *   - default targets: 0.8 × initial ROAS (Σ initial response / Σ initial spend) or 1.2 × initial CPA; the widened
 *     run targets ROAS 1 or 1.5 × the CPA target;
 *   - initResponseUnit is the model's mean response when the caller passes it (Robyn does when every channel is
 *     a spend), else R(initial spend); "marginal response" columns are R(x + 1) − R(x).
 * Deliberate differences: the optimiser is global (`solve.ts`), so results can be better than Robyn's local
 * SLSQP; infeasible requests fail with a message before solving instead of returning nloptr's last point; for
 * target_efficiency the widened run uses the widened lower bounds reported in its table (Robyn's notes mention a
 * 0.9 × initial start and lower bound, which its table does not show).
 */
import { invalidInput, isMmmError } from "../../common/errors.ts";
import type { SpendBounds } from "./branch-and-bound.ts";
import {
  checkBudgetFeasible,
  checkRequestShape,
  checkTargetFeasible,
  expandBounds,
} from "./allocation-checks.ts";
import {
  responseAt,
  responseOfOneMoreUnit,
  type ResponseCurve,
  type ResponseCurves,
} from "./response-curve.ts";
import { maximiseAtTarget, maximiseResponse, type AllocationSolution } from "./solve.ts";
import { bindingBounds, type BoundProblem } from "./binding-bounds.ts";
import type {
  AllocationResult,
  AllocationRow,
  AllocationRunDiagnostics,
  AllocationTotals,
  AllocatorChannel,
  AllocatorRequest,
} from "./allocation-result.ts";

export type {
  AllocationResult,
  AllocationRow,
  AllocationRunDiagnostics,
  AllocationTotals,
  AllocatorChannel,
  AllocatorRequest,
} from "./allocation-result.ts";

/** Robyn's default bounds per scenario, as multiples of the initial spend: [low, up]. */
export const DEFAULT_BOUNDS = { max_response: [0.5, 2], target_efficiency: [0.1, 10] } as const;

export function allocateBudget(request: AllocatorRequest): AllocationResult {
  checkRequestShape(request);
  const plan = planOf(request);
  const runs = solveRuns(request, plan);
  const optimised = spreadOver(plan, runs.bounded);
  const optimisedWide = spreadOver(plan, runs.unbounded.solution);
  const rows = plan.channels.map((_, i) => rowOf(plan, i, optimised, optimisedWide));
  const { target } = runs;
  const withTarget = (value: number | undefined) => (value === undefined ? {} : { targetValue: value });
  return {
    scenario: request.scenario,
    depVarType: request.depVarType,
    periods: request.periods,
    target,
    rows,
    totals: totalsOf(rows, request.periods, plan),
    excluded: plan.channels.flatMap((c, i) => {
      const reason = plan.excludedReason[i]!;
      return reason === null ? [] : [{ channel: c.name, reason }];
    }),
    bounded: { ...runs.bounded.diagnostics, ...withTarget(target?.value) },
    bindingBounds: bindingBounds(boundProblem(request, plan, target), runs.bounded),
    unbounded:
      runs.unbounded.solution === null
        ? { ...INFEASIBLE_RUN, message: runs.unbounded.message!, ...withTarget(target?.unboundedValue) }
        : { ...runs.unbounded.solution.diagnostics, ...withTarget(target?.unboundedValue) },
  };
}

/** Everything the runs and the table need, with channels in Robyn's alphabetical order. */
interface Plan {
  channels: AllocatorChannel[];
  lows: number[];
  ups: number[];
  lowsWide: number[];
  upsWide: number[];
  multiplier: number;
  initial: number[];
  initialResponse: number[];
  excludedReason: ("zero_coef" | "zero_bounds" | null)[];
  /** Indices (in `channels`) of the channels that are optimised. */
  active: number[];
  curves: ResponseCurves;
  bounds: SpendBounds;
  widened: SpendBounds;
  activeInitial: Float64Array;
  initialSpendTotal: number;
  initialResponseTotal: number;
  budgetUnit: number;
  /** "per week" in messages. */
  per: string;
}

function planOf(request: AllocatorRequest): Plan {
  const multiplier = request.multiplier ?? 3;
  const names = request.channels.map((c) => c.name);
  const [defaultLow, defaultUp] = DEFAULT_BOUNDS[request.scenario];
  const { low, up } = expandBounds(request.low ?? defaultLow, request.up ?? defaultUp, names);
  const order = names.map((_, i) => i).sort((a, b) => compareNames(names[a]!, names[b]!));
  const channels = order.map((i) => request.channels[i]!);
  const lows = order.map((i) => low[i]!);
  const ups = order.map((i) => up[i]!);
  const lowsWide = lows.map((l) => Math.max(0, 1 - (1 - l) * multiplier));
  const upsWide = ups.map((u) => 1 + (u - 1) * multiplier);
  const initial = channels.map((c) => c.initialSpend);
  const initialResponse = channels.map(
    (c) => c.initialResponse ?? responseAt(curveOfChannel(c), c.initialSpend),
  );
  const excludedReason = channels.map((c, i) =>
    c.coef === 0 ? "zero_coef" : initial[i]! * ups[i]! === 0 ? "zero_bounds" : null,
  );
  const active = channels.map((_, i) => i).filter((i) => excludedReason[i] === null);
  if (active.length === 0) {
    throw invalidInput(
      "paid_media_spends",
      "Every channel has a zero coefficient or zero bounds, so there is nothing to allocate.",
    );
  }
  const pick = (values: readonly number[]): Float64Array => Float64Array.from(active, (i) => values[i]!);
  const absolute = (multiples: readonly number[]): number[] => multiples.map((m, i) => initial[i]! * m);
  const initialSpendTotal = sum(initial);
  return {
    channels,
    lows,
    ups,
    lowsWide,
    upsWide,
    multiplier,
    initial,
    initialResponse,
    excludedReason,
    active,
    curves: {
      coef: pick(channels.map((c) => c.coef)),
      alpha: pick(channels.map((c) => c.alpha)),
      inflexion: pick(channels.map((c) => c.inflexion)),
      carryover: pick(channels.map((c) => c.carryover)),
    },
    bounds: { lower: pick(absolute(lows)), upper: pick(absolute(ups)) },
    widened: { lower: pick(absolute(lowsWide)), upper: pick(absolute(upsWide)) },
    activeInitial: pick(initial),
    initialSpendTotal,
    initialResponseTotal: sum(initialResponse),
    budgetUnit: request.totalBudget === undefined ? initialSpendTotal : request.totalBudget / request.periods,
    per: `per ${request.intervalType ?? "period"}`,
  };
}

interface Runs {
  target: AllocationResult["target"];
  bounded: AllocationSolution;
  unbounded: { solution: AllocationSolution | null; message?: string };
}

/** Checks feasibility (throwing before any solving), then solves the bounded and the widened run. */
function solveRuns(request: AllocatorRequest, plan: Plan): Runs {
  const { curves, bounds, widened, activeInitial, budgetUnit, per } = plan;
  if (request.scenario === "max_response") {
    const multiples = {
      low: Float64Array.from(plan.active, (i) => plan.lows[i]!),
      up: Float64Array.from(plan.active, (i) => plan.ups[i]!),
    };
    checkBudgetFeasible(budgetUnit, bounds, activeInitial, multiples, per);
    return {
      target: null,
      bounded: maximiseResponse(curves, bounds, budgetUnit),
      unbounded: { solution: maximiseResponse(curves, widened, budgetUnit) },
    };
  }
  const metric = request.depVarType === "revenue" ? "roas" : "cpa";
  const { initialSpendTotal: spend, initialResponseTotal: response } = plan;
  const initialRatio = metric === "roas" ? response / spend : spend / response;
  const value = request.targetValue ?? (metric === "roas" ? 0.8 : 1.2) * initialRatio;
  const unboundedValue = metric === "roas" ? 1 : 1.5 * value;
  const perSpend = (v: number): number => (metric === "roas" ? v : 1 / v);
  checkTargetFeasible(curves, bounds, perSpend(value), metric, activeInitial, per);
  return {
    target: { metric, value, isDefault: request.targetValue === undefined, unboundedValue },
    bounded: maximiseAtTarget(curves, bounds, perSpend(value)),
    unbounded: widenedTargetRun(curves, widened, perSpend(unboundedValue), metric, activeInitial, per),
  };
}

/** The bounded run as `bindingBounds` re-solves it: active channels, their bounds, the budget or target. */
function boundProblem(
  request: AllocatorRequest,
  plan: Plan,
  target: AllocationResult["target"],
): BoundProblem {
  const pick = (values: readonly number[]): Float64Array => Float64Array.from(plan.active, (i) => values[i]!);
  return {
    names: plan.active.map((i) => plan.channels[i]!.name),
    multiples: { lower: pick(plan.lows), upper: pick(plan.ups) },
    widenedMultiples: { lower: pick(plan.lowsWide), upper: pick(plan.upsWide) },
    curves: plan.curves,
    bounds: plan.bounds,
    widened: plan.widened,
    scenario:
      request.scenario === "max_response" || target === null
        ? { kind: "max_response", budget: plan.budgetUnit }
        : {
            kind: "target_efficiency",
            responsePerSpend: target.metric === "roas" ? target.value : 1 / target.value,
          },
  };
}

/** A run's spends on all channels in table order: 0 for excluded channels, NaN everywhere when there is no run. */
function spreadOver(plan: Plan, solution: AllocationSolution | null): Float64Array {
  const out = new Float64Array(plan.channels.length).fill(solution === null ? Number.NaN : 0);
  if (solution !== null) plan.active.forEach((i, k) => (out[i] = solution.spend[k]!));
  return out;
}

function rowOf(plan: Plan, i: number, optimised: Float64Array, optimisedWide: Float64Array): AllocationRow {
  const channel = plan.channels[i]!;
  const curve = curveOfChannel(channel);
  const included = plan.excludedReason[i] === null;
  const initial = plan.initial[i]!;
  const initialResponse = plan.initialResponse[i]!;
  const run = (spend: Float64Array) => {
    const x = spend[i]!;
    const response = included ? responseAt(curve, x) : 0;
    return {
      spend: x,
      delta: x / initial - 1,
      share: x / sum(spend),
      response,
      marginal: included ? responseOfOneMoreUnit(curve, x) : 0,
      roi: response / x,
      cpa: x / response,
      lift: response / initialResponse - 1,
    };
  };
  const bounded = run(optimised);
  const wide = run(optimisedWide);
  return {
    channels: channel.name,
    excluded: plan.excludedReason[i]!,
    constr_low: plan.lows[i]!,
    constr_low_abs: initial * plan.lows[i]!,
    constr_up: plan.ups[i]!,
    constr_up_abs: initial * plan.ups[i]!,
    unconstr_mult: plan.multiplier,
    constr_low_unb: plan.lowsWide[i]!,
    constr_low_unb_abs: initial * plan.lowsWide[i]!,
    constr_up_unb: plan.upsWide[i]!,
    constr_up_unb_abs: initial * plan.upsWide[i]!,
    initSpendUnit: initial,
    initSpendShare: initial / plan.initialSpendTotal,
    initResponseUnit: initialResponse,
    initResponseMargUnit: included ? responseOfOneMoreUnit(curve, initial) : 0,
    initRoiUnit: initialResponse / initial,
    initCpaUnit: initial / initialResponse,
    optmSpendUnit: bounded.spend,
    optmSpendUnitDelta: bounded.delta,
    optmSpendShareUnit: bounded.share,
    optmResponseUnit: bounded.response,
    optmResponseMargUnit: bounded.marginal,
    optmRoiUnit: bounded.roi,
    optmCpaUnit: bounded.cpa,
    optmResponseUnitLift: bounded.lift,
    optmSpendUnitUnbound: wide.spend,
    optmSpendUnitDeltaUnbound: wide.delta,
    optmSpendShareUnitUnbound: wide.share,
    optmResponseUnitUnbound: wide.response,
    optmResponseMargUnitUnbound: wide.marginal,
    optmRoiUnitUnbound: wide.roi,
    optmCpaUnitUnbound: wide.cpa,
    optmResponseUnitLiftUnbound: wide.lift,
  };
}

const INFEASIBLE_RUN: Omit<AllocationRunDiagnostics, "message"> = {
  method: "concave-envelope branch and bound",
  status: "infeasible",
  nodes: 0,
  upperBound: Number.NaN,
  relativeGap: Number.NaN,
  multiplier: Number.NaN,
  constraintResidual: Number.NaN,
};

/** The widened target_efficiency run; its infeasibility is reported, not thrown (the bounded run succeeded). */
function widenedTargetRun(
  curves: ResponseCurves,
  widened: SpendBounds,
  perSpend: number,
  metric: "roas" | "cpa",
  initial: Float64Array,
  per: string,
): { solution: AllocationSolution | null; message?: string } {
  try {
    checkTargetFeasible(curves, widened, perSpend, metric, initial, per);
  } catch (error) {
    if (!isMmmError(error)) throw error;
    return { solution: null, message: `Widened run: ${error.message}` };
  }
  return { solution: maximiseAtTarget(curves, widened, perSpend) };
}

function totalsOf(rows: AllocationRow[], periods: number, plan: Plan): AllocationTotals {
  const { budgetUnit, initialSpendTotal, initialResponseTotal } = plan;
  const spend = sum(rows.map((r) => r.optmSpendUnit));
  const response = sum(rows.map((r) => r.optmResponseUnit));
  const spendWide = sum(rows.map((r) => r.optmSpendUnitUnbound));
  const responseWide = sum(rows.map((r) => r.optmResponseUnitUnbound));
  return {
    periods,
    total_budget_unit: budgetUnit,
    initSpendUnitTotal: initialSpendTotal,
    initResponseUnitTotal: initialResponseTotal,
    initRoiUnitTotal: initialResponseTotal / initialSpendTotal,
    initCpaUnitTotal: initialSpendTotal / initialResponseTotal,
    initSpendTotal: initialSpendTotal * periods,
    initResponseTotal: initialResponseTotal * periods,
    optmSpendUnitTotal: spend,
    optmResponseUnitTotal: response,
    optmRoiUnitTotal: response / spend,
    optmCpaUnitTotal: spend / response,
    optmSpendTotal: spend * periods,
    optmResponseTotal: response * periods,
    optmResponseUnitTotalLift: response / initialResponseTotal - 1,
    optmSpendUnitTotalUnbound: spendWide,
    optmResponseUnitTotalUnbound: responseWide,
    optmRoiUnitTotalUnbound: responseWide / spendWide,
    optmCpaUnitTotalUnbound: spendWide / responseWide,
    optmSpendTotalUnbound: spendWide * periods,
    optmResponseTotalUnbound: responseWide * periods,
    optmResponseUnitTotalLiftUnbound: responseWide / initialResponseTotal - 1,
  };
}

/** Robyn sorts with R's `order()`; a case-insensitive English collation matches it for usual channel names. */
function compareNames(a: string, b: string): number {
  return a.localeCompare(b, "en") || (a < b ? -1 : a > b ? 1 : 0);
}

function curveOfChannel(channel: AllocatorChannel): ResponseCurve {
  return {
    coef: channel.coef,
    alpha: channel.alpha,
    inflexion: channel.inflexion,
    carryover: channel.carryover,
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
