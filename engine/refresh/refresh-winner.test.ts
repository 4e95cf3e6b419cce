import { describe, expect, it } from "vitest";
import { refreshWinner } from "./refresh-winner.ts";

describe("refreshWinner", () => {
  it("picks the Pareto model with the lowest DECOMP.RSSD, the first on a tie", () => {
    const models = [0.3, 0.1, 0.2, 0.1].map((rssd, i) => ({ id: i, record: { "decomp.rssd": rssd } }));
    expect(refreshWinner(models)?.id).toBe(1);
    expect(refreshWinner([])).toBeUndefined();
  });
});
