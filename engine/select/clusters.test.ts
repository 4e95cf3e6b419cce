import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MmmError } from "../../common/errors.ts";
import {
  bootstrapMeanInterval,
  chooseClusterCount,
  clusterBootstrapIntervals,
  clusterModels,
  normaliseFeatures,
  topModelPerCluster,
} from "./clusters.ts";
import { createRng } from "../search/rng.ts";
import { kMeans } from "../stats/kmeans.ts";
import { studentTQuantile } from "../stats/student-t.ts";

/** `count` rows of `dimensions` features scattered (±spread) around each centre. */
function blobs(centres: number[][], count: number, spread: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return centres.flatMap((centre) =>
    Array.from({ length: count }, () => Float64Array.from(centre, (c) => c + spread * (2 * rng.next() - 1))),
  );
}

/** Rows i and j are in the same cluster in one assignment exactly when they are in the other. */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < a.length; j++) if ((a[i] === a[j]) !== (b[i] === b[j])) return false;
  }
  return true;
}

describe("chooseClusterCount", () => {
  it("takes the largest k whose extra cluster still removes more than 6% of the total sum of squares", () => {
    // drops: 40%, 20%, 10%, 4%, 1% → k = 4
    expect(chooseClusterCount([100, 60, 40, 30, 26, 25])).toBe(4);
    // a late drop counts too (the rule is a max, not the first elbow)
    expect(chooseClusterCount([100, 60, 58, 57, 56, 49, 48])).toBe(6);
  });

  it("clamps to [kMin, kMax]", () => {
    expect(chooseClusterCount([100, 99, 98, 97])).toBe(3);
    const steady = Array.from({ length: 15 }, (_, i) => 100 - 6.5 * i);
    expect(chooseClusterCount(steady)).toBe(10);
    expect(chooseClusterCount(steady, { kMax: 12, kMin: 2, wssVar: 0.07 })).toBe(2);
  });
});

describe("kMeans", () => {
  const rows = blobs(
    [
      [0, 0],
      [10, 0],
      [0, 10],
    ],
    20,
    1,
    1,
  );

  it("finds well-separated groups and reports their within-cluster sum of squares", () => {
    const fit = kMeans(rows, 3, createRng(5));
    const truth = Int32Array.from(rows, (_, i) => Math.floor(i / 20));
    expect(samePartition(fit.assignment, truth)).toBe(true);
    let total = 0;
    rows.forEach((row, i) => {
      const centre = fit.centers[fit.assignment[i]!]!;
      total += (row[0]! - centre[0]!) ** 2 + (row[1]! - centre[1]!) ** 2;
    });
    expect(fit.totalWithinSs).toBeCloseTo(total, 10);
    expect(fit.withinSs.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 10);
    expect(fit.assignment[0]).toBe(0); // numbered by first appearance
  });

  it("repeats itself for the same seed", () => {
    const a = kMeans(rows, 5, createRng(9));
    const b = kMeans(rows, 5, createRng(9));
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(a.totalWithinSs).toBe(b.totalWithinSs);
  });

  it("never leaves a cluster empty and gives one cluster per row when k = n", () => {
    const few = rows.slice(0, 6);
    const fit = kMeans(few, 6, createRng(2));
    expect(new Set(fit.assignment).size).toBe(6);
    expect(fit.totalWithinSs).toBe(0);
  });
});

describe("normaliseFeatures", () => {
  it("scales each column to [0, 1] and sets constant columns to 1", () => {
    const out = normaliseFeatures([
      Float64Array.of(1, 5, 7),
      Float64Array.of(3, 5, 8),
      Float64Array.of(2, 5, 9),
    ]);
    expect(out.map((r) => Array.from(r))).toEqual([
      [0, 1, 0],
      [1, 1, 0.5],
      [0.5, 1, 1],
    ]);
  });

  it("refuses a column with some missing values, naming it", () => {
    expect(() =>
      normaliseFeatures(
        [Float64Array.of(1, Number.NaN), Float64Array.of(2, 3)],
        ["tv_S_alphas", "tv_S_gammas"],
      ),
    ).toThrow(/tv_S_gammas is missing or infinite for 1 of 2 models/);
    expect(() => normaliseFeatures([Float64Array.of(Number.NaN), Float64Array.of(2)])).toThrow(MmmError);
  });
});

