import { describe, expect, it } from "vitest";
import { allocationFiles, allocationView } from "./allocation-view.ts";

describe("allocation views", () => {
  it("finds a model's allocation files and reads Robyn's names, tolerating missing fields", () => {
    const files = [
      "output/allocator/1_2_3_max_response.json",
      "output/allocator/1_2_3_max_response.csv",
      "output/allocator/1_2_30_max_response.json",
    ];
    expect(allocationFiles(files, "1_2_3")).toEqual(["output/allocator/1_2_3_max_response.json"]);
    const text = JSON.stringify({
      scenario: "max_response",
      dateRange: { from: "2016-01-04", to: "2018-12-31", periods: 157 },
      rows: [
        {
          channels: "tv_S",
          initSpendUnit: 10,
          optmSpendUnit: 12,
          initResponseUnit: 30,
          optmResponseUnit: 33,
          optmResponseUnitLift: 0.1,
          excluded: null,
        },
      ],
      totals: {
        initSpendTotal: 1570,
        optmSpendTotal: 1570,
        initResponseTotal: 4710,
        optmResponseTotal: 5181,
        optmResponseUnitTotalLift: "Inf",
      },
    });
    const view = allocationView("f.json", text)!;
    expect(view.rows).toEqual([
      {
        channel: "tv_S",
        initSpend: 10,
        optmSpend: 12,
        initResponse: 30,
        optmResponse: 33,
        lift: 0.1,
        excluded: null,
      },
    ]);
    expect(view.totals.lift).toBeNaN();
    expect(view.dateRange?.periods).toBe(157);
    expect(allocationView("f.json", "{broken")).toBeUndefined();
  });
});
