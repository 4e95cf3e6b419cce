/**
 * Holdout error when `ts_validation` is on: a model that predicts the held-out last weeks much worse than
 * it fits the training weeks has learnt noise, and its channel effects will not hold going forward.
 */
import { formatPercent } from "../../report/format.ts";
import type { HealthCheck, HealthLevel } from "../health-finding.ts";

/** Holdout NRMSE against training NRMSE (ratio) and on its own. */
const RATIO_WARNING = 1.5;
const RATIO_PROBLEM = 2.5;
const NRMSE_PROBLEM = 0.25;

export const holdoutCheck: HealthCheck = ({ model, ts_validation }) => {
  if (!ts_validation) return [];
  const { nrmse_test: test, nrmse_train: train, rsq_test: rsq } = model;
  if (test === null) return [];
  const ratio = test / train;
  const level: HealthLevel =
    ratio > RATIO_PROBLEM || test > NRMSE_PROBLEM || (rsq !== null && rsq < 0)
      ? "problem"
      : ratio > RATIO_WARNING
        ? "warning"
        : "ok";
  const numbers = `holdout NRMSE ${formatPercent(test, 1)} against ${formatPercent(train, 1)} in training`;
  if (level === "ok") {
    return [{ check: "holdout", level, message: `The model predicts the held-out weeks well (${numbers}).` }];
  }
  return [
    {
      check: "holdout",
      level,
      message:
        `The model predicts the held-out weeks ${level === "problem" ? "much " : ""}worse than it fits the ` +
        `training weeks (${numbers}): it may have learnt noise. Try a larger penalty (fewer free parameters), ` +
        "fewer context variables, or a Pareto model with a lower holdout error; check whether something new " +
        "happened in the last weeks (a launch, a price change) and add it as a context variable.",
    },
  ];
};
