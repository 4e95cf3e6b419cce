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
    const spec = { paid_media_spends: ["tv_S"], paid_media_vars: ["tv_S"] };
    const view = allocationView("f.json", text, spec)!;
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
    expect(allocationView("f.json", "{broken", spec)).toBeUndefined();
  });

  it("names channels by their spend columns, as the figures beside them are spend", () => {
    const spec = { paid_media_spends: ["tv_S", "facebook_S"], paid_media_vars: ["tv_S", "facebook_I"] };
    const text = JSON.stringify({
      rows: [{ channels: "facebook_I" }, { channels: "tv_S" }],
      bindingBounds: [{ channel: "facebook_I", side: "upper", binds: true }],
    });
    const view = allocationView("f.json", text, spec)!;
    expect(view.rows.map((r) => r.channel)).toEqual(["facebook_S", "tv_S"]);
    expect(view.bindingBounds.map((b) => b.channel)).toEqual(["facebook_S"]);
  });
});
