import { describe, expect, it } from "vitest";
import { applyPreparedColumns } from "./prepared-columns.ts";

const table = {
  columns: ["DATE", "revenue", "fb_prospecting_S", "fb_retargeting_S", "tv_S", "noise"],
  data: {
    DATE: ["2024-01-01", "2024-01-08", "2024-01-15"],
    revenue: [100, 120, 90],
    fb_prospecting_S: [10, null, null],
    fb_retargeting_S: [5, 7, null],
    tv_S: [1, 2, 3],
    noise: ["a", "b", "c"],
  },
};

describe("applyPreparedColumns", () => {
  it("keeps the named columns in table order and appends each derived sum", () => {
    const out = applyPreparedColumns(table, {
      keep: ["tv_S", "revenue", "DATE"],
      derived: [{ name: "facebook_S", sum: ["fb_prospecting_S", "fb_retargeting_S"] }],
    });
    expect(out.columns).toEqual(["DATE", "revenue", "tv_S", "facebook_S"]);
    // Missing parts are left out of the sum; a row with no part present stays missing.
    expect(out.data.facebook_S).toEqual([15, 7, null]);
    expect(out.data.tv_S).toEqual([1, 2, 3]);
    expect(out.data.noise).toBeUndefined();
  });

  it("may derive from columns it does not keep, and leaves the input as it was", () => {
    const out = applyPreparedColumns(table, {
      keep: ["DATE", "revenue"],
      derived: [{ name: "paid_total_S", sum: ["tv_S", "fb_retargeting_S"], tag: "paid" }],
    });
    expect(out.data.paid_total_S).toEqual([6, 9, 3]);
    expect(table.columns).toHaveLength(6);
  });
});
