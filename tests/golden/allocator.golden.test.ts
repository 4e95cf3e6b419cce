/**
 * B5: the budget allocator against Robyn's `robyn_allocator` (golden README, `b5_allocator.json`), and B1's
 * `fx_objective` closed form.
 *
 * Tolerances:
 *   - fx_objective value and negated gradient: 1e-12 relative (closed form).
 *   - initial spend per period from `date_range` over `dt_mod`: 1e-12 relative (a mean of the same doubles).
 *   - bounds `constr_*_abs` and the widened bounds: 1e-12 relative (products of the same doubles).
 *   - converged max_response cases (nloptr status > 0): optimised spends within 1% of Robyn's `optmSpendUnit` and
 *     `optmSpendUnitUnbound`; total response not lower than Robyn's, allowing only for rounding (1e-12 relative)
 *     and for Robyn's own budget overshoot (its Σ spend exceeds the budget by a few ulps; each extra unit is worth
 *     the multiplier μ).
 *   - binding bounds: the channels Robyn's converged optimum puts on their upper bound (to 1e-9) are the upper
 *     bounds reported as binding, each with a positive gain from relaxing it.
 *   - failed cases (NLOPT_FAILURE) are not reproduced point by point: an infeasible budget must be reported as an
 *     error before solving; a target must be met exactly (1e-9 relative) with a total response at least Robyn's.
 * Robyn's and our numbers are printed for every case.
 */
import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import {
  allocateBudget,
  type AllocationResult,
  type AllocatorRequest,
} from "../../engine/allocator/allocate.ts";
import { resolveDateRange, type DateRange } from "../../engine/allocator/date-range.ts";
import { marginalResponseAt, responseAt } from "../../engine/allocator/response-curve.ts";
import { loadGolden } from "./fixtures.ts";
import { assertClose } from "./tolerance.ts";

interface FxObjectiveCase {
  x: number;
  coeff: number;
  alpha: number;
  inflexion: number;
  x_hist_carryover: number;
  value: number;
  gradient_negated: number;
}

type Column = (number | null)[];
interface AllocatorCase {
  case: string;
  b3_file: string;
  allocator_args: {
    scenario: "max_response" | "target_efficiency";
    date_range: DateRange;
    total_budget?: number;
    channel_constr_low?: number | number[];
    channel_constr_up?: number | number[];
    channel_constr_multiplier: number;
  };
  channels_sorted: string[];
  optimiser_inputs: Record<"coef" | "alpha" | "inflexion" | "mean_window_carryover", Record<string, number>>;
  skipped_coef0: string | string[];
  nloptr_status: number;
  nloptr_message: string;
  total_budget: number;
  dt_optimOut: Record<string, Column> & { channels: string[]; date_min: string[]; date_max: string[] };
}

interface B3Inputs {
  robyn_inputs: { paid_media_selected: string[]; dep_var_type: "revenue" | "conversion" };
  window_ds: string[];
  dt_mod: Record<string, number[]> & { ds: string[] };
}

const b5 = loadGolden<{ cases: AllocatorCase[] }>("b5_allocator.json");

describe("response curve vs Robyn's fx_objective / fx_gradient (B1, 1e-12 relative)", () => {
  const cases = loadGolden<{ fx_objective: FxObjectiveCase[] }>("b1_transforms.json").fx_objective;
  it.each(cases.map((c, i) => [i, c] as const))("case %i", (i, c) => {
    const curve = { coef: c.coeff, alpha: c.alpha, inflexion: c.inflexion, carryover: c.x_hist_carryover };
    const label = `fx_objective[${i}] x=${c.x} alpha=${c.alpha} carry=${c.x_hist_carryover}`;
    assertClose(responseAt(curve, c.x), c.value, { rel: 1e-12 }, `${label} value`);
    // Robyn's fx_gradient is −dR/dx; at x = carry = 0 it is −Inf for alpha < 1 and −0 for alpha > 1.
    assertClose(
      -marginalResponseAt(curve, c.x),
      c.gradient_negated,
      { rel: 1e-12 },
      `${label} gradient_negated`,
    );
  });
});

