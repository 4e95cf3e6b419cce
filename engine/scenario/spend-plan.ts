/**
 * Spend plans built from history (issue "Decisions", item 3: "last N weeks × multiplier"): the next `periods`
 * periods after the data, each paid channel spending what it spent in the same position of the last `periods`
 * data periods, times `multiplier` (one for all channels, or per channel). Spends are taken as the model sees
 * them (spend units), so a multiplier of 1 replays history exactly.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { SpendPlan } from "./media-forecast.ts";

export interface RecentSpendPlan {
  periods: number;
  multiplier?: number | Readonly<Record<string, number>>;
}

const DAY_MS = 86_400_000;

export function recentSpendPlan(
  input: Pick<ModelInput, "dates" | "media" | "regressors" | "interval">,
  request: RecentSpendPlan,
): SpendPlan {
  const { periods } = request;
  const n = input.dates.length;
  if (!Number.isInteger(periods) || periods < 1 || periods > n)
    throw invalidInput("periods", `periods is ${periods}: give a whole number of periods from 1 to ${n}.`);
  const paid = input.media.filter((m) => m.paid);
  const multipliers = request.multiplier ?? 1;
  if (typeof multipliers === "object")
    for (const key of Object.keys(multipliers))
      if (!paid.some((m) => key === m.name || key === m.spendName))
        throw invalidInput(
          `multiplier.${key}`,
          `multiplier names ${key}, which is not a paid channel of this model: use ${paid.map((m) => m.spendName ?? m.name).join(", ")}.`,
        );
  const multiplierOf = (name: string, spendName: string | null): number => {
    const value =
      typeof multipliers === "number"
        ? multipliers
        : (multipliers[spendName ?? name] ?? multipliers[name] ?? 1);
    if (!Number.isFinite(value) || value < 0)
      throw invalidInput(
        "multiplier",
        `The multiplier for ${spendName ?? name} is ${value}: it must be 0 or more.`,
      );
    return value;
  };
  const spend = Object.fromEntries(
    paid.map((m) => {
      const values = input.regressors[m.regressorIndex]!.values;
      const k = multiplierOf(m.name, m.spendName);
      return [m.spendName ?? m.name, Array.from(values.subarray(n - periods), (v) => v * k)];
    }),
  );
  return { dates: nextDates(input.dates[n - 1]!, input.interval, periods), spend };
}

/** The `count` period dates after `last`: every `days` days, or the same day of the following months. */
export function nextDates(last: string, interval: ModelInput["interval"], count: number): string[] {
  const start = new Date(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const date =
      interval.type === "month"
        ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i + 1, start.getUTCDate()))
        : new Date(start.getTime() + (i + 1) * interval.days * DAY_MS);
    return date.toISOString().slice(0, 10);
  });
}
