/**
 * Reads the hyperparameters of a single model (`mmm fit`, Robyn's fixed-hyperparameter runs) from the
 * spec's `hyperparameters` object: every media hyperparameter a single number, `lambda` the absolute ridge
 * penalty, `train_size` when time-series validation is on, and penalty factors (`<column>_penalty`, every
 * model column) when any is given, as Robyn's `dt_hyper_fixed` carries them with `add_penalty_factor`.
 */
import { invalidInput } from "../../common/errors.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import {
  checkHyperparameterLimit,
  hyperparameterNames,
  kindOf,
  penaltyName,
  type MediaHyperparameters,
  type ModelHyperparameters,
} from "./hyperparameters.ts";

export type HyperparameterValues = Readonly<Record<string, number | readonly [number, number]>>;

export function fixedHyperparameters(
  values: HyperparameterValues,
  input: ModelInput,
  tsValidation: boolean,
): ModelHyperparameters {
  const expected = hyperparameterNames(
    input.adstock,
    input.media.map((m) => m.name),
  );
  const penaltyNames = input.regressors.map((r) => penaltyName(r.name));
  const allowed = new Set([...expected, "lambda", "train_size", ...penaltyNames]);
  const unknown = Object.keys(values).filter((name) => !allowed.has(name));
  if (unknown.length > 0) {
    throw invalidInput(
      `hyperparameters.${unknown[0]}`,
      `hyperparameters has entries that match no medium of this ${input.adstock} model: ${unknown.join(", ")}. ` +
        `Expected names are ${expected.join(", ")}, lambda and train_size.`,
    );
  }
  const single = (name: string): number => {
    const value = values[name];
    if (value === undefined) {
      throw invalidInput(
        `hyperparameters.${name}`,
        `hyperparameters.${name} is missing: a single model needs a value for every hyperparameter.`,
      );
    }
    if (typeof value !== "number") {
      throw invalidInput(
        `hyperparameters.${name}`,
        `hyperparameters.${name} is a range [${value.join(", ")}]: fitting one model needs a single value. Use \`mmm train\` to search ranges.`,
      );
    }
    const kind = kindOf(name);
    if (kind) checkHyperparameterLimit(name, kind, value);
    return value;
  };

  const media: MediaHyperparameters[] = input.media.map(({ name }) => {
    const geometric = input.adstock === "geometric";
    return {
      alpha: single(`${name}_alphas`),
      gamma: single(`${name}_gammas`),
      theta: geometric ? single(`${name}_thetas`) : 0,
      shape: geometric ? 0 : single(`${name}_shapes`),
      scale: geometric ? 0 : single(`${name}_scales`),
    };
  });
  const lambda = single("lambda");
  if (!(lambda >= 0))
    throw invalidInput(
      "hyperparameters.lambda",
      `hyperparameters.lambda is ${lambda}: the ridge penalty must be zero or positive.`,
    );
  let trainSize = 1;
  if (tsValidation) {
    trainSize = single("train_size");
    checkHyperparameterLimit("train_size", "train_size", trainSize);
  }
  const penalised = penaltyNames.some((name) => values[name] !== undefined);
  const penalty = penalised
    ? Float64Array.from(penaltyNames, (name) => {
        const factor = single(name);
        if (!(factor >= 0 && factor <= 1))
          throw invalidInput(
            `hyperparameters.${name}`,
            `hyperparameters.${name} is ${factor}: a penalty factor lies in [0, 1] (0: not penalised).`,
          );
        return factor;
      })
    : undefined;
  return { media, lambda, trainSize, ...(penalty ? { penalty } : {}) };
}
