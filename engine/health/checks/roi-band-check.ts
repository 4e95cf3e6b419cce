/**
 * Implausible ROI per channel: revenue per unit of spend outside a band (default `DEFAULT_ROI_BAND`,
 * set per run with `roi_band` in the run spec). Near zero means the model gives the channel no credit;
 * very high means it credits the channel with what something else did. Revenue models only: a
 * conversion model's CPA has no unit-free band.
 */
import { formatCompact, formatRatio } from "../../report/format.ts";
import type { HealthCheck } from "../health-finding.ts";

export const roiBandCheck: HealthCheck = ({ model, dep_var_type, roi_band }) => {
  if (dep_var_type !== "revenue") return [];
  const [low, high] = roi_band;
  const paid = model.variables.filter((v) => v.role === "paid" && v.roi !== null);
  const outside = paid.filter((v) => v.roi! < low || v.roi! > high);
  if (outside.length === 0) {
    return [
      {
        check: "roi_band",
        level: "ok",
        message: `Every channel's ROI lies between ${formatCompact(low)} and ${formatCompact(high)}.`,
      },
    ];
  }
  return outside.map((v) => ({
    check: "roi_band",
    level: "warning" as const,
    message:
      v.roi! < low
        ? `${v.name} returns ${formatRatio(v.roi!)} per unit of spend, below ${formatCompact(low)}: the model gives ` +
          "it almost no credit. Before cutting it, confirm with a lift study; a channel that truly returns this " +
          "little would be an outlier."
        : `${v.name} returns ${formatRatio(v.roi!)} per unit of spend, above ${formatCompact(high)}: the model ` +
          "likely credits it with something else (a promotion, a season). Check its spend column and calibrate " +
          "it with a lift study before adding budget.",
  }));
};
