import { describe, expect, it } from "vitest";
import { cadenceText, parseDate, profileColumn } from "./column-profile.ts";

describe("parseDate", () => {
  it("reads ISO dates and date-times, and refuses impossible dates", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2024/03/01")).toBe("2024-03-01");
    expect(parseDate("2024-03-01T12:00:00Z")).toBe("2024-03-01");
    expect(parseDate("2024-03-01 00:00:00")).toBe("2024-03-01");
    expect(parseDate("2023-02-29")).toBeUndefined();
    expect(parseDate("01.03.2024")).toBeUndefined();
    expect(parseDate("event1")).toBeUndefined();
  });
});

describe("profileColumn", () => {
  it("describes numbers", () => {
    const p = profileColumn(Object.freeze([3, null, -1, 2.5, 3]));
    expect(p).toMatchObject({
      kind: "number",
      rows: 5,
      missing: 1,
      distinct: 3,
      min: -1,
      max: 3,
      negatives: 1,
    });
    expect(p.firstNegativeRow).toBe(2);
    expect(p.wholeShare).toBe(0.75);
    expect(p.binary).toBe(false);
    expect(p.constant).toBeUndefined();
  });

  it("recognises 0/1 switches and constants", () => {
    expect(profileColumn([0, 1, 1, 0]).binary).toBe(true);
    expect(profileColumn([1, 1, null]).constant).toBe(1);
    expect(profileColumn([null, ""]).kind).toBe("empty");
  });

  it("recognises date columns and their cadence, tolerating a stray text", () => {
    const dates = Array.from({ length: 40 }, (_, i) =>
      new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10),
    );
    const p = profileColumn([...dates, "n/a"]);
    expect(p).toMatchObject({ kind: "date", firstDate: "2024-01-01", lastDate: dates.at(-1), stepDays: 7 });
    expect(profileColumn(["2024-01-01", "x"]).kind).toBe("text");
    expect(profileColumn(["a", 1]).kind).toBe("mixed");
  });

  it("names cadences", () => {
    expect([1, 7, 30, 14, undefined].map(cadenceText)).toEqual([
      "daily",
      "weekly",
      "monthly",
      "every 14 days",
      "",
    ]);
  });
});
