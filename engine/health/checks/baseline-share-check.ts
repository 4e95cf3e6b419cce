/**
 * Baseline or trend share too high. When the non-media part (intercept, trend, season, holidays, context)
 * explains nearly everything, the media effects are what is left over and small errors move them a lot;
 * a single baseline term above 100 % of the response means other terms must cancel it (issue 13: the
 * multi-country demo's DE model put trend at 106.5 %).
 */
import { formatPercent } from "../../report/format.ts";
import type { HealthCheck } from "../health-finding.ts";

/** Non-media share of the response from which the media effects are called thin, and nearly nothing. */
const BASELINE_WARNING = 0.9;
const BASELINE_PROBLEM = 0.97;
/** A single baseline term (intercept, trend) above this share of the response. */
const TERM_PROBLEM = 1;

export const baselineShareCheck: HealthCheck = ({ model }) => {
  const baseline = model.variables.filter((v) => v.role !== "paid" && v.role !== "organic");
  const share = baseline.reduce((total, v) => total + v.share, 0);
  const oversized = baseline.filter((v) => v.share > TERM_PROBLEM);
  if (oversized.length > 0) {
    const terms = oversized.map((v) => `${v.name} explains ${formatPercent(v.share, 0)}`).join(", ");
    const subject = oversized.length === 1 ? "The term" : "The terms";
    return [
      {
        check: "baseline_share",
        level: "problem",
        message:
          `${subject} ${terms} of the response: more than all of it, so other terms must cancel it out and the media ` +
          "effects are what is left over. Do not use this model's ROIs as they are: drop `trend` from the " +
          "Prophet variables (or add the driver behind the growth as a context variable), or pick another model.",
      },
    ];
  }
  if (share >= BASELINE_WARNING) {
    return [
      {
        check: "baseline_share",
        level: share >= BASELINE_PROBLEM ? "problem" : "warning",
        message:
          `The baseline (intercept, trend, season, context) explains ${formatPercent(share, 0)} of the response, ` +
          `media only ${formatPercent(1 - share, 0)}: the channel effects are a thin remainder and shift with small ` +
          "changes. Check that the spend columns are complete, and calibrate the main channels with lift studies.",
      },
    ];
  }
  return [
    {
      check: "baseline_share",
      level: "ok",
      message: `The baseline explains ${formatPercent(share, 0)} of the response and media ${formatPercent(1 - share, 0)}.`,
    },
  ];
};
