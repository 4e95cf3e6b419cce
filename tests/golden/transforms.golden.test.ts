/**
 * B1: adstock and saturation against Robyn's own vectors (golden README, `b1_transforms.json`).
 * Tolerance: 1e-12 relative (closed forms; a few ulps times the length). Weibull CDF tails are compared
 * against an absolute tolerance of 1e-12 of the series maximum, because Robyn's `1 − pweibull` weights lose
 * their relative precision below ~1e-16 (README quirk 9).
 */
import { describe, it } from "vitest";
import {
  convolveDecay,
  geometricAdstock,
  inflation,
  weibullCdfWeights,
  weibullPdfWeights,
  weibullScalePeriods,
} from "../../engine/transform/adstock.ts";
import { hillInflexion, hillSaturate } from "../../engine/transform/saturation.ts";
import { loadGolden } from "./fixtures.ts";
import { assertClose, assertSeriesClose, maxAbs } from "./tolerance.ts";

interface GeometricCase {
  input: string;
  theta: number;
  x_decayed: number[];
  inflation_total: number;
  immediate: number[];
  carryover: number[];
}
interface WeibullCase {
  input: string;
  type: "cdf" | "pdf";
  shape: number;
  scale: number;
  windlen: number;
  scaleTrans: number;
  x_decayed: number[];
  thetaVecCum: number[];
  x_imme: number[];
  inflation_total: number | null;
  immediate: number[];
  carryover: number[];
}
interface HillCase {
  input: string;
  adstock_theta: number;
  alpha: number;
  gamma: number;
  x: number[];
  x_marginal: number[];
  inflexion: number;
  x_saturated: number[];
  x_saturated_marginal: number[];
  x_saturated_immediate: number[];
}
interface B1 {
  inputs: Record<string, number[]>;
  geometric: GeometricCase[];
  weibull: WeibullCase[];
  hill: HillCase[];
}

const b1 = loadGolden<B1>("b1_transforms.json");
const REL = { rel: 1e-12 };

describe("B1 geometric adstock (adstock_geometric)", () => {
  it.each(b1.geometric.map((c) => [`${c.input} θ=${c.theta}`, c] as const))("%s", (_name, c) => {
    const x = b1.inputs[c.input]!;
    const out = new Float64Array(x.length);
    geometricAdstock(x, c.theta, out);
    const label = `geometric ${c.input} θ=${c.theta}`;
    assertSeriesClose(out, c.x_decayed, REL, `${label} x_decayed`);
    assertSeriesClose(
      out.map((a, t) => a - x[t]!),
      c.carryover,
      { rel: 1e-12, abs: 1e-12 * maxAbs(c.x_decayed) },
      `${label} carryover`,
    );
    assertClose(inflation(x, out), c.inflation_total, REL, `${label} inflation`);
  });
});

describe("B1 Weibull adstock (adstock_weibull)", () => {
  it.each(b1.weibull.map((c) => [`${c.type} ${c.input} shape=${c.shape} scale=${c.scale}`, c] as const))(
    "%s",
    (_name, c) => {
      const x = b1.inputs[c.input]!;
      const n = x.length;
      const label = `weibull ${c.type} ${c.input} shape=${c.shape} scale=${c.scale}`;
      if (c.shape !== 0 && c.scale !== 0) {
        assertClose(weibullScalePeriods(c.scale, c.windlen), c.scaleTrans, { rel: 0 }, `${label} scaleTrans`);
      }
      const weights = new Float64Array(n);
      (c.type === "cdf" ? weibullCdfWeights : weibullPdfWeights)(c.shape, c.scale, n, weights);
      const weightTol = c.type === "cdf" ? { rel: 1e-12, abs: 1e-15 } : REL;
      assertSeriesClose(weights, c.thetaVecCum, weightTol, `${label} thetaVecCum`);
      const out = new Float64Array(n);
      convolveDecay(x, weights, out);
      const seriesTol = { rel: 1e-12, abs: 1e-12 * maxAbs(c.x_decayed) };
      assertSeriesClose(out, c.x_decayed, seriesTol, `${label} x_decayed`);
      const immediate = c.type === "pdf" ? x.map((v) => v * weights[0]!) : x;
      const expectedImmediate = c.shape === 0 || c.scale === 0 ? x : immediate;
      assertSeriesClose(expectedImmediate, c.immediate, seriesTol, `${label} immediate`);
      assertSeriesClose(
        out.map((a, t) => a - expectedImmediate[t]!),
        c.carryover,
        seriesTol,
        `${label} carryover`,
      );
      if (c.inflation_total !== null)
        assertClose(inflation(x, out), c.inflation_total, REL, `${label} inflation`);
    },
  );
});

describe("B1 Hill saturation (saturation_hill)", () => {
  it.each(b1.hill.map((c) => [`${c.input} θ=${c.adstock_theta} α=${c.alpha} γ=${c.gamma}`, c] as const))(
    "%s",
    (_name, c) => {
      const label = `hill ${c.input} θ=${c.adstock_theta} α=${c.alpha} γ=${c.gamma}`;
      const n = c.x.length;
      const inflexion = hillInflexion(c.x, c.gamma);
      assertClose(inflexion, c.inflexion, REL, `${label} inflexion`);
      const total = new Float64Array(n);
      const marginal = new Float64Array(n);
      hillSaturate(c.x, c.alpha, inflexion, total);
      hillSaturate(c.x_marginal, c.alpha, inflexion, marginal);
      assertSeriesClose(total, c.x_saturated, { rel: 1e-12, abs: 1e-15 }, `${label} x_saturated`);
      assertSeriesClose(marginal, c.x_saturated_marginal, { rel: 1e-12, abs: 1e-15 }, `${label} marginal`);
      assertSeriesClose(
        total.map((s, t) => s - marginal[t]!),
        c.x_saturated_immediate,
        { rel: 1e-12, abs: 1e-15 },
        `${label} immediate`,
      );
    },
  );
});
