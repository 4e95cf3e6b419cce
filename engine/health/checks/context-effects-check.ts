/**
 * Context or trend effects with the wrong sign or an implausible size. A trend, season or holiday term
 * that lowers the response overall works against what it stands for, and a single context variable that
 * moves more than half of the response usually stands in for something else (a growth driver, a data
 * break). The trend's size is judged by `baseline-share-check.ts`.
 */
import { formatPercent } from "../../report/format.ts";
import type { HealthCheck, HealthFinding } from "../health-finding.ts";

/** A Prophet term lowering the response by more than this is a wrong sign, not noise. */
const WRONG_SIGN = -0.05;
/** A context or Prophet term (other than trend) moving more than this share of the response. */
const IMPLAUSIBLE = 0.5;

export const contextEffectsCheck: HealthCheck = ({ model }) => {
  const findings: HealthFinding[] = [];
  const terms = model.variables.filter((v) => v.role === "prophet" || v.role === "context");
  for (const v of terms) {
    if (v.role === "prophet" && v.share < WRONG_SIGN) {
      findings.push({
        check: "context_effects",
        level: "problem",
        message:
          `${v.name} lowers the response by ${formatPercent(-v.share, 0)} overall, the opposite of what it ` +
          `stands for: another variable is absorbing its part. Remove ${v.name} from the Prophet variables ` +
          "or look for a context variable that duplicates it.",
      });
    } else if (v.name !== "trend" && Math.abs(v.share) > IMPLAUSIBLE) {
      findings.push({
        check: "context_effects",
        level: "warning",
        message:
          `${v.name} alone ${v.share > 0 ? "adds" : "removes"} ${formatPercent(Math.abs(v.share), 0)} of the ` +
          "response, more than is plausible for one context effect. Check the column for a break or a unit " +
          "change, or whether it grows together with the response for another reason.",
      });
    }
  }
  if (findings.length > 0 || terms.length === 0) return findings;
  return [
    {
      check: "context_effects",
      level: "ok",
      message: "Trend, season and context effects have plausible signs and sizes.",
    },
  ];
};
