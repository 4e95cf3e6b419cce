import { describe, expect, it } from "vitest";
import type { ModelRecord } from "../../model/model-record.ts";
import { fittedResidualPanel } from "./fitted-residual.ts";

describe("fittedResidualPanel", () => {
  it("lays out 200k periods without overflowing the stack (a huge input once crashed the one-pager)", () => {
    const n = 200_000; // Math.max(...xs) overflows from about 150k values on Node 20
    const depVarHat = Array.from({ length: n }, (_, i) => 1000 + i);
    const dep_var = depVarHat.map((fitted, i) => fitted + (i % 2 === 0 ? 3 : -4));
    // The panel reads only the series; its body (the drawing) is not called here.
    const record = { series: { depVarHat, dep_var } } as unknown as ModelRecord;
    const panel = fittedResidualPanel(record);
    expect(panel.title).toBe("Fitted vs. residual");
  });
});
