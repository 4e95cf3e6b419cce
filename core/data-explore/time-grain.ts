/**
 * The periods Explore aggregates into: days, ISO weeks (Monday to Sunday, labelled by their Monday),
 * calendar months and calendar quarters, on day numbers (days since 1970-01-01, UTC) so that no time zone
 * can move a date. A row counts in the period holding its date: a weekly row dated on a Monday is that
 * ISO week; a weekly row dated on a Sunday counts in the ISO week that Sunday ends.
 */
import { isoFromDayNumber } from "../../engine/data/dates.ts";
import { weekStartDay } from "../../engine/data/weekday.ts";

export const GRAINS = ["day", "week", "month", "quarter"] as const;
export type Grain = (typeof GRAINS)[number];

const MS_PER_DAY = 86_400_000;

/** The first day of the period of `grain` holding `day`. */
export function periodStart(day: number, grain: Grain): number {
  if (grain === "day") return day;
  if (grain === "week") return weekStartDay(day, "monday");
  const date = new Date(day * MS_PER_DAY);
  const month = date.getUTCMonth();
  const first = grain === "month" ? month : month - (month % 3);
  return Date.UTC(date.getUTCFullYear(), first, 1) / MS_PER_DAY;
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(start: number, grain: Grain): number {
  if (grain === "day") return start + 1;
  if (grain === "week") return start + 7;
  const date = new Date(start * MS_PER_DAY);
  const months = grain === "month" ? 1 : 3;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / MS_PER_DAY;
}

/**
 * How a period is written on an axis: `2024-03-05` (a day, or the Monday of an ISO week), `2024-03`,
 * `2024-Q1`.
 */
export function periodLabel(start: number, grain: Grain): string {
  const iso = isoFromDayNumber(start);
  if (grain === "day" || grain === "week") return iso;
  if (grain === "month") return iso.slice(0, 7);
  return `${iso.slice(0, 4)}-Q${Math.floor(Number(iso.slice(5, 7)) / 3) + 1}`;
}

/** The rule, in words, for the page and the API's answer. */
export function grainRule(grain: Grain): string {
  switch (grain) {
    case "day":
      return "One point per day.";
    case "week":
      return "ISO weeks, Monday to Sunday, each labelled by its Monday; a row counts in the week holding its date.";
    case "month":
      return "Calendar months; a row counts in the month holding its date.";
    case "quarter":
      return "Calendar quarters (Q1 = January to March); a row counts in the quarter holding its date.";
  }
}
