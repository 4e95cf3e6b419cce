import { describe, expect, it } from "vitest";
import { resolveDateRange } from "./date-range.ts";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";

/** Twelve Mondays, 2018-10-01 .. 2018-12-17. */
const weeks = Object.freeze(
  Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2018, 9, 1 + 7 * i)).toISOString().slice(0, 10)),
);

describe("resolveDateRange", () => {
  it('resolves "all", "last" and "last_<n>" to the window\'s tail', () => {
    expect(resolveDateRange("all", weeks)).toMatchObject({ startIndex: 0, endIndex: 11, periods: 12 });
    expect(resolveDateRange("last", weeks)).toMatchObject({ startIndex: 11, endIndex: 11, periods: 1 });
    expect(resolveDateRange("last_4", weeks)).toMatchObject({
      startIndex: 8,
      endIndex: 11,
      periods: 4,
      dateMin: "2018-11-26",
      dateMax: "2018-12-17",
      notes: [],
    });
  });

  it("resolves one date and a [start, end] pair, both included", () => {
    expect(resolveDateRange("2018-10-15", weeks)).toMatchObject({ startIndex: 2, endIndex: 2, periods: 1 });
    expect(resolveDateRange(["2018-10-08", "2018-10-29"], weeks)).toMatchObject({
      startIndex: 1,
      endIndex: 4,
      periods: 4,
    });
  });

  it("moves a date inside the window to the closest period date (the earlier on a tie) and says so", () => {
    const range = resolveDateRange(["2018-10-10", "2018-10-25"], weeks);
    expect(range).toMatchObject({ startIndex: 1, endIndex: 3 }); // 10-10 → 10-08 (2 days); 10-25 → 10-22 (3 vs 4)
    expect(range.notes).toEqual([
      "date_range start 2018-10-10 is not a period date: using the closest one, 2018-10-08.",
      "date_range end 2018-10-25 is not a period date: using the closest one, 2018-10-22.",
    ]);
    expect(resolveDateRange("2018-10-04", weeks).startIndex).toBe(0); // 3 days from 10-01, 4 from 10-08
  });

  it("rejects dates outside the modelling window, naming the field and the window", () => {
    const before = mmmErrorOf(() => resolveDateRange(["2018-09-01", "2018-10-29"], weeks));
    expect(before.code).toBe("invalid_input");
    expect(before.field).toBe("date_range");
    expect(before.message).toBe(
      "date_range start 2018-09-01 is before the modelling window (2018-10-01 to 2018-12-17): pick a date inside the window.",
    );
    const after = mmmErrorOf(() => resolveDateRange("2019-01-07", weeks, "allocator.date_range"));
    expect(after.field).toBe("allocator.date_range");
    expect(after.message).toContain("is after the modelling window (2018-10-01 to 2018-12-17)");
  });

  it("rejects malformed ranges with the accepted forms", () => {
    expect(mmmErrorOf(() => resolveDateRange("last_20", weeks)).message).toBe(
      'date_range "last_20" asks for 20 periods but the modelling window (2018-10-01 to 2018-12-17) has 12: use a number from 1 to 12, or "all".',
    );
    expect(mmmErrorOf(() => resolveDateRange("last_0", weeks)).field).toBe("date_range");
    expect(mmmErrorOf(() => resolveDateRange("recent", weeks)).message).toContain(
      'use "all", "last", "last_<n>"',
    );
    expect(mmmErrorOf(() => resolveDateRange("2018-02-30", weeks)).message).toContain("is not a valid date");
    expect(mmmErrorOf(() => resolveDateRange(["2018-11-05", "2018-10-08"], weeks)).message).toContain(
      "swap the two dates",
    );
    expect(
      mmmErrorOf(() => resolveDateRange(["2018-11-05"] as unknown as [string, string], weeks)).field,
    ).toBe("date_range");
    expect(mmmErrorOf(() => resolveDateRange("all", [])).message).toContain("has no periods");
  });
});
