/**
 * Intercept dropped: Robyn refits without the intercept when it comes out negative (the default
 * `intercept_sign: non_negative`). The base level then hides in trend or context terms, and the model
 * has no stable baseline.
 */
import type { HealthCheck } from "../health-finding.ts";

export const interceptCheck: HealthCheck = ({ model, intercept_requested }) => {
  if (!intercept_requested) return [];
  if (model.intercept_dropped) {
    return [
      {
        check: "intercept",
        level: "warning",
        message:
          "The model dropped its intercept because it came out negative: the base level of the response is " +
          "carried by trend or context variables instead. Look for a trend or context variable that grows " +
          "with the response and remove it, or prefer a Pareto model that keeps its intercept.",
      },
    ];
  }
  return [{ check: "intercept", level: "ok", message: "The model keeps its intercept (base level)." }];
};
