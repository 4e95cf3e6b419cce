/**
 * Every input rule of Robyn's checks (method notes §1.2–1.4) with a bad file, and the exact message a
 * marketer gets. The base data is Robyn's demo data (208 weeks), broken in one place per test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isMmmError, type MmmError } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import { parseCsv } from "../data/csv.ts";
import { buildModelInput } from "./model-input.ts";
import type { ModelSettings } from "./model-settings.ts";
import { DEMO_DATA_FILE, DEMO_MODEL_SETTINGS } from "../../tests/fixtures/demo-spec.ts";

const demoCsv = readFileSync(DEMO_DATA_FILE, "utf8");

const settings: ModelSettings = Object.freeze({
  ...DEMO_MODEL_SETTINGS,
  window_start: "2016-01-01",
  window_end: "2018-12-31",
});

function demo(): Table {
  return parseCsv(demoCsv);
}

/** The demo table with one column's cells replaced by `change(cells)`. */
function withColumn(column: string, change: (cells: Cell[]) => Cell[], table = demo()): Table {
  return { columns: table.columns, data: { ...table.data, [column]: change([...table.data[column]!]) } };
}

function failure(run: () => unknown): MmmError {
  try {
    run();
  } catch (error) {
    if (isMmmError(error)) return error;
    throw error;
  }
  throw new Error("expected the input to be rejected");
}

