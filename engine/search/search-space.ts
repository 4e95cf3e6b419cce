/**
 * The hyperparameter search space (Robyn `hyper_collector`; method notes §4.1–4.2): every hyperparameter
 * with a `[lo, hi]` range is a searched dimension on the unit interval, mapped linearly to its range;
 * single values are fixed. Missing media ranges come from a preset (`default-ranges.ts`). `lambda` has
 * one meaning per form, in every path and both engines: a `[lo, hi]` pair is Robyn's share λ_hp in [0, 1]
 * of the data's lambda range (searched over [0, 1] when absent); a single number is the absolute ridge
 * penalty, as in Robyn's `dt_hyper_fixed`, its model JSON and `pareto_hyperparameters.csv`.
 * `train_size` is searched only with time-series validation. With `add_penalty_factor`, every model column
 * gets a penalty factor `<column>_penalty`, searched over [0, 1] unless given (Robyn 3.12.1).
 */
import { invalidInput } from "../../common/errors.ts";
import {
  checkHyperparameterLimit,
  compareNames,
  kindOf,
  mediaHyperparameterSuffixes,
  penaltyName,
  type ModelHyperparameters,
} from "../model/hyperparameters.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import { DEFAULT_TRAIN_SIZE, defaultRange, type HyperparameterPreset } from "./default-ranges.ts";

export interface SearchDimension {
  name: string;
  lo: number;
  hi: number;
}

export interface SearchSpaceOptions {
  hyperparameters: Readonly<Record<string, number | readonly [number, number]>>;
  preset: HyperparameterPreset;
  tsValidation: boolean;
  /** Robyn's `add_penalty_factor`. */
  addPenaltyFactor?: boolean;
}

export class SearchSpace {
  /** Searched dimensions: media hyperparameters in sorted name order, train_size, lambda, penalties. */
  readonly dimensions: SearchDimension[];
  /** Every hyperparameter value that is not searched. */
  readonly fixed: Record<string, number>;
  /** All hyperparameter names in output order (media sorted, train_size, lambda, penalty factors). */
  readonly names: string[];
  private readonly lambdaIndex: number;
  private readonly penaltyCount: number;
  /** Where each name's value comes from: the index of its dimension, or −1 for a fixed value. */
  private readonly source: Int32Array;
  private readonly slots: { media: number; field: keyof ModelHyperparameters["media"][number] }[];

  constructor(
    readonly input: ModelInput,
    options: SearchSpaceOptions,
  ) {
    const given = options.hyperparameters;
    const suffixes = mediaHyperparameterSuffixes(input.adstock);
    const mediaNames = input.media
      .flatMap((m) => suffixes.map((suffix) => `${m.name}_${suffix}`))
      .sort(compareNames);
    const penaltyNames = options.addPenaltyFactor ? input.regressors.map((r) => penaltyName(r.name)) : [];
    const allowed = new Set([...mediaNames, "lambda", "train_size", ...penaltyNames]);
    const unknown = Object.keys(given).filter((name) => !allowed.has(name));
    if (unknown.length > 0) {
      const penaltyHint =
        !options.addPenaltyFactor && unknown.some((name) => name.endsWith("_penalty"))
          ? " Penalty factors need add_penalty_factor: true."
          : "";
      throw invalidInput(
        `hyperparameters.${unknown[0]}`,
        `hyperparameters has entries that match no medium of this ${input.adstock} model: ${unknown.join(", ")}. ` +
          `Expected names like ${mediaNames.slice(0, 3).join(", ")}, …, lambda and train_size.${penaltyHint}`,
      );
    }

    const ranges = new Map<string, number | readonly [number, number]>();
    for (const name of mediaNames) {
      const kind = kindOf(name)!;
      const media = name.slice(0, -kind.length - 1);
      ranges.set(
        name,
        given[name] ?? defaultRange(options.preset, media, kind, input.adstock, input.interval.type),
      );
    }
    ranges.set("train_size", options.tsValidation ? (given.train_size ?? DEFAULT_TRAIN_SIZE) : 1);
    ranges.set("lambda", given.lambda ?? [0, 1]);
    for (const name of penaltyNames) ranges.set(name, given[name] ?? [0, 1]);

    this.dimensions = [];
    this.fixed = {};
    this.names = [...mediaNames, "train_size", "lambda", ...penaltyNames];
    this.lambdaIndex = mediaNames.length + 1;
    this.penaltyCount = penaltyNames.length;
    this.source = new Int32Array(this.names.length);
    this.names.forEach((name, i) => {
      const value = ranges.get(name)!;
      const kind = name === "lambda" ? undefined : name === "train_size" ? "train_size" : kindOf(name);
      const check = (v: number) => {
        if (kind) checkHyperparameterLimit(name, kind, v);
        else if (name === "lambda" && (v < 0 || v > 1)) {
          throw invalidInput(
            "hyperparameters.lambda",
            `hyperparameters.lambda is [${(value as readonly number[]).join(", ")}]: a range is Robyn's share of the data's lambda ` +
              `range and must lie in [0, 1]. To fix the absolute ridge penalty, give one number.`,
          );
        } else if (name !== "lambda" && !(v >= 0 && v <= 1)) {
          throw invalidInput(
            `hyperparameters.${name}`,
            `hyperparameters.${name} is ${v}: a penalty factor lies in [0, 1] (0: not penalised).`,
          );
        }
      };
      if (typeof value === "number") {
        if (name !== "lambda") check(value);
        else if (!(value >= 0)) {
          throw invalidInput(
            "hyperparameters.lambda",
            `hyperparameters.lambda is ${value}: a single number is the absolute ridge penalty and must be zero or positive.`,
          );
        }
        this.fixed[name] = value;
        this.source[i] = -1;
        return;
      }
      const [lo, hi] = value;
      if (hi < lo) {
        throw invalidInput(
          `hyperparameters.${name}`,
          `hyperparameters.${name} is [${lo}, ${hi}]: the lower end must not exceed the upper end.`,
        );
      }
      check(lo);
      check(hi);
      if (lo === hi) {
        // An empty range is a fixed value of the range's kind: for lambda still a share.
        this.fixed[name] = name === "lambda" ? this.lambdaFromShare(lo, input) : lo;
        this.source[i] = -1;
        return;
      }
      this.source[i] = this.dimensions.length;
      this.dimensions.push({ name, lo, hi });
    });
    const fieldOf = {
      alphas: "alpha",
      gammas: "gamma",
      thetas: "theta",
      shapes: "shape",
      scales: "scale",
    } as const;
    this.slots = mediaNames.map((name) => {
      const kind = kindOf(name)!;
      const media = input.media.findIndex((m) => `${m.name}_${kind}` === name);
      return { media, field: fieldOf[kind] };
    });
  }

