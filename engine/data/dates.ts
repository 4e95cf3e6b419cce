/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) as whole days since 1970-01-01, in UTC, so that no
 * time zone or daylight-saving shift can move a date.
 */
import { MmmError } from "../../common/errors.ts";

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for an ISO date, or NaN when the text is not a real calendar date. */
export function dayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return Number.NaN;
  }
  return ms / MS_PER_DAY;
}

/** `dayNumber`, throwing `invalid_input` naming `field` when the text is not a real calendar date. */
export function requireDayNumber(iso: string, field: string): number {
  const day = dayNumber(iso);
  if (Number.isNaN(day)) {
    throw new MmmError("invalid_input", `\`${field}\` has "${iso}", which is not a date YYYY-MM-DD`, {
      context: { field, value: iso },
    });
  }
  return day;
}

export function isoFromDayNumber(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoFromDayNumber(dayNumber(iso) + days);
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(dayNumber(iso) * MS_PER_DAY);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(iso: string): number {
  const dow = new Date(dayNumber(iso) * MS_PER_DAY).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/**
 * Normalises the date representations warehouses and CSV files use (`2016-01-04`, `2016-01-04T00:00:00Z`,
 * `2016-01-04 00:00:00`, `2016/01/04`) to `YYYY-MM-DD`, or returns undefined when the value is not a date.
 */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== "string") return undefined;
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
  return Number.isNaN(dayNumber(iso)) ? undefined : iso;
}
