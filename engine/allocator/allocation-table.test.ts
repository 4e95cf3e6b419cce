import { describe, expect, it } from "vitest";
import { allocateBudget, type AllocationResult } from "./allocate.ts";
import { allocationTableCsv, allocationToJson, ROW_COLUMNS, TOTAL_COLUMNS } from "./allocation-table.ts";

function result(): AllocationResult {
  return allocateBudget({
    scenario: "max_response",
    depVarType: "revenue",
    periods: 4,
    channels: [
      { name: "tv_S", coef: 500_000, alpha: 0.9, inflexion: 60_000, carryover: 15_000, initialSpend: 16_000 },
      { name: "print, local", coef: 0, alpha: 0.5, inflexion: 20_000, carryover: 1_000, initialSpend: 3_800 },
      {
        name: "facebook_S",
        coef: 250_000,
        alpha: 2.8,
        inflexion: 7_500,
        carryover: 300,
        initialSpend: 2_100,
      },
    ],
  });
}

describe("allocationTableCsv", () => {
  it("writes one row per channel with Robyn's column names and the run totals repeated", () => {
    const lines = allocationTableCsv(result()).trimEnd().split("\n");
    expect(lines[0]).toBe(
      ["dep_var_type", "scenario", ...ROW_COLUMNS, "excluded", ...TOTAL_COLUMNS].join(","),
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]!.startsWith("revenue,max_response,facebook_S,0.5,")).toBe(true);
    const header = lines[0]!.split(",");
    const print = lines.find((line) => line.includes('"print, local"'))!;
    // Quoted name holds a comma: split after it.
    const cells = print.replace('"print, local"', "print").split(",");
    expect(cells[header.indexOf("optmRoiUnit")]).toBe(""); // 0 / 0
    expect(cells[header.indexOf("initCpaUnit")]).toBe("Inf"); // spend / 0
    expect(cells[header.indexOf("excluded")]).toBe("zero_coef");
    expect(cells[header.indexOf("periods")]).toBe("4");
  });
});

describe("allocationToJson", () => {
  it("encodes NaN as null and infinities as strings, so JSON.stringify keeps every value", () => {
    const json = allocationToJson(result());
    const text = JSON.stringify(json);
    const back = JSON.parse(text) as { rows: Record<string, unknown>[]; totals: Record<string, unknown> };
    const print = back.rows.find((row) => row.channels === "print, local")!;
    expect(print.optmRoiUnit).toBeNull();
    expect(print.initCpaUnit).toBe("Inf");
    expect(print.excluded).toBe("zero_coef");
    expect(back.totals.periods).toBe(4);
    expect(Object.keys(back)).toEqual(
      expect.arrayContaining(["scenario", "rows", "totals", "excluded", "bounded", "unbounded", "target"]),
    );
  });
});
