/**
 * Poor fit: adjusted R² low or NRMSE high on the training rows. Such a model misses much of what moves the
 * response, and what it misses may be credited to media.
 */
import { formatPercent } from "../../report/format.ts";
import type { HealthCheck, HealthLevel } from "../health-finding.ts";

const RSQ_WARNING = 0.7;
const RSQ_PROBLEM = 0.5;
const NRMSE_WARNING = 0.12;
const NRMSE_PROBLEM = 0.2;

export const fitCheck: HealthCheck = ({ model }) => {
  const { rsq_train: rsq, nrmse_train: nrmse } = model;
  const level: HealthLevel =
    rsq < RSQ_PROBLEM || nrmse > NRMSE_PROBLEM
      ? "problem"
      : rsq < RSQ_WARNING || nrmse > NRMSE_WARNING
        ? "warning"
        : "ok";
  const numbers = `adjusted R² ${rsq.toFixed(2)}, NRMSE ${formatPercent(nrmse, 1)}`;
  if (level === "ok")
    return [{ check: "fit", level, message: `The model fits the history well (${numbers}).` }];
  return [
    {
      check: "fit",
      level,
      message:
        `The model fits the history ${level === "problem" ? "poorly" : "only moderately"} (${numbers}; aim for ` +
        `R² above ${RSQ_WARNING} and NRMSE below ${formatPercent(NRMSE_WARNING, 0)}). Try: add what else moves the response ` +
        "(promotions, price, distribution, competitor activity) as context variables, add `season` and `holiday` " +
        "to the Prophet variables, check the data for gaps or one-off spikes, and train with more iterations.",
    },
  ];
};
