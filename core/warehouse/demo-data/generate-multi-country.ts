/**
 * Writes `multi_country_weekly.csv`: four countries (DE, FR, GB, US) of weekly marketing data whose
 * REVENUE comes from a known model, so that a fitted MMM can be checked against the truth.
 *
 *   npx tsx core/warehouse/demo-data/generate-multi-country.ts
 *
 * Deterministic: the same seed gives the same file byte for byte (a test regenerates it and compares).
 * The model, per country c and week t (t = 0..207), with the true values in `MULTI_COUNTRY_TRUTH`:
 *
 *   REVENUE = scale_c · (intercept + trend·t + season·sin(2π(t − 8)/52.18))
 *           + Σ_media scale_c · beta_m · hill(adstock(x_m; theta_m); alpha_m, gamma_m)
 *           + competitor · COMPETITOR_SALES + scale_c · price · AVG_PRICE + scale_c · promo[PROMO_EVENT]
 *           + noise
 *   adstock: geometric, a_1 = x_1, a_t = x_t + theta·a_(t−1) (Robyn's `adstock_geometric`)
 *   hill:    a^alpha / (a^alpha + (gamma·max(a))^alpha) (Robyn 3.12's `saturation_hill`, the inflexion
 *            taken over the country's whole series, i.e. a modelling window of all 208 weeks)
 *   noise:   normal, standard deviation scale_c · noiseSd
 *
 * x_m is the column Robyn would model: the exposure (FACEBOOK_I, SEARCH_CLICKS, YOUTUBE_IMPRESSIONS)
 * where there is one, else the spend (TV_S, OOH_S); NEWSLETTER_SENDS for the organic channel. Because
 * the inflexion scales with max(a), the Hill value is the same whether an exposure or its spend (times
 * a constant cost per exposure) is modelled. The transforms are written out here rather than imported
 * from `engine/` so that the truth does not depend on the code it is meant to check.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRng, type Rng } from "../../../engine/search/rng.ts";
import { tableFromRows, type Cell, type Table } from "../../../common/table.ts";

export const MULTI_COUNTRY_SEED = 20_240_601;
export const FIRST_WEEK = "2021-01-04"; // a Monday
export const WEEKS = 208;

export const MEDIA = ["TV", "FACEBOOK", "SEARCH", "YOUTUBE", "OOH", "NEWSLETTER"] as const;
export type Medium = (typeof MEDIA)[number];

export interface MediumTruth {
  /** The column the response is computed from. */
  readonly variable: string;
  /** The spend column (absent for the organic newsletter). */
  readonly spend?: string;
  readonly theta: number;
  readonly alpha: number;
  readonly gamma: number;
  /** Revenue at full saturation for a country of scale 1. */
  readonly beta: number;
}

export const MULTI_COUNTRY_TRUTH = {
  countries: { DE: 1.0, FR: 0.8, GB: 0.9, US: 3.0 } as Record<string, number>,
  intercept: 600_000,
  trend: 1_000,
  season: 80_000,
  noiseSd: 20_000,
  media: {
    TV: { variable: "TV_S", spend: "TV_S", theta: 0.6, alpha: 2.0, gamma: 0.5, beta: 200_000 },
    FACEBOOK: {
      variable: "FACEBOOK_I",
      spend: "FACEBOOK_S",
      theta: 0.2,
      alpha: 1.5,
      gamma: 0.4,
      beta: 110_000,
    },
    SEARCH: {
      variable: "SEARCH_CLICKS",
      spend: "SEARCH_SPEND",
      theta: 0.05,
      alpha: 1.2,
      gamma: 0.6,
      beta: 150_000,
    },
    YOUTUBE: {
      variable: "YOUTUBE_IMPRESSIONS",
      spend: "YOUTUBE_SPEND",
      theta: 0.3,
      alpha: 1.8,
      gamma: 0.45,
      beta: 90_000,
    },
    OOH: { variable: "OOH_S", spend: "OOH_S", theta: 0.4, alpha: 1.0, gamma: 0.7, beta: 60_000 },
    NEWSLETTER: { variable: "NEWSLETTER_SENDS", theta: 0.1, alpha: 1.2, gamma: 0.5, beta: 40_000 },
  } satisfies Record<Medium, MediumTruth>,
  /** Revenue per unit of COMPETITOR_SALES (the same in every country). */
  competitor: -0.03,
  /** Revenue per unit of AVG_PRICE for a country of scale 1. */
  price: -3_000,
  /** Lift per PROMO_EVENT level for a country of scale 1 ("none" is the reference level). */
  promo: { none: 0, spring_sale: 70_000, summer_sale: 50_000, black_friday: 150_000, christmas: 110_000 },
} as const;

