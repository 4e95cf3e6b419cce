/**
 * Spend columns that look scaled, and identical ROAS across channels. ROI is response per unit of spend,
 * so it only means something when spend is in money: a column whose largest value is at most 1 was most
 * likely normalised, and the same ROAS for every channel usually means spend was derived from the
 * response or filled in with a placeholder.
 */
import { maxOf, minOf } from "../../stats/extent.ts";
import type { HealthCheck, HealthFinding } from "../health-finding.ts";

/** Relative spread of the channels' ROAS below which they count as identical. */
const IDENTICAL = 0.01;

export const spendDataCheck: HealthCheck = ({ model, spend_max, dep_var_type }) => {
  const findings: HealthFinding[] = [];
  const scaled = Object.entries(spend_max).filter(([, max]) => max <= 1);
  if (scaled.length > 0) {
    findings.push({
      check: "spend_data",
      level: "problem",
      message:
        `The spend of ${scaled.map(([name]) => name).join(", ")} is never above 1: it looks scaled or normalised, ` +
        "so ROI and CPA are meaningless and the budget allocator cannot work. Give spend in money (the " +
        "currency amount paid per period).",
    });
  }
  const roas = model.variables
    .filter((v) => v.role === "paid")
    .map((v) => (dep_var_type === "revenue" ? v.roi : v.cpa))
    .filter((value): value is number => value !== null && Number.isFinite(value) && value !== 0);
  if (roas.length >= 2) {
    const mean = roas.reduce((a, b) => a + b, 0) / roas.length;
    const spread = (maxOf(-Infinity, roas) - minOf(Infinity, roas)) / Math.abs(mean);
    if (spread < IDENTICAL) {
      findings.push({
        check: "spend_data",
        level: "problem",
        message:
          `Every channel has the same ${dep_var_type === "revenue" ? "ROAS" : "CPA"} (${mean.toPrecision(3)}): real ` +
          "channels never do. The spend columns are probably derived from the response or are placeholders; " +
          "load the actual spend per channel.",
      });
    }
  }
  if (findings.length > 0) return findings;
  return [{ check: "spend_data", level: "ok", message: "The spend columns look like money amounts." }];
};
