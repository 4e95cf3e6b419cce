/**
 * Checks of an allocation request that run before any solving (method notes §5.8): the request's shape, and
 * whether the constraints can be met at all. Every failure is an `MmmError` (`invalid_input`) whose message names
 * the Robyn argument to change and says by how much, e.g. "The upper bounds allow at most 118,817 per week but the
 * budget is 150,000: raise channel_constr_up (for example to 1.9) or lower total_budget."
 */
import { invalidInput } from "../../common/errors.ts";
import type { ResponseCurves } from "./response-curve.ts";
import type { SpendBounds } from "./branch-and-bound.ts";
import { bestReachableEfficiency, efficiencyAtUpperBounds } from "./efficiency.ts";

/** The request fields these checks read (a subset of `AllocatorRequest`). */
export interface CheckedRequest {
  scenario: string;
  depVarType: string;
  channels: readonly {
    name: string;
    coef: number;
    alpha: number;
    inflexion: number;
    carryover: number;
    initialSpend: number;
    initialResponse?: number;
  }[];
  low?: number | readonly number[];
  up?: number | readonly number[];
  multiplier?: number;
  totalBudget?: number;
  targetValue?: number;
  periods: number;
}

/** Throws on a malformed request: unknown scenario, non-finite or negative numbers, bounds of the wrong length. */
export function checkRequestShape(request: CheckedRequest): void {
  if (request.scenario !== "max_response" && request.scenario !== "target_efficiency") {
    throw invalidInput(
      "scenario",
      `scenario "${request.scenario}" must be "max_response" or "target_efficiency".`,
    );
  }
  if (request.depVarType !== "revenue" && request.depVarType !== "conversion") {
    throw invalidInput(
      "dep_var_type",
      `dep_var_type "${request.depVarType}" must be "revenue" or "conversion".`,
    );
  }
  if (request.channels.length === 0)
    throw invalidInput("paid_media_spends", "The allocator needs at least one channel.");
  const seen = new Set<string>();
  for (const channel of request.channels) {
    if (seen.has(channel.name)) {
      throw invalidInput(
        "paid_media_spends",
        `Channel ${channel.name} appears twice: each channel must appear once.`,
      );
    }
    seen.add(channel.name);
    const numbers: [string, number, boolean][] = [
      ["coef", channel.coef, false],
      ["alpha", channel.alpha, true],
      ["inflexion", channel.inflexion, true],
      ["carryover", channel.carryover, false],
      ["initialSpend", channel.initialSpend, false],
    ];
    if (channel.initialResponse !== undefined)
      numbers.push(["initialResponse", channel.initialResponse, false]);
    for (const [key, value, positive] of numbers) {
      if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
        throw invalidInput(
          `channels.${channel.name}.${key}`,
          `Channel ${channel.name}: ${key} is ${value} but must be a finite number ${positive ? "above" : "of at least"} 0.`,
        );
      }
    }
  }
  if (!Number.isInteger(request.periods) || request.periods < 1) {
    throw invalidInput("date_range", `The date range has ${request.periods} periods: it needs at least one.`);
  }
  optionalPositive(request.multiplier, "channel_constr_multiplier", 1);
  optionalPositive(request.totalBudget, "total_budget", 0);
  optionalPositive(request.targetValue, "target_value", 0);
}

function optionalPositive(value: number | undefined, field: string, minimum: number): void {
  if (value === undefined) return;
  const ok = Number.isFinite(value) && (minimum === 0 ? value > 0 : value >= minimum);
  if (!ok) {
    throw invalidInput(
      field,
      `${field} is ${value} but must be a finite number ${minimum === 0 ? "above 0" : `of at least ${minimum}`}.`,
    );
  }
}

/**
 * Expands `channel_constr_low`/`channel_constr_up` (one value, or one per channel in the request's order) and
 * checks 0 <= low <= up.
 */
export function expandBounds(
  low: number | readonly number[],
  up: number | readonly number[],
  names: readonly string[],
): { low: number[]; up: number[] } {
  const expand = (value: number | readonly number[], field: string): number[] => {
    const values = typeof value === "number" ? names.map(() => value) : [...value];
    if (values.length !== names.length) {
      throw invalidInput(
        field,
        `${field} has ${values.length} values but there are ${names.length} channels: give one value, or one per channel in the order ${names.join(", ")}.`,
      );
    }
    values.forEach((v, i) => {
      if (!Number.isFinite(v) || v < 0) {
        throw invalidInput(
          field,
          `${field} for ${names[i]} is ${v} but must be a finite number of at least 0.`,
          { channel: names[i] },
        );
      }
    });
    return values;
  };
  const lows = expand(low, "channel_constr_low");
  const ups = expand(up, "channel_constr_up");
  lows.forEach((l, i) => {
    if (ups[i]! < l) {
      throw invalidInput(
        "channel_constr_up",
        `channel_constr_up for ${names[i]} (${ups[i]}) is below channel_constr_low (${l}): the upper bound must be at least the lower one.`,
        { channel: names[i] },
      );
    }
  });
  return { low: lows, up: ups };
}