export const MULTI_COUNTRY_COLUMNS = [
  "DATE",
  "COUNTRY",
  "REVENUE",
  "TV_S",
  "FACEBOOK_S",
  "FACEBOOK_I",
  "SEARCH_SPEND",
  "SEARCH_CLICKS",
  "YOUTUBE_SPEND",
  "YOUTUBE_IMPRESSIONS",
  "OOH_S",
  "NEWSLETTER_SENDS",
  "COMPETITOR_SALES",
  "AVG_PRICE",
  "PROMO_EVENT",
] as const;

type Inputs = Record<Exclude<(typeof MULTI_COUNTRY_COLUMNS)[number], "DATE" | "COUNTRY" | "REVENUE">, Cell[]>;

/** The whole table, countries in order DE, FR, GB, US, weeks in date order within each. */
export function generateMultiCountryWeekly(seed = MULTI_COUNTRY_SEED): Table {
  const rng = createRng(seed);
  const dates = weekDates(FIRST_WEEK, WEEKS);
  const rows: Cell[][] = [];
  Object.entries(MULTI_COUNTRY_TRUTH.countries).forEach(([country, scale], index) => {
    const countryRng = rng.fork(index);
    const inputs = simulateInputs(countryRng, dates, scale);
    const revenue = simulateRevenue(countryRng, inputs, scale);
    for (let t = 0; t < WEEKS; t++) {
      rows.push(
        MULTI_COUNTRY_COLUMNS.map((column) => {
          if (column === "DATE") return dates[t]!;
          if (column === "COUNTRY") return country;
          if (column === "REVENUE") return revenue[t]!;
          return inputs[column][t]!;
        }),
      );
    }
  });
  return tableFromRows(MULTI_COUNTRY_COLUMNS, rows);
}

/** The media, context and promo columns of one country (rounded as they are written to the file). */
function simulateInputs(rng: Rng, dates: readonly string[], scale: number): Inputs {
  const season = (t: number) => 1 + 0.25 * Math.sin((2 * Math.PI * (t - 8)) / 52.18);
  const tv = flighted(rng, WEEKS, 0.45, (t) => scale * 55_000 * (0.85 + 0.3 * rng.next()) * season(t));
  const youtube = flighted(rng, WEEKS, 0.35, () => scale * 18_000 * (0.8 + 0.4 * rng.next()));
  const ooh = flighted(rng, WEEKS, 0.25, () => scale * 25_000 * (0.9 + 0.2 * rng.next()));
  const facebook = series(WEEKS, (t) => scale * 20_000 * season(t) * (0.75 + 0.5 * rng.next()));
  const search = series(WEEKS, (t) => scale * 30_000 * season(t) * (0.85 + 0.3 * rng.next()));
  const costPer = (base: number, drift: number) =>
    series(WEEKS, (t) => base * (1 + drift * t) * (0.9 + 0.2 * rng.next()));
  const facebookCpm = costPer(6, 0.001);
  const youtubeCpm = costPer(9, 0.0005);
  const searchCpc = costPer(0.9, 0.0015);
  let price = 49.9;
  return {
    TV_S: tv.map(money),
    FACEBOOK_S: facebook.map(money),
    FACEBOOK_I: facebook.map((s, t) => Math.round((money(s) / facebookCpm[t]!) * 1000)),
    SEARCH_SPEND: search.map(money),
    SEARCH_CLICKS: search.map((s, t) => Math.round(money(s) / searchCpc[t]!)),
    YOUTUBE_SPEND: youtube.map(money),
    YOUTUBE_IMPRESSIONS: youtube.map((s, t) => Math.round((money(s) / youtubeCpm[t]!) * 1000)),
    OOH_S: ooh.map(money),
    NEWSLETTER_SENDS: series(WEEKS, () =>
      Math.round(scale * 40_000 * (rng.next() < 0.15 ? 0.2 : 0.8 + 0.4 * rng.next())),
    ),
    COMPETITOR_SALES: series(WEEKS, (t) =>
      Math.round(scale * 2_000_000 * season(t) * (0.9 + 0.2 * rng.next())),
    ),
    AVG_PRICE: series(WEEKS, () => {
      price = Math.min(59.9, Math.max(39.9, price + 0.6 * rng.normal()));
      return money(price);
    }),
    PROMO_EVENT: dates.map(promoEvent),
  };
}