/** The request the product would build for a case: channels in paid_media order, spend from date_range. */
function requestFor(c: AllocatorCase): { request: AllocatorRequest; dateMin: string; dateMax: string } {
  const b3 = loadGolden<B3Inputs>(c.b3_file);
  const range = resolveDateRange(c.allocator_args.date_range, b3.window_ds);
  const offset = b3.dt_mod.ds.indexOf(b3.window_ds[0]!);
  const inputs = c.optimiser_inputs;
  const channels = b3.robyn_inputs.paid_media_selected.map((name) => {
    const column = b3.dt_mod[name]!;
    let spend = 0;
    for (let row = range.startIndex; row <= range.endIndex; row++) spend += column[offset + row]!;
    return {
      name,
      coef: inputs.coef[name]!,
      alpha: inputs.alpha[name]!,
      inflexion: inputs.inflexion[name]!,
      carryover: inputs.mean_window_carryover[name]!,
      initialSpend: spend / range.periods,
    };
  });
  const args = c.allocator_args;
  const request: AllocatorRequest = {
    scenario: args.scenario,
    depVarType: b3.robyn_inputs.dep_var_type,
    channels,
    periods: range.periods,
    multiplier: args.channel_constr_multiplier,
    intervalType: "week",
    ...(args.channel_constr_low === undefined ? {} : { low: args.channel_constr_low }),
    ...(args.channel_constr_up === undefined ? {} : { up: args.channel_constr_up }),
    ...(args.total_budget === undefined ? {} : { totalBudget: args.total_budget }),
  };
  return { request, dateMin: range.dateMin, dateMax: range.dateMax };
}

function robyn(c: AllocatorCase, column: string, channel: string): number {
  const value = c.dt_optimOut[column]![c.dt_optimOut.channels.indexOf(channel)];
  return value ?? Number.NaN;
}

function printComparison(c: AllocatorCase, result: AllocationResult, columns: string[]): void {
  const table = result.rows.map((row) => {
    const line: Record<string, string | number> = { channel: row.channels };
    for (const column of columns) {
      line[`robyn ${column}`] = robyn(c, column, row.channels);
      line[`ours ${column}`] = row[column as keyof typeof row] as number;
    }
    return line;
  });
  console.log(`\n${c.case} (Robyn: ${c.nloptr_message})`);
  console.table(table);
}

function robynTotal(c: AllocatorCase, column: string): number {
  return c.dt_optimOut[column]![0] ?? Number.NaN;
}

