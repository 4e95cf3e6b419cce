/**
 * The decision tools on Robyn's own models, one core: the allocator on B5's case A (5 channels, bounded and
 * widened runs, and one re-solve per bound the allocation sits on to say what relaxing it adds), and a
 * forward scenario of 8 weeks on B6 model i_01 (every medium's series extended, adstocked and saturated twice,
 * with and without the plan).
 */
import { allocateBudget, type AllocatorRequest } from "../../engine/allocator/index.ts";
import { resolveDateRange } from "../../engine/allocator/date-range.ts";
import { forecastMedia, recentSpendPlan } from "../../engine/scenario/index.ts";
import { goldenConfiguration, type B3_FILES } from "../golden/b3-configurations.ts";
import { loadGolden } from "../golden/fixtures.ts";
import { consume, measure, type Measurement } from "./harness.ts";

interface B5Case {
  case: string;
  b3_file: string;
  allocator_args: {
    channel_constr_low: number;
    channel_constr_up: number[];
    channel_constr_multiplier: number;
  };
  optimiser_inputs: Record<"coef" | "alpha" | "inflexion" | "mean_window_carryover", Record<string, number>>;
}

export function benchAllocator(): Measurement & { bindingBounds: number } {
  const c = loadGolden<{ cases: B5Case[] }>("b5_allocator.json").cases.find(
    (x) => x.case === "A_max_response_all",
  )!;
  const b3 = loadGolden<{
    robyn_inputs: { paid_media_selected: string[] };
    window_ds: string[];
    dt_mod: Record<string, number[]> & { ds: string[] };
  }>(c.b3_file);
  const range = resolveDateRange("all", b3.window_ds);
  const offset = b3.dt_mod.ds.indexOf(b3.window_ds[0]!);
  const request: AllocatorRequest = {
    scenario: "max_response",
    depVarType: "revenue",
    periods: range.periods,
    low: c.allocator_args.channel_constr_low,
    up: c.allocator_args.channel_constr_up,
    multiplier: c.allocator_args.channel_constr_multiplier,
    channels: b3.robyn_inputs.paid_media_selected.map((name) => {
      let spend = 0;
      for (let row = range.startIndex; row <= range.endIndex; row++) spend += b3.dt_mod[name]![offset + row]!;
      return {
        name,
        coef: c.optimiser_inputs.coef[name]!,
        alpha: c.optimiser_inputs.alpha[name]!,
        inflexion: c.optimiser_inputs.inflexion[name]!,
        carryover: c.optimiser_inputs.mean_window_carryover[name]!,
        initialSpend: spend / range.periods,
      };
    }),
  };
  const bindingBounds = allocateBudget(request).bindingBounds.length;
  const m = measure(() => consume(allocateBudget(request).totals.optmResponseUnitTotal), {
    warmup: 5,
    batch: 2,
  });
  return { ...m, bindingBounds };
}

interface B6Model {
  model_id: string;
  source: { file: (typeof B3_FILES)[number] };
  hyperparameters: Record<string, number>;
  coefficients: Record<string, number>;
}

export function benchScenario(): Measurement {
  const golden = loadGolden<{ models: B6Model[] }>("b6_response_public.json").models.find(
    (m) => m.model_id === "i_01",
  )!;
  const { input } = goldenConfiguration(golden.source.file);
  const model = { input, hyperparameters: golden.hyperparameters, coefficients: golden.coefficients };
  const plan = recentSpendPlan(input, { periods: 8, multiplier: 1.2 });
  return measure(() => consume(forecastMedia(model, plan).totalResponse), { warmup: 20, batch: 10 });
}
