import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { readCsvColumns } from "../../common/csv-columns.ts";
import { dataPageData } from "./data-page-data.ts";

const csv = readCsvColumns(
  [
    "DATE,revenue,tv_S,search_S,events",
    "2016-01-11,100,10,1,na",
    "2016-01-04,90,8,2,na",
    "2016-01-18,120,12,4,event1",
    "2016-01-25,95,7,3,na",
    "2016-02-01,130,15,1,na",
    "2016-02-08,80,5,5,na",
    "2015-12-28,70,4,2,na",
  ].join("\n"),
);
const spec = parseRunSpec({
  country: "DE",
  date_var: "DATE",
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S", "search_S"],
  context_vars: ["events"],
  factor_vars: ["events"],
  window_start: "2016-01-01",
});

describe("dataPageData", () => {
  it("describes every column and orders spend by date", () => {
    const data = dataPageData(csv, spec);
    expect(data.columns.map((c) => [c.name, c.type])).toEqual([
      ["DATE", "date"],
      ["revenue", "number"],
      ["tv_S", "number"],
      ["search_S", "number"],
      ["events", "text"],
    ]);
    expect(data.dateColumn).toBe("DATE");
    expect(data.spend.dates[0]).toBe("2015-12-28");
    expect(data.spend.series.map((s) => [s.name, s.values[0]])).toEqual([
      ["tv_S", 4],
      ["search_S", 2],
    ]);
  });

  it("measures collinearity of the numeric regressors inside the window and says what it skipped", () => {
    const data = dataPageData(csv, spec);
    expect(data.regressors).toMatchObject({
      ok: true,
      names: ["tv_S", "search_S"],
      rows: 6,
      skipped: ["events"],
    });
    if (data.regressors.ok) expect(data.regressors.vif[0]).toBeGreaterThanOrEqual(1);
  });

  it("explains why it cannot measure collinearity", () => {
    const one = parseRunSpec({ ...spec, paid_media_spends: ["tv_S"], context_vars: [], factor_vars: [] });
    expect(dataPageData(csv, one).regressors).toEqual({
      ok: false,
      reason: "Collinearity needs at least two numeric regressors.",
    });
  });
});