  get dimension(): number {
    return this.dimensions.length;
  }

  /** The value of hyperparameter `i` (in `names` order) for the unit vector at `unit[offset…]`. */
  valueOf(i: number, unit: Float64Array, offset = 0): number {
    const d = this.source[i]!;
    if (d < 0) return this.fixed[this.names[i]!]!;
    const { lo, hi } = this.dimensions[d]!;
    return lo + unit[offset + d]! * (hi - lo);
  }

  /** Robyn's absolute λ from its share λ_hp: λ_min + (λ_max − λ_min)·λ_hp. */
  lambdaFromShare(share: number, input: ModelInput = this.input): number {
    const lambdaMin = input.lambdaMax * input.lambdaMinRatio;
    return lambdaMin + (input.lambdaMax - lambdaMin) * share;
  }

  /** The absolute λ of the unit vector at `unit[offset…]`: the fixed penalty, or the searched share mapped. */
  lambdaOf(unit: Float64Array, offset = 0): number {
    const i = this.lambdaIndex;
    return this.source[i]! < 0 ? this.fixed.lambda! : this.lambdaFromShare(this.valueOf(i, unit, offset));
  }

  /** λ_hp, Robyn's share of the lambda range, of the unit vector at `unit[offset…]` (outputs report it). */
  lambdaShareOf(unit: Float64Array, offset = 0): number {
    const i = this.lambdaIndex;
    if (this.source[i]! >= 0) return this.valueOf(i, unit, offset);
    const lambdaMin = this.input.lambdaMax * this.input.lambdaMinRatio;
    return (this.fixed.lambda! - lambdaMin) / (this.input.lambdaMax - lambdaMin);
  }

  /** True when nothing is searched: the spec describes exactly one model (Robyn's `all_fixed`). */
  get allFixed(): boolean {
    return this.dimensions.length === 0;
  }

  /** Fills `out` with the model hyperparameters of the unit vector at `unit[offset…]`. */
  toHyperparameters(unit: Float64Array, offset: number, out: ModelHyperparameters): void {
    const mediaCount = this.slots.length;
    for (let i = 0; i < mediaCount; i++) {
      const slot = this.slots[i]!;
      out.media[slot.media]![slot.field] = this.valueOf(i, unit, offset);
    }
    out.trainSize = this.valueOf(mediaCount, unit, offset);
    out.lambda = this.lambdaOf(unit, offset);
    for (let j = 0; j < this.penaltyCount; j++)
      out.penalty![j] = this.valueOf(this.lambdaIndex + 1 + j, unit, offset);
  }

  /** A hyperparameter object of the right shape, to be filled by `toHyperparameters`. */
  createHyperparameters(): ModelHyperparameters {
    return {
      media: this.input.media.map(() => ({ alpha: 0, gamma: 0, theta: 0, shape: 0, scale: 0 })),
      lambda: 0,
      trainSize: 1,
      ...(this.penaltyCount > 0 ? { penalty: new Float64Array(this.penaltyCount) } : {}),
    };
  }
}
