import { describe, expect, it } from "vitest";
import { columnFindings, isMediaLike } from "./column-findings.ts";
import { datedTable } from "../../tests/support/dated-tables.ts";

describe("columnFindings", () => {
  it("names missing, all-zero and constant columns, media-like or not, used or not", () => {
    const data = datedTable(
      ["revenue", "tv_S", "radio", "TV_IS_ON", "currency", "empty", "COUNTRY"],
      [
        ["2024-01-01", 10, 0, 0, 1, "EUR", null, "DE"],
        ["2024-01-08", 12, 0, 0, 1, "EUR", null, "DE"],
        ["2024-01-15", 11, 0, null, 1, "EUR", null, "DE"], // a missing cell does not make a column vary
      ],
    );
    const findings = columnFindings(data, {
      skip: new Set(["COUNTRY"]),
      protectedColumns: new Set(["revenue", "tv_S", "radio"]),
      mediaColumns: new Set(["radio"]),
    });
    expect(findings).toEqual([
      { column: "tv_S", finding: "all_zero", value: 0, mediaLike: true, usedByModel: true },
      { column: "radio", finding: "all_zero", value: 0, mediaLike: true, usedByModel: true },
      { column: "TV_IS_ON", finding: "constant", value: 1, mediaLike: false, usedByModel: false },
      { column: "currency", finding: "constant", value: "EUR", mediaLike: false, usedByModel: false },
      { column: "empty", finding: "all_missing", value: null, mediaLike: false, usedByModel: false },
    ]);
  });

  it("recognises media by Robyn's suffixes and common words", () => {
    const none = new Set<string>();
    expect(
      ["tv_S", "facebook_I", "search_clicks_P", "Meta Spend", "yt_impressions", "COST"].every((c) =>
        isMediaLike(c, none),
      ),
    ).toBe(true);
    expect(["revenue", "competitor_sales_B", "newsletter", "price"].some((c) => isMediaLike(c, none))).toBe(
      false,
    );
  });
});
