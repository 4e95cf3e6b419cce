import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import type { Regressor } from "../model-input/regressor.ts";
import { projectBaseline, type BaselineModel } from "./baseline-projection.ts";

const weekly = (count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10));
const regressor = (name: string, kind: Regressor["kind"], values: number[]): Regressor => ({
  name,
  kind,
  values: Float64Array.from(values),
  sign: "default",
  mediaIndex: kind === "paid" ? 0 : -1,
});

/** 60 weeks: trend 3t + 1, a season equal to the row number, a context variable ending 10, 20, 30, 40. */
function model(rows = 60): BaselineModel {
  const t = Array.from({ length: rows }, (_, i) => i);
  return {
    input: {
      dates: weekly(rows),
      interval: { type: "week", days: 7 },
      regressors: [
        regressor(
          "trend",
          "prophet",
          t.map((i) => 3 * i + 1),
        ),
        regressor("season", "prophet", t),
        regressor(
          "competitor",
          "context",
          t.map((i) => Math.max(0, i - rows + 5) * 10),
        ),
        regressor(
          "tv_S",
          "paid",
          t.map(() => 99),
        ),
      ],
    },
    coefficients: { "(Intercept)": 1000, trend: 2, season: 10, competitor: -1, tv_S: 5 },
  };
}

const after = (last: string, weeks: number) =>
  new Date(Date.parse(`${last}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

describe("projectBaseline", () => {
  it("extends trend, repeats the season a year back, holds context at its recent mean (hand-checked)", () => {
    const m = model();
    const last = m.input.dates[59]!;
    const baseline = projectBaseline(m, [after(last, 1), after(last, 2), after(last, 53)]);
    const byName = Object.fromEntries(baseline.components.map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual(["(Intercept)", "trend", "season", "competitor"]);
    // trend: 178 at the last row, slope (178 − 22) / 52 = 3.
    expect(byName.trend!.values).toEqual([181, 184, 178 + 3 * 53]);
    // season: row 60 − 52 = 8, then 9; 53 weeks ahead lands 2 years back on row 112 − 104 = 8.
    expect(byName.season!.values).toEqual([8, 9, 8]);
    // context: the mean of 10, 20, 30, 40.
    expect(byName.competitor!.values).toEqual([25, 25, 25]);
    // 1000 + 2·181 + 10·8 − 25, 1000 + 2·184 + 10·9 − 25, 1000 + 2·337 + 10·8 − 25.
    expect(baseline.per_period).toEqual([1417, 1433, 1729]);
    expect(baseline.total).toBe(1417 + 1433 + 1729);
    expect(baseline.assumptions.join(" ")).toMatch(/trend goes on linearly .* \(3 per period\)/);
    expect(baseline.assumptions.join(" ")).toMatch(/season repeats its values of one year earlier \(52/);
  });

  it("with less than a year of data: trend from the first row, season held at its mean", () => {
    const m = model(10);
    const baseline = projectBaseline(m, [after(m.input.dates[9]!, 1)]);
    const byName = Object.fromEntries(baseline.components.map((c) => [c.name, c]));
    expect(byName.trend!.values).toEqual([31]);
    expect(byName.season!).toMatchObject({ rule: "period_mean", values: [4.5] });
  });

  it("counts months for monthly data and refuses dates inside the data", () => {
    const dates = ["2020-01-01", "2020-02-01", "2020-03-01"];
    const monthly: BaselineModel = {
      input: {
        dates,
        interval: { type: "month", days: 31 },
        regressors: [regressor("trend", "prophet", [1, 2, 4])],
      },
      coefficients: { trend: 1 },
    };
    // Slope over the 2 periods back: (4 − 1) / 2 = 1.5; May is 2 months after March.
    expect(projectBaseline(monthly, ["2020-05-01"]).per_period).toEqual([7]);
    expectInvalidInput(() => projectBaseline(monthly, ["2020-03-01"]), "dates");
  });
});
