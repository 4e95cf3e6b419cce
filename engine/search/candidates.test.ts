import { describe, expect, it } from "vitest";
import { candidateIterations, solIdOf } from "./candidates.ts";
import type { CandidateTable } from "./run-search.ts";

/** A table of 2 trials × 6 iterations searched in steps of 3 (Robyn's iterNG 1–2, iterPar 1–3). */
function table(): CandidateTable {
  const iterations = 6;
  const trials = 2;
  const count = iterations * trials;
  const index = Array.from({ length: count }, (_, i) => i);
  return {
    count,
    iterations,
    trials,
    dimension: 0,
    width: 0,
    trial: Int32Array.from(index, (i) => Math.floor(i / iterations) + 1),
    iterNG: Int32Array.from(index, (i) => Math.floor((i % iterations) / 3) + 1),
    iterPar: Int32Array.from(index, (i) => (i % 3) + 1),
    units: new Float64Array(0),
    rows: new Float64Array(0),
  };
}

describe("candidate iterations", () => {
  it("numbers each candidate 1 to the iterations asked for within its trial, not by optimiser step", () => {
    const t = table();
    expect([...candidateIterations(t)]).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    expect(Math.max(...t.iterNG)).toBe(2);
    expect(solIdOf(t, 7)).toBe("2_1_2");
  });
});
