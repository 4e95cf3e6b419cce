/**
 * Lift-study errors, per study: what the experiment measured against what the model says for the same
 * channel and weeks. A model far from an experiment contradicts the best evidence there is.
 */
import { formatCompact, formatSignedPercent } from "../../report/format.ts";
import type { HealthCheck, HealthLevel } from "../health-finding.ts";

const ERROR_WARNING = 0.25;
const ERROR_PROBLEM = 0.5;

export const liftStudyCheck: HealthCheck = ({ lift_studies, dep_var }) =>
  lift_studies.map((reading) => {
    const error = (reading.predicted - reading.measured) / reading.measured;
    const size = Math.abs(error);
    const level: HealthLevel = size > ERROR_PROBLEM ? "problem" : size > ERROR_WARNING ? "warning" : "ok";
    const numbers =
      `the experiment measured ${formatCompact(reading.measured)} ${dep_var}, the model says ` +
      `${formatCompact(reading.predicted)} (${formatSignedPercent(error, 0)})`;
    return {
      check: "lift_study",
      level,
      message:
        level === "ok"
          ? `Lift study ${reading.study}: ${numbers}.`
          : `Lift study ${reading.study}: ${numbers}. The model ${level === "problem" ? "contradicts" : "strays from"} ` +
            "the experiment: check the study's dates, spend and measured lift, raise its confidence if it is " +
            "solid, or pick a Pareto model with a lower MAPE.",
    };
  });
