/**
 * Paid media (Robyn's `paid_media_spends` and `paid_media_vars`): each channel's spend over the window and
 * its share of the total, and the model column, which is the spend itself or an exposure re-expressed in
 * spend units (Robyn 3.12; method notes §1.3).
 */
import { requireActiveInWindow, windowSum } from "./window.ts";
import type { InputColumns } from "./input-columns.ts";
import type { ModelSettings } from "./model-settings.ts";
import type { MediaEntry } from "./regressor.ts";

export function paidMedia(columns: InputColumns, settings: ModelSettings): MediaEntry[] {
  const { window } = columns;
  const spends = settings.paid_media_spends;
  const vars = settings.paid_media_vars ?? spends;
  let totalPaidSpend = 0;
  const entries = spends.map((spendName, i): MediaEntry => {
    const spend = columns.numeric(spendName, "paid_media_spends", true);
    const varName = vars[i]!;
    const usesExposure = varName !== spendName;
    const raw = usesExposure ? columns.numeric(varName, "paid_media_vars", true) : spend;
    const totalSpend = windowSum(spend, window);
    requireActiveInWindow(totalSpend, spendName, "paid_media_spends", window);
    let cpeWindow = 1;
    let values = raw;
    if (usesExposure) {
      const totalExposure = windowSum(raw, window);
      requireActiveInWindow(totalExposure, varName, "paid_media_vars", window);
      // Robyn 3.12 models exposures in spend units: exposure × (window spend / window exposure).
      cpeWindow = totalSpend / totalExposure;
      values = raw.map((v) => v * cpeWindow);
    }
    totalPaidSpend += totalSpend;
    return {
      channel: {
        name: varName,
        paid: true,
        spendName,
        exposureName: usesExposure ? varName : null,
        regressorIndex: -1,
        spend,
        cpeWindow,
        totalSpend,
        meanSpend: totalSpend / window.length,
        spendShare: 0,
        meanExposure: windowSum(raw, window) / window.length,
      },
      regressor: {
        name: varName,
        kind: "paid",
        values,
        sign: settings.paid_media_signs?.[i] ?? "positive",
        mediaIndex: -1,
      },
    };
  });
  for (const { channel } of entries) channel.spendShare = channel.totalSpend / totalPaidSpend;
  return entries;
}