/** The budget per period must lie between the sums of the lower and upper bounds. */
export function checkBudgetFeasible(
  budget: number,
  bounds: SpendBounds,
  initial: Float64Array,
  multiples: { low: Float64Array; up: Float64Array },
  per: string,
): void {
  const sumLower = total(bounds.lower);
  const sumUpper = total(bounds.upper);
  const slack = 1e-12 * Math.max(sumUpper, 1);
  if (budget > sumUpper + slack) {
    const k = uniformMultipleReaching(budget, initial, multiples.up, "up");
    throw invalidInput(
      "channel_constr_up",
      `The upper bounds allow at most ${amount(sumUpper)} ${per} but the budget is ${amount(budget)}: ` +
        `raise channel_constr_up (for example to ${k}) or lower total_budget.`,
      { budget, sumUpper, suggestedUp: k, alternativeField: "total_budget" },
    );
  }
  if (budget < sumLower - slack) {
    const k = uniformMultipleReaching(budget, initial, multiples.low, "low");
    throw invalidInput(
      "channel_constr_low",
      `The lower bounds require at least ${amount(sumLower)} ${per} but the budget is ${amount(budget)}: ` +
        `lower channel_constr_low (for example to ${k}) or raise total_budget.`,
      { budget, sumLower, suggestedLow: k, alternativeField: "total_budget" },
    );
  }
}

/**
 * The target (ROAS, or response per unit of spend 1/CPA, `t`) must be reachable within the bounds, and must not be
 * exceeded even with every channel at its upper bound (then no allocation within the bounds lands on it).
 */
export function checkTargetFeasible(
  curves: ResponseCurves,
  bounds: SpendBounds,
  t: number,
  metric: "roas" | "cpa",
  initial: Float64Array,
  per: string,
): void {
  const shown = (ratio: number): string => ratioText(metric === "roas" ? ratio : 1 / ratio);
  const best = bestReachableEfficiency(curves, bounds).ratio;
  if (best < t * (1 - 1e-12)) {
    const change =
      metric === "roas"
        ? `lower target_value to at most ${shown(best)}`
        : `raise target_value to at least ${shown(best)}`;
    throw invalidInput(
      "target_value",
      `No allocation within the bounds reaches a ${metric.toUpperCase()} of ${shown(t)}: the best reachable is ` +
        `${shown(best)}. ${capitalise(change)}, or widen channel_constr_low / channel_constr_up.`,
      { target: metric === "roas" ? t : 1 / t, bestReachable: metric === "roas" ? best : 1 / best },
    );
  }
  const atUpper = efficiencyAtUpperBounds(curves, bounds);
  if (atUpper > t * (1 + 1e-12)) {
    const k = uniformUpForEfficiency(curves, initial, t);
    const raise = k === null ? "raise channel_constr_up" : `raise channel_constr_up (for example to ${k})`;
    const change =
      metric === "roas"
        ? `raise target_value to at least ${shown(atUpper)}`
        : `lower target_value to at most ${shown(atUpper)}`;
    throw invalidInput(
      "channel_constr_up",
      `Even with every channel at its upper bound (${amount(total(bounds.upper))} ${per}) the ${metric.toUpperCase()} is ` +
        `${shown(atUpper)}, ${metric === "roas" ? "above" : "below"} the target ${shown(t)}, so no allocation within ` +
        `the bounds lands on the target: ${raise} or ${change}.`,
      { target: metric === "roas" ? t : 1 / t, atUpperBounds: metric === "roas" ? atUpper : 1 / atUpper },
    );
  }
}

/**
 * The uniform multiple k (rounded outward to 2 significant digits) such that Σ init_i·max(up_i, k) >= budget
 * (side "up") or Σ init_i·min(low_i, k) <= budget (side "low").
 */
function uniformMultipleReaching(
  budget: number,
  initial: Float64Array,
  multiples: Float64Array,
  side: "up" | "low",
): number {
  const spendAt = (k: number): number => {
    let sum = 0;
    for (let i = 0; i < initial.length; i++) {
      sum += initial[i]! * (side === "up" ? Math.max(multiples[i]!, k) : Math.min(multiples[i]!, k));
    }
    return sum;
  };
  let lo = 0;
  let hi = 1;
  if (side === "up") while (spendAt(hi) < budget && hi < 1e12) hi *= 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const mid = 0.5 * (lo + hi);
    const ok = side === "up" ? spendAt(mid) >= budget : spendAt(mid) <= budget;
    if (side === "up" ? ok : !ok) hi = mid;
    else lo = mid;
  }
  return roundTwoDigits(side === "up" ? hi : lo, side === "up" ? "up" : "down");
}

/** The smallest uniform upper multiple k with Σ R(init·k) <= t·Σ init·k (uniform scaling), or null. */
function uniformUpForEfficiency(curves: ResponseCurves, initial: Float64Array, t: number): number | null {
  const surplusAt = (k: number): number => {
    let sum = 0;
    for (let i = 0; i < initial.length; i++) {
      const x = initial[i]! * k;
      const z = x + curves.carryover[i]!;
      const response =
        z > 0 ? curves.coef[i]! / (1 + Math.pow(curves.inflexion[i]! / z, curves.alpha[i]!)) : 0;
      sum += response - t * x;
    }
    return sum;
  };
  let hi = 1;
  while (surplusAt(hi) > 0) {
    hi *= 2;
    if (hi > 1e9) return null;
  }
  let lo = hi / 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const mid = 0.5 * (lo + hi);
    if (surplusAt(mid) > 0) lo = mid;
    else hi = mid;
  }
  return roundTwoDigits(hi, "up");
}

function roundTwoDigits(value: number, direction: "up" | "down"): number {
  if (!(value > 0)) return 0;
  const step = Math.pow(10, Math.floor(Math.log10(value)) - 1);
  const scaled = value / step;
  const rounded = direction === "up" ? Math.ceil(scaled - 1e-9) : Math.floor(scaled + 1e-9);
  return Number((rounded * step).toPrecision(2));
}

/** 150000 → "150,000"; small amounts keep two decimals. */
export function amount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}

function ratioText(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function total(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}
