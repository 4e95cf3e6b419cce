import { describe, expect, it } from "vitest";
import { allocationChartData, allocationCsv, allocationCsvName } from "./allocation-export.ts";
import type { AllocationView } from "./allocation-view.ts";

const view: AllocationView = {
  file: "output/allocator/1_2_3_max_response.json",
  scenario: "max_response",
  interval: "week",
  rows: [
    {
      channel: "tv_S",
      initSpend: 1000,
      optmSpend: 1500,
      initResponse: 3000,
      optmResponse: 3900,
      lift: 0.3,
      excluded: null,
    },
    {
      channel: "ooh, print",
      initSpend: 0.4,
      optmSpend: 0,
      initResponse: 1,
      optmResponse: 0,
      lift: -1,
      excluded: "zero_spend",
    },
  ],
  bindingBounds: [],
  totals: { initSpend: 1000.4, optmSpend: 1500, initResponse: 3001, optmResponse: 3900, lift: 0.3 },
};

describe("allocation exports", () => {
  it("writes a CSV with worded columns, the currency on spend, and quoted names", () => {
    expect(allocationCsvName(view)).toBe("allocation_max_response.csv");
    expect(allocationCsv(view, "EUR")).toBe(
      "channel,spend per week now (EUR),spend per week optimised (EUR),response per week now," +
        "response per week optimised,response change,excluded\n" +
        "tv_S,1000,1500,3000,3900,0.3,\n" +
        '"ooh, print",0.4,0,1,0,-1,zero_spend\n',
    );
    expect(allocationCsv(view).split("\n")[0]).toContain("spend per week now,");
  });

  it("gives the chart one value per channel for each of the four bars", () => {
    expect(allocationChartData(view)).toEqual({
      channels: ["tv_S", "ooh, print"],
      interval: "week",
      initSpend: [1000, 0.4],
      optmSpend: [1500, 0],
      initResponse: [3000, 1],
      optmResponse: [3900, 0],
    });
  });
});
