/**
 * Weekdays by name, as the RunSpec's `week_start` spells them (`core/run-spec.ts` takes them from here),
 * and the week a day falls in.
 */

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** ISO weekday number of a weekday name: Monday = 1 … Sunday = 7. */
export function isoWeekdayOf(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

/** The weekday of a day number (days since 1970-01-01, a Thursday). */
export function weekdayOfDay(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}

/** The first day of the week holding `day`, for weeks that start on `weekStart`. */
export function weekStartDay(day: number, weekStart: Weekday): number {
  const offset = WEEKDAYS.indexOf(weekdayOfDay(day)) - WEEKDAYS.indexOf(weekStart);
  return day - ((offset + 7) % 7);
}

/** "Monday" for "monday": for messages. */
export function weekdayLabel(weekday: Weekday): string {
  return weekday.charAt(0).toUpperCase() + weekday.slice(1);
}
