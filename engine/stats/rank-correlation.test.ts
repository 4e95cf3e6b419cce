import { describe, expect, it } from "vitest";
import { averageRanks, spearman } from "./rank-correlation.ts";

/** Brute force: a value's rank is 1 + the number below it + half the others equal to it. */
function bruteRanks(values: readonly number[]): number[] {
  return values.map(
    (v) => 1 + values.filter((w) => w < v).length + (values.filter((w) => w === v).length - 1) / 2,
  );
}

/** Pearson by the raw-sums formula (n Σxy − Σx Σy) / √((n Σx² − (Σx)²)(n Σy² − (Σy)²)). */
function rawPearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const s = (f: (i: number) => number) => x.reduce((acc, _, i) => acc + f(i), 0);
  const sx = s((i) => x[i]!);
  const sy = s((i) => y[i]!);
  const num = n * s((i) => x[i]! * y[i]!) - sx * sy;
  return num / Math.sqrt((n * s((i) => x[i]! ** 2) - sx ** 2) * (n * s((i) => y[i]! ** 2) - sy ** 2));
}

describe("averageRanks", () => {
  it("gives tied values the mean of the ranks they span", () => {
    expect([...averageRanks([10, 20, 20, 30])]).toEqual([1, 2.5, 2.5, 4]);
    expect([...averageRanks([3, 1, 3, 3, 0])]).toEqual([4, 2, 4, 4, 1]);
  });
});

describe("spearman", () => {
  it("is 1 − 6Σd²/(n(n² − 1)) without ties", () => {
    const x = [3, 8, 1, 9, 4, 7, 2];
    const y = [2, 9, 3, 8, 1, 6, 4];
    const rx = bruteRanks(x);
    const ry = bruteRanks(y);
    const d2 = rx.reduce((s, r, i) => s + (r - ry[i]!) ** 2, 0);
    expect(spearman(x, y)).toBeCloseTo(1 - (6 * d2) / (7 * (49 - 1)), 12);
  });

  it("is Pearson of brute-force average ranks with ties, over the complete rows", () => {
    const x = [0, 0, 0, 5, 5, 12, 7, Number.NaN, 3, 0];
    const y = [1, 4, 4, 9, 2, 10, 10, 100, Number.NaN, 3];
    const complete = x.flatMap((v, i) => (Number.isFinite(v) && Number.isFinite(y[i]) ? [i] : []));
    const expected = rawPearson(
      bruteRanks(complete.map((i) => x[i]!)),
      bruteRanks(complete.map((i) => y[i]!)),
    );
    expect(spearman(x, y)).toBeCloseTo(expected, 12);
  });

  it("is unchanged by a monotone transformation and undefined for a constant side", () => {
    const x = [1, 5, 2, 8, 3, 3];
    const y = [2, 3, 1, 9, 4, 5];
    expect(
      spearman(
        x.map((v) => Math.exp(v)),
        y,
      ),
    ).toBeCloseTo(spearman(x, y)!, 12);
    expect(spearman([2, 2, 2, 2], [1, 2, 3, 4])).toBeUndefined();
    expect(spearman([1], [1])).toBeUndefined();
  });
});