describe("clusterModels", () => {
  const centres = [0, 1, 2].map((c) => Array.from({ length: 19 }, (_, j) => (j % 3 === c ? 1 : 0)));
  const rows = blobs(centres, 15, 0.05, 3);

  it("finds three groups of models in 19 features, with duplicates in the cluster of their original", () => {
    const withCopies = [...rows, rows[0]!.slice(), rows[20]!.slice()];
    const result = clusterModels(withCopies);
    expect(result.k).toBe(3);
    expect(result.distinctRows).toBe(45);
    expect(result.wss.length).toBe(30);
    const truth = Int32Array.from(withCopies, (_, i) => (i < 45 ? Math.floor(i / 15) : i === 45 ? 0 : 1));
    expect(samePartition(result.assignment, truth)).toBe(true);
    expect(result.centers.length).toBe(3);
  });

  it("uses a fixed k when given, capped at the number of distinct rows", () => {
    expect(clusterModels(rows, { k: 5 }).k).toBe(5);
    expect(clusterModels(rows.slice(0, 4), { k: 8 }).k).toBe(4);
    expect(() => clusterModels(rows, { k: 0 })).toThrow(MmmError);
    expect(clusterModels([]).k).toBe(0);
    expect(Array.from(clusterModels([rows[0]!, rows[0]!]).assignment)).toEqual([0, 0]);
  });

  it("is deterministic for a seed", () => {
    const a = clusterModels(rows, { seed: 7 });
    const b = clusterModels(rows, { seed: 7 });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(a.wss).toEqual(b.wss);
  });

  const randomFeatures = fc
    .tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 5 }))
    .chain(([n, d]) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: d, maxLength: d }), {
        minLength: n,
        maxLength: n,
      }),
    );

  it("gives the same clusters whatever the order of the models (same seed)", () => {
    fc.assert(
      fc.property(randomFeatures, fc.integer({ min: 0, max: 1000 }), (table, shift) => {
        const features = table.map((row) => Float64Array.from(row));
        const order = features.map((_, i) => (i + shift) % features.length).reverse();
        const a = clusterModels(features, { restarts: 3 });
        const b = clusterModels(
          order.map((i) => features[i]!),
          { restarts: 3 },
        );
        expect(b.k).toBe(a.k);
        expect(b.wss).toEqual(a.wss);
        order.forEach((i, position) => expect(b.assignment[position]).toBe(a.assignment[i]));
      }),
      { numRuns: 40 },
    );
  });

  it("keeps k within [kMin, kMax] (and at most the number of distinct rows)", () => {
    fc.assert(
      fc.property(
        randomFeatures,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (table, kMin, extra) => {
          const features = table.map((row) => Float64Array.from(row));
          const kMax = kMin + extra;
          const result = clusterModels(features, { kMin, kMax, restarts: 2 });
          expect(result.k).toBeLessThanOrEqual(Math.min(kMax, result.distinctRows));
          expect(result.k).toBeGreaterThanOrEqual(Math.min(kMin, result.distinctRows));
          expect(Math.max(...result.assignment) + 1).toBe(result.k);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("topModelPerCluster", () => {
  it("picks the lowest error score per cluster, the first on ties", () => {
    const assignment = Int32Array.of(0, 1, 0, 1, 2, 0);
    const scores = Float64Array.of(0.3, 0.2, 0.1, 0.2, 0.9, 0.1);
    expect(Array.from(topModelPerCluster(assignment, scores))).toEqual([2, 1, 4]);
  });
});

describe("bootstrapMeanInterval", () => {
  const values = Float64Array.of(1.2, 0.8, 1.5, 2.1, 0.9, 1.1, 1.7, 1.3);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;

  it("centres on the sample mean with half-width t(0.975, n−1)·se·√n", () => {
    const interval = bootstrapMeanInterval(values, createRng(1));
    const halfWidth = studentTQuantile(0.975, n - 1) * interval.boot_se * Math.sqrt(n);
    expect(interval.ci_up).toBeCloseTo(mean + halfWidth, 12);
    expect(interval.ci_low).toBeCloseTo(Math.max(0, mean - halfWidth), 12);
    expect(interval.boot_mean).toBeCloseTo(mean, 1);
  });

  it("has a bootstrap standard error close to the plug-in sd/√n", () => {
    const populationSd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
    const interval = bootstrapMeanInterval(values, createRng(2), 20_000);
    expect(interval.boot_se / (populationSd / Math.sqrt(n))).toBeCloseTo(1, 1);
  });

  it("floors the lower end at 0, is exact for constant values and repeats for a seed", () => {
    const wide = bootstrapMeanInterval(Float64Array.of(0.1, 5, 0.2, 0.1), createRng(3));
    expect(wide.ci_low).toBe(0);
    const constant = bootstrapMeanInterval(Float64Array.of(2, 2, 2), createRng(3));
    expect(constant).toEqual({ boot_mean: 2, boot_se: 0, ci_low: 2, ci_up: 2 });
    expect(bootstrapMeanInterval(values, createRng(4))).toEqual(bootstrapMeanInterval(values, createRng(4)));
  });

  it("gives NaN with fewer than two values", () => {
    const one = bootstrapMeanInterval(Float64Array.of(3), createRng(1));
    expect(one.boot_mean).toBe(3);
    expect(one.ci_low).toBeNaN();
    expect(bootstrapMeanInterval(new Float64Array(0), createRng(1)).boot_mean).toBeNaN();
  });
});

describe("clusterBootstrapIntervals", () => {
  it("covers clusters with at least 3 models, every channel, without non-finite values", () => {
    const assignment = Int32Array.of(0, 0, 0, 1, 1, 2, 2, 2, 2);
    const tv = Float64Array.of(1, 2, 3, 9, 9, 4, 5, Infinity, 6);
    const intervals = clusterBootstrapIntervals(assignment, [{ name: "tv_S", values: tv }]);
    expect(intervals.map((i) => [i.cluster, i.channel, i.n])).toEqual([
      [0, "tv_S", 3],
      [2, "tv_S", 3],
    ]);
    // Same seed for every interval, as Robyn's set.seed(1) in each call.
    const again = bootstrapMeanInterval(Float64Array.of(1, 2, 3), createRng(1));
    expect(intervals[0]).toEqual({ cluster: 0, channel: "tv_S", n: 3, ...again });
  });
});