function simulateRevenue(rng: Rng, inputs: Inputs, scale: number): number[] {
  const truth = MULTI_COUNTRY_TRUTH;
  const revenue = series(
    WEEKS,
    (t) =>
      scale * (truth.intercept + truth.trend * t + truth.season * Math.sin((2 * Math.PI * (t - 8)) / 52.18)),
  );
  for (const medium of MEDIA) {
    const m: MediumTruth = truth.media[medium];
    const column = inputs[m.variable as keyof Inputs] as number[];
    const response = hill(geometricAdstock(column, m.theta), m.alpha, m.gamma);
    response.forEach((r, t) => (revenue[t]! += scale * m.beta * r));
  }
  for (let t = 0; t < WEEKS; t++) {
    revenue[t]! += truth.competitor * (inputs.COMPETITOR_SALES[t] as number);
    revenue[t]! += scale * truth.price * (inputs.AVG_PRICE[t] as number);
    revenue[t]! += scale * truth.promo[inputs.PROMO_EVENT[t] as keyof typeof truth.promo];
    revenue[t]! += scale * truth.noiseSd * rng.normal();
  }
  return revenue.map(money);
}

/** Robyn's `adstock_geometric`: a_1 = x_1, a_t = x_t + theta·a_(t−1). */
export function geometricAdstock(x: readonly number[], theta: number): number[] {
  const out: number[] = [];
  x.forEach((value, t) => out.push(t === 0 ? value : value + theta * out[t - 1]!));
  return out;
}

/** Robyn 3.12's `saturation_hill` with inflexion gamma·max(a). */
export function hill(a: readonly number[], alpha: number, gamma: number): number[] {
  const inflexion = gamma * Math.max(...a);
  return a.map((v) => v ** alpha / (v ** alpha + inflexion ** alpha));
}

/**
 * Campaign bursts: runs of 3–8 weeks on, separated by runs off whose mean length makes the channel on
 * for about `share` of the weeks.
 */
function flighted(rng: Rng, n: number, share: number, amount: (t: number) => number): number[] {
  const out: number[] = [];
  const meanOff = (5.5 * (1 - share)) / share;
  let on = rng.next() < share;
  while (out.length < n) {
    const length = on ? 3 + rng.int(6) : 2 + rng.int(Math.round(2 * (meanOff - 2)) + 1);
    for (let k = 0; k < length && out.length < n; k++) out.push(on ? amount(out.length) : 0);
    on = !on;
  }
  return out;
}

function promoEvent(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const dayOfYear = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000;
  // Black Friday: the Friday after the fourth Thursday of November, inside the Monday-starting week.
  const novFirst = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const blackFriday = 1 + ((4 - novFirst + 7) % 7) + 21 + 1;
  if (month === 11 && day <= blackFriday && blackFriday - day < 7) return "black_friday";
  if (month === 12 && day >= 8 && day <= 24) return "christmas";
  if (dayOfYear >= 77 && dayOfYear < 91) return "spring_sale";
  if (dayOfYear >= 182 && dayOfYear < 196) return "summer_sale";
  return "none";
}

function weekDates(first: string, n: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: n }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
}

function series(n: number, value: (t: number) => number): number[] {
  return Array.from({ length: n }, (_, t) => value(t));
}

function money(x: number): number {
  return Math.round(x * 100) / 100;
}

/** CSV text: header, then one line per row; text cells are plain words, so nothing needs quoting. */
export function toCsv(table: Table): string {
  const n = table.data[table.columns[0]!]!.length;
  const lines = [table.columns.join(",")];
  for (let i = 0; i < n; i++) lines.push(table.columns.map((c) => String(table.data[c]![i] ?? "")).join(","));
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = join(import.meta.dirname, "multi_country_weekly.csv");
  writeFileSync(file, toCsv(generateMultiCountryWeekly()));
  console.log(`wrote ${file}`);
}
