/** Organic media (Robyn's `organic_vars`): media without spend, modelled as they are. */
import { requireActiveInWindow, windowSum } from "./window.ts";
import type { InputColumns } from "./input-columns.ts";
import type { ModelSettings } from "./model-settings.ts";
import type { MediaEntry } from "./regressor.ts";

export function organicMedia(columns: InputColumns, settings: ModelSettings): MediaEntry[] {
  const { window } = columns;
  return settings.organic_vars.map((name, i): MediaEntry => {
    const values = columns.numeric(name, "organic_vars", false);
    requireActiveInWindow(windowSum(values, window), name, "organic_vars", window);
    return {
      channel: {
        name,
        paid: false,
        spendName: null,
        exposureName: null,
        regressorIndex: -1,
        spend: null,
        cpeWindow: 1,
        totalSpend: Number.NaN,
        meanSpend: Number.NaN,
        spendShare: Number.NaN,
        meanExposure: windowSum(values, window) / window.length,
      },
      regressor: {
        name,
        kind: "organic",
        values,
        sign: settings.organic_signs?.[i] ?? "positive",
        mediaIndex: -1,
      },
    };
  });
}