describe.each(b5.cases.map((c) => [c.case, c] as const))("B5 %s", (_name, c) => {
  const { request, dateMin, dateMax } = requestFor(c);

  it("averages the initial spend over Robyn's date range (1e-12 relative)", () => {
    expect([dateMin, dateMax]).toEqual([c.dt_optimOut.date_min[0], c.dt_optimOut.date_max[0]]);
    for (const channel of request.channels) {
      assertClose(
        channel.initialSpend,
        robyn(c, "initSpendUnit", channel.name),
        { rel: 1e-12 },
        `${c.case} ${channel.name} initSpendUnit`,
      );
    }
  });

  const args = c.allocator_args;
  const converged = c.nloptr_status > 0;

  if (args.scenario === "max_response" && converged) {
    it("matches Robyn's bounds to 1e-12 and its optimised spends within 1%, with a total response at least Robyn's", () => {
      const result = allocateBudget(request);
      printComparison(c, result, ["optmSpendUnit", "optmResponseUnit", "optmSpendUnitUnbound"]);
      const skipped = ([] as string[]).concat(c.skipped_coef0);
      expect(result.excluded.map((e) => e.channel)).toEqual(skipped);
      expect(result.rows.map((r) => r.channels)).toEqual(c.channels_sorted);
      for (const row of result.rows) {
        const label = `${c.case} ${row.channels}`;
        for (const column of [
          "constr_low",
          "constr_up",
          "constr_low_abs",
          "constr_up_abs",
          "constr_low_unb",
          "constr_up_unb",
          "constr_low_unb_abs",
          "constr_up_unb_abs",
          "initSpendShare",
          "initResponseUnit",
        ] as const) {
          assertClose(row[column], robyn(c, column, row.channels), { rel: 1e-12 }, `${label} ${column}`);
        }
        // R(x + 1) − R(x) loses digits to cancellation: 1e-9.
        assertClose(
          row.initResponseMargUnit,
          robyn(c, "initResponseMargUnit", row.channels),
          { rel: 1e-9 },
          `${label} initResponseMargUnit`,
        );
        assertClose(
          row.optmSpendUnit,
          robyn(c, "optmSpendUnit", row.channels),
          { rel: 0.01, abs: 1e-9 },
          `${label} optmSpendUnit`,
        );
        assertClose(
          row.optmSpendUnitUnbound,
          robyn(c, "optmSpendUnitUnbound", row.channels),
          { rel: 0.01, abs: 1e-9 },
          `${label} optmSpendUnitUnbound`,
        );
      }
      for (const [suffix, ours, multiplier] of [
        ["", result.totals.optmResponseUnitTotal, result.bounded.multiplier],
        ["Unbound", result.totals.optmResponseUnitTotalUnbound, result.unbounded.multiplier],
      ] as const) {
        const theirs = robynTotal(c, `optmResponseUnitTotal${suffix}`);
        const overshoot = Math.max(
          0,
          robynTotal(c, `optmSpendUnitTotal${suffix}`) - robynTotal(c, "total_budget_unit"),
        );
        console.log(
          `${c.case} total response per week${suffix ? " (widened bounds)" : ""}: Robyn ${theirs}, ours ${ours} ` +
            `(ours − Robyn ${ours - theirs}; Robyn overspent the budget by ${overshoot})`,
        );
        expect(ours).toBeGreaterThanOrEqual(theirs - multiplier * overshoot - 1e-12 * Math.abs(theirs));
      }
      expect(result.bounded.status).toBe("optimal");
    });

    it("reports as binding the upper bounds Robyn's optimum sits on, each worth relaxing", () => {
      const result = allocateBudget(request);
      const atUpper = c.dt_optimOut.channels.filter((channel) => {
        const spend = robyn(c, "optmSpendUnit", channel);
        return Math.abs(spend - robyn(c, "constr_up_abs", channel)) <= 1e-9 * spend;
      });
      console.log(`${c.case} binding bounds:`);
      console.table(result.bindingBounds);
      expect(atUpper.length).toBeGreaterThan(0);
      const uppers = result.bindingBounds.filter((b) => b.side === "upper");
      expect(uppers.map((b) => b.channel)).toEqual(atUpper);
      for (const bound of uppers) {
        expect(bound.binds).toBe(true);
        expect(bound.responseGainUnit).toBeGreaterThan(0);
        expect(bound.firstOrderGainPerUnit).toBeGreaterThan(0);
      }
    });
  }

  if (args.scenario === "max_response" && !converged) {
    it("reports the infeasible budget before solving, where Robyn returned nloptr's last point", () => {
      const sumUpper = c.dt_optimOut.constr_up_abs.reduce<number>((s, v) => s + (v ?? 0), 0);
      const budgetUnit = robynTotal(c, "total_budget_unit");
      console.log(
        `\n${c.case}: budget ${budgetUnit} per week, upper bounds sum to ${sumUpper}. Robyn (${c.nloptr_message}) ` +
          `returned a point spending ${robynTotal(c, "optmSpendUnitTotal")} per week.`,
      );
      expect(budgetUnit).toBeGreaterThan(sumUpper);
      let error: unknown;
      try {
        allocateBudget(request);
      } catch (caught) {
        error = caught;
      }
      expect(isMmmError(error)).toBe(true);
      if (!isMmmError(error)) return;
      console.log(`ours: ${error.message}`);
      expect(error.code).toBe("invalid_input");
      expect(error.field).toBe("channel_constr_up");
      expect(error.message).toContain("raise channel_constr_up (for example to");
      expect(error.message).toContain("or lower total_budget");
    });
  }

  if (args.scenario === "target_efficiency") {
    it("meets the target exactly, with a total response at least Robyn's", () => {
      const result = allocateBudget(request);
      printComparison(c, result, ["optmSpendUnit", "optmResponseUnit", "optmSpendUnitUnbound"]);
      const target = result.target!;
      const roasOf = (value: number): number => (target.metric === "roas" ? value : 1 / value);
      for (const [suffix, value] of [
        ["", target.value],
        ["Unbound", target.unboundedValue],
      ] as const) {
        const spend = result.totals[`optmSpendUnitTotal${suffix}`];
        const response = result.totals[`optmResponseUnitTotal${suffix}`];
        const theirSpend = robynTotal(c, `optmSpendUnitTotal${suffix}`);
        const theirs = robynTotal(c, `optmResponseUnitTotal${suffix}`);
        console.log(
          `${c.case}${suffix ? " widened" : ""} target ROAS ${roasOf(value)}: Robyn spends ${theirSpend} for ` +
            `${theirs} (ROAS ${theirs / theirSpend}); ours spends ${spend} for ${response} (ROAS ${response / spend})`,
        );
        expect(Math.abs(response - roasOf(value) * spend)).toBeLessThanOrEqual(1e-9 * response);
        expect(response).toBeGreaterThanOrEqual(theirs);
      }
    });
  }
});