describe("buildModelInput: Robyn's demo data", () => {
  it("prepares the demo without warnings", () => {
    const input = buildModelInput(demo(), settings);
    expect(input.warnings).toEqual([]);
    expect(input.interval).toEqual({ type: "week", days: 7 });
    expect(input.window).toMatchObject({
      start: 6,
      end: 162,
      length: 157,
      startDate: "2016-01-04",
      endDate: "2018-12-31",
    });
    expect(input.media.map((m) => m.name)).toEqual([
      "tv_S",
      "ooh_S",
      "print_S",
      "facebook_I",
      "search_clicks_P",
      "newsletter",
    ]);
    const shares = input.media.filter((m) => m.paid).map((m) => m.spendShare);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("puts rows in date order and says so", () => {
    const table = demo();
    const reversed: Table = {
      columns: table.columns,
      data: Object.fromEntries(table.columns.map((c) => [c, [...table.data[c]!].reverse()])),
    };
    const input = buildModelInput(reversed, settings);
    expect(input.dates[0]).toBe("2015-11-23");
    expect(input.warnings).toEqual(['Rows were put in date order by "DATE".']);
  });

  it("uses an all-negative column as its absolute value (check_allneg)", () => {
    const table = withColumn("competitor_sales_B", (cells) => cells.map((c) => -(c as number)));
    const input = buildModelInput(table, settings);
    expect(input.regressors[0]!.values[0]).toBe(8125009);
    expect(input.warnings).toEqual([
      'Column "competitor_sales_B" had only negative values and is used as its absolute value.',
    ]);
  });

  it("clamps a window_start before the data to the first date, and says so", () => {
    const input = buildModelInput(demo(), { ...settings, window_start: "2010-01-04" });
    expect(input.window.startDate).toBe("2015-11-23");
    expect(input.warnings).toEqual([
      "window_start 2010-01-04 is before the first date in the data (2015-11-23): the window starts at 2015-11-23.",
    ]);
  });

  it("warns when the window has fewer than 10 rows per variable", () => {
    const input = buildModelInput(demo(), { ...settings, window_start: "2018-06-04" });
    expect(input.warnings).toEqual([
      "The window has 31 rows for 7 variables; Robyn recommends at least 10 rows per variable (70). Consider a longer window or fewer variables.",
    ]);
  });
});

describe("buildModelInput: every rule names the column and the fix", () => {
  const cases: [string, () => unknown, string, string][] = [
    [
      "a column the spec names is not in the data",
      () =>
        buildModelInput(demo(), {
          ...settings,
          paid_media_spends: ["tv_s", "ooh_S", "print_S", "facebook_S", "search_S"],
        }),
      "paid_media_spends",
      'Column "tv_s" named in paid_media_spends is not in the data. Did you mean "tv_S"? The data has: DATE, revenue, tv_S, ooh_S, print_S, facebook_I, search_clicks_P, search_S, competitor_sales_B, facebook_S, events, newsletter.',
    ],
    [
      "duplicate dates",
      () =>
        buildModelInput(
          withColumn("DATE", (c) => c.map((d, i) => (i === 10 ? c[9]! : d))),
          settings,
        ),
      "date_var",
      '1 date(s) appear more than once in "DATE" (first: 2016-01-25): the model needs one row per period. If the table holds several countries, filter it by country; otherwise aggregate the duplicates (resampling sums rows of the same period).',
    ],
    [
      "missing periods",
      () => {
        const table = demo();
        const keep = (cells: readonly Cell[]) => cells.filter((_, i) => i !== 20 && i !== 21);
        return buildModelInput(
          {
            columns: table.columns,
            data: Object.fromEntries(table.columns.map((c) => [c, keep(table.data[c]!)])),
          },
          settings,
        );
      },
      "date_var",
      "2 week(s) are missing between 2015-11-23 and 2019-11-11 (first missing: 2016-04-11): the model needs one row per period. Add rows with zeros for periods without activity, or resample to a coarser period.",
    ],
    [
      "a date that is not a date",
      () =>
        buildModelInput(
          withColumn("DATE", (c) => c.map((d, i) => (i === 3 ? "14/12/2015" : d))),
          settings,
        ),
      "date_var",
      'Row 4 of the date column "DATE" holds "14/12/2015", which is not a date. Dates must be written YYYY-MM-DD (e.g. 2016-01-04).',
    ],
    [
      "data that is neither daily, weekly nor monthly",
      () =>
        buildModelInput(
          withColumn("DATE", (c) => c.map((d, i) => (i === 0 ? "2015-11-20" : d))),
          settings,
        ),
      "date_var",
      'The first two dates in "DATE" (2015-11-20 and 2015-11-30) are 10 days apart: the data must be daily, weekly or monthly. Resample it (resample: "week" or "month") or fix the dates.',
    ],
    [
      "negative spend",
      () =>
        buildModelInput(
          withColumn("tv_S", (c) => c.map((v, i) => (i === 12 || i === 40 ? -120 : v))),
          settings,
        ),
      "paid_media_spends",
      'Column "tv_S", a paid media spend (paid_media_spends), has negative values in 2 rows (first on 2016-02-15), e.g. -120. Media spend and exposure must be zero or positive: correct refunds or adjustments in the source.',
    ],
    [
      "negative exposure",
      () =>
        buildModelInput(
          withColumn("facebook_I", (c) => c.map((v, i) => (i === 5 ? -1 : v))),
          settings,
        ),
      "paid_media_vars",
      'Column "facebook_I", a paid media exposure (paid_media_vars), has negative values in 1 row (first on 2015-12-28), e.g. -1. Media spend and exposure must be zero or positive: correct refunds or adjustments in the source.',
    ],
    [
      "missing values in media",
      () =>
        buildModelInput(
          withColumn("ooh_S", (c) => c.map((v, i) => (i === 7 ? null : v))),
          settings,
        ),
      "paid_media_spends",
      'Column "ooh_S", a paid media spend (paid_media_spends), has missing values in 1 row (first on 2016-01-11). Fill them (for media, 0 means no activity) or remove the column from paid_media_spends.',
    ],
    [
      "infinite values in a context variable",
      () =>
        buildModelInput(
          withColumn("competitor_sales_B", (c) => c.map((v, i) => (i === 2 ? Infinity : v))),
          settings,
        ),
      "context_vars",
      'Column "competitor_sales_B", a context variable (context_vars), has infinite values in 1 row (first on 2015-12-07). Fix the source data: infinities usually come from a division by zero.',
    ],
    [
      "text in a media column",
      () =>
        buildModelInput(
          withColumn("print_S", (c) => c.map((v, i) => (i === 1 ? "n/a" : v))),
          settings,
        ),
      "paid_media_spends",
      'Column "print_S", a paid media spend (paid_media_spends), holds text where numbers are expected in 1 row (first on 2015-11-30), e.g. "n/a". Fix those values, or map a numeric column instead.',
    ],
    [
      "text in an organic column",
      () =>
        buildModelInput(
          withColumn("newsletter", (c) => c.map((v, i) => (i === 0 ? "none" : v))),
          settings,
        ),
      "organic_vars",
      'Column "newsletter", an organic variable (organic_vars), holds text where numbers are expected in 1 row (first on 2015-11-23), e.g. "none". Fix those values, or map a numeric column instead.',
    ],
    [
      "a column without variation",
      () =>
        buildModelInput(
          withColumn("competitor_sales_B", (c) => c.map(() => 5)),
          settings,
        ),
      "context_vars",
      'Column "competitor_sales_B", a context variable (context_vars), has the same value (5) in every row of the data, so it cannot explain anything. Remove it from context_vars.',
    ],
    [
      "a dependent variable without variation in the window",
      () =>
        buildModelInput(
          withColumn("revenue", (c) => c.map((v, i) => (i >= 6 && i <= 162 ? 1000 : v))),
          settings,
        ),
      "dep_var",
      'Column "revenue", the dependent variable (dep_var), has the same value (1000) in every row of the modelling window (2016-01-04 to 2018-12-31), so it cannot explain anything. Remove it from dep_var or choose another column.',
    ],
    [
      "media that is zero throughout the window",
      () =>
        buildModelInput(
          withColumn("print_S", (c) => c.map((v, i) => (i >= 6 && i <= 162 ? 0 : v))),
          settings,
        ),
      "paid_media_spends",
      'Media column "print_S" is zero in every period of the modelling window (2016-01-04 to 2018-12-31), so its effect cannot be measured. Remove it from paid_media_spends, or move the window to a period where it was active.',
    ],
    [
      "a window that starts after the data",
      () => buildModelInput(demo(), { ...settings, window_start: "2020-01-06" }),
      "window_start",
      "window_start 2020-01-06 is after the last date in the data (2019-11-11): choose an earlier start.",
    ],
    [
      "a factor with a single level",
      () =>
        buildModelInput(
          withColumn("events", (c) => c.map(() => "na")),
          {
            ...settings,
            context_vars: ["competitor_sales_B", "events"],
            factor_vars: ["events"],
          },
        ),
      "factor_vars",
      'Factor variable "events" has only one level ("na"), so it cannot explain anything: remove it.',
    ],
  ];

  it.each(cases)("rejects %s", (_name, run, field, message) => {
    const error = failure(run);
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it("rejects a CSV with two columns of the same name", () => {
    const error = failure(() => parseCsv("DATE,tv_S,tv_S\n2016-01-04,1,2\n", "The data file"));
    expect(error.message).toBe(
      'The data file has two columns named "tv_S": rename one of them so every column name is unique.',
    );
  });
});

describe("buildModelInput: factor variables without Prophet", () => {
  it("turns a text factor into one 0/1 column per level but the last (lares::ohse)", () => {
    const input = buildModelInput(demo(), {
      ...settings,
      context_vars: ["competitor_sales_B", "events"],
      factor_vars: ["events"],
    });
    const names = input.regressors.map((r) => r.name);
    // events_event2 (2019-04-22) lies after the window, so that dummy has no variation there and is dropped.
    expect(names.slice(0, 3)).toEqual(["competitor_sales_B", "events_event1", "tv_S"]);
    const event1 = input.regressors[1]!.values;
    expect(input.dates[event1.indexOf(1)]).toBe("2018-05-21");
  });
});
