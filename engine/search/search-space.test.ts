import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../data/csv.ts";
import { buildModelInput } from "../model-input/model-input.ts";
import { DEMO_DATA_FILE, DEMO_HYPERPARAMETERS, DEMO_MODEL_SETTINGS } from "../../tests/fixtures/demo-spec.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { SearchSpace } from "./search-space.ts";

const input = buildModelInput(parseCsv(readFileSync(DEMO_DATA_FILE, "utf8")), DEMO_MODEL_SETTINGS);
const lambdaMin = input.lambdaMax * input.lambdaMinRatio;
const FIXED_MEDIA = Object.fromEntries(
  Object.entries(DEMO_HYPERPARAMETERS).map(([name, [lo, hi]]) => [name, (lo + hi) / 2]),
);

function space(hyperparameters: Record<string, number | readonly [number, number]>): SearchSpace {
  return new SearchSpace(input, { hyperparameters, preset: "robyn_recommended", tsValidation: false });
}

function lambdaAt(s: SearchSpace, unit: number[]): number {
  const out = s.createHyperparameters();
  s.toHyperparameters(Float64Array.from(unit), 0, out);
  return out.lambda;
}

describe("lambda: a pair is Robyn's share range, a single number the absolute penalty", () => {
  it("maps a searched share onto the data's lambda range", () => {
    const s = space({ ...DEMO_HYPERPARAMETERS, lambda: [0.2, 0.6] });
    const unit = new Array<number>(s.dimension).fill(0.5);
    expect(lambdaAt(s, unit)).toBeCloseTo(lambdaMin + (input.lambdaMax - lambdaMin) * 0.4, 9);
    expect(s.lambdaShareOf(Float64Array.from(unit))).toBeCloseTo(0.4, 15);
  });

  it("uses a single number as the penalty itself, in a search too, and reports its share", () => {
    const s = space({ ...DEMO_HYPERPARAMETERS, lambda: 12_345 });
    expect(s.dimensions.map((d) => d.name)).not.toContain("lambda");
    const unit = new Float64Array(s.dimension).fill(0.3);
    expect(lambdaAt(s, [...unit])).toBe(12_345);
    expect(s.lambdaShareOf(unit)).toBeCloseTo((12_345 - lambdaMin) / (input.lambdaMax - lambdaMin), 15);
  });

  it("reads an empty share range as that share, not as a penalty", () => {
    const s = space({ ...DEMO_HYPERPARAMETERS, lambda: [0.25, 0.25] });
    expect(lambdaAt(s, new Array<number>(s.dimension).fill(0.5))).toBeCloseTo(
      lambdaMin + (input.lambdaMax - lambdaMin) * 0.25,
      9,
    );
  });

  it("refuses a share range outside [0, 1] and a negative penalty, naming the field", () => {
    expect(
      expectInvalidInput(() => space({ lambda: [0, 5000] }), "hyperparameters.lambda").message,
    ).toContain("give one number");
    expect(expectInvalidInput(() => space({ lambda: -1 }), "hyperparameters.lambda").message).toContain(
      "must be zero or positive",
    );
  });

  it("is all fixed only when every hyperparameter, lambda included, is one number", () => {
    expect(space({ ...FIXED_MEDIA, lambda: 10 }).allFixed).toBe(true);
    expect(space(FIXED_MEDIA).allFixed).toBe(false);
    expect(space({ ...FIXED_MEDIA, tv_S_alphas: [0.5, 1], lambda: 10 }).allFixed).toBe(false);
  });
});
