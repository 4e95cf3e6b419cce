import { describe, expect, it } from "vitest";
import { symmetricEigen } from "./symmetric-eigen.ts";

describe("symmetricEigen", () => {
  it("satisfies A·v = λ·v and VᵀV = I", () => {
    const k = 4;
    const a = Float64Array.from([4, 1, 0.5, 0, 1, 3, 0.2, 0.1, 0.5, 0.2, 2, 0.3, 0, 0.1, 0.3, 1]);
    const { values, vectors } = symmetricEigen(a, k);
    for (let m = 0; m < k; m++) {
      for (let i = 0; i < k; i++) {
        let av = 0;
        for (let j = 0; j < k; j++) av += a[i * k + j]! * vectors[j * k + m]!;
        expect(av).toBeCloseTo(values[m]! * vectors[i * k + m]!, 10);
      }
      for (let n = 0; n < k; n++) {
        let dot = 0;
        for (let i = 0; i < k; i++) dot += vectors[i * k + m]! * vectors[i * k + n]!;
        expect(dot).toBeCloseTo(m === n ? 1 : 0, 10);
      }
    }
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(10, 10);
  });
});
