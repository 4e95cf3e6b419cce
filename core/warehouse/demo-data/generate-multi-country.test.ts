import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MEDIA,
  MULTI_COUNTRY_COLUMNS,
  MULTI_COUNTRY_TRUTH,
  WEEKS,
  generateMultiCountryWeekly,
  geometricAdstock,
  hill,
  toCsv,
} from "./generate-multi-country.ts";

const table = generateMultiCountryWeekly();
const rowsOf = (country: string) => table.data.COUNTRY!.flatMap((c, i) => (c === country ? [i] : []));
const column = (name: string, rows: number[]) => rows.map((i) => table.data[name]![i] as number);

describe("multi_country_weekly.csv", () => {
  it("is exactly what the committed generator writes", () => {
    const committed = readFileSync(join(import.meta.dirname, "multi_country_weekly.csv"), "utf8");
    expect(toCsv(table)).toBe(committed);
  });

  it("holds 208 Monday weeks for each of DE, FR, GB, US", () => {
    expect(table.columns).toEqual(MULTI_COUNTRY_COLUMNS);
    for (const country of ["DE", "FR", "GB", "US"]) {
      const dates = rowsOf(country).map((i) => table.data.DATE![i] as string);
      expect(dates).toHaveLength(WEEKS);
      expect(dates[0]).toBe("2021-01-04");
      expect(dates.at(-1)).toBe("2024-12-23");
      expect(dates.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    }
  });

  it("has non-negative spends, whole-number exposures, and every promo level", () => {
    for (const name of ["TV_S", "FACEBOOK_S", "SEARCH_SPEND", "YOUTUBE_SPEND", "OOH_S"]) {
      expect(Math.min(...(table.data[name] as number[]))).toBeGreaterThanOrEqual(0);
    }
    for (const name of ["FACEBOOK_I", "SEARCH_CLICKS", "YOUTUBE_IMPRESSIONS", "NEWSLETTER_SENDS"]) {
      expect((table.data[name] as number[]).every(Number.isInteger)).toBe(true);
    }
    expect(new Set(table.data.PROMO_EVENT)).toEqual(new Set(Object.keys(MULTI_COUNTRY_TRUTH.promo)));
  });

  it("has revenue that the recorded true model explains up to noise of the recorded size", () => {
    const truth = MULTI_COUNTRY_TRUTH;
    for (const [country, scale] of Object.entries(truth.countries)) {
      const rows = rowsOf(country);
      const expected = rows.map((i, t) => {
        const season = truth.season * Math.sin((2 * Math.PI * (t - 8)) / 52.18);
        const promo = truth.promo[table.data.PROMO_EVENT![i] as keyof typeof truth.promo];
        return (
          scale * (truth.intercept + truth.trend * t + season + promo) +
          truth.competitor * (table.data.COMPETITOR_SALES![i] as number) +
          scale * truth.price * (table.data.AVG_PRICE![i] as number)
        );
      });
      for (const medium of MEDIA) {
        const m = truth.media[medium];
        hill(geometricAdstock(column(m.variable, rows), m.theta), m.alpha, m.gamma).forEach(
          (r, t) => (expected[t]! += scale * m.beta * r),
        );
      }
      const residuals = column("REVENUE", rows).map((y, t) => y - expected[t]!);
      const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
      const sd = Math.sqrt(residuals.reduce((a, r) => a + (r - mean) ** 2, 0) / (residuals.length - 1));
      expect(Math.abs(mean)).toBeLessThan(0.25 * scale * truth.noiseSd);
      expect(sd / (scale * truth.noiseSd)).toBeGreaterThan(0.85);
      expect(sd / (scale * truth.noiseSd)).toBeLessThan(1.15);
    }
  });

  it("implements Robyn's transforms", () => {
    expect(geometricAdstock([1, 0, 0, 2], 0.5)).toEqual([1, 0.5, 0.25, 2.125]);
    // Inflexion gamma·max: at the inflexion the Hill value is one half.
    expect(hill([0, 5, 10], 2, 0.5)).toEqual([0, 0.5, 0.8]);
  });
});
