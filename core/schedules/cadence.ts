/**
 * Cadences of schedules and their slots. `weekly` is Mondays 06:00, `monthly` the 1st at 06:00; any other
 * cadence is a five-field cron expression (minute hour day-of-month month day-of-week), read by
 * `cron-parser`. A bad expression is refused naming the field that is wrong. Slots are read in the
 * schedule's IANA time zone (UTC when it has none), so "06:00 in Europe/Berlin" stays 06:00 across daylight
 * saving: a local time skipped in spring runs once at the first valid time after it, one repeated in autumn
 * runs once at its first occurrence (cron-parser's rules).
 */
import { CronExpressionParser } from "cron-parser";
import { invalidInput } from "../../common/errors.ts";

const NAMED: Record<string, string> = { weekly: "0 6 * * 1", monthly: "0 6 1 * *" };
const FIELDS = ["minute", "hour", "day of month", "month", "day of week"] as const;

/** The cron expression of a cadence: `weekly`, `monthly`, or five cron fields. */
export function cronOf(cadence: string): string {
  const text = plainCadence(cadence);
  const named = NAMED[text.toLowerCase()];
  if (named) return named;
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5)
    throw invalidInput(
      "cadence",
      `\`${text}\` is not a cadence: say weekly, monthly, or a cron expression of five fields ` +
        `(minute hour day-of-month month day-of-week), e.g. "0 6 1 * *"; it has ${fields.length}.`,
    );
  fields.forEach((field, index) => {
    // Each field alone, the others `*`, so that the error names the field.
    const probe = FIELDS.map((_, i) => (i === index ? field : "*")).join(" ");
    try {
      CronExpressionParser.parse(probe, { tz: "UTC" });
    } catch (error) {
      throw invalidInput(
        "cadence",
        `The ${FIELDS[index]} field \`${field}\` of \`${text}\` is wrong (${(error as Error).message}): ` +
          `cron fields are minute hour day-of-month month day-of-week, e.g. "0 6 1 * *".`,
      );
    }
  });
  return fields.join(" ");
}

/** The cadence as typed, without the quotes around a cron expression (Slack may make them curly). */
export function plainCadence(cadence: string): string {
  return cadence
    .trim()
    .replace(/^["'`\u201c\u201d]+|["'`\u201c\u201d]+$/g, "")
    .trim();
}

/**
 * The canonical IANA name of a time zone as typed (`europe/berlin` → `Europe/Berlin`); `UTC` when none is
 * given. An unknown zone is refused naming the `timezone` field.
 */
export function timeZoneOf(zone: string | undefined): string {
  const text = zone?.trim();
  if (!text) return "UTC";
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    throw invalidInput(
      "timezone",
      `\`${text}\` is not a time zone: name an IANA zone such as Europe/Berlin or America/New_York ` +
        `(or leave it out for UTC).`,
    );
  }
}

/** The latest slot at or before `now` in `zone` (UTC when absent), or `undefined` when there is none. */
export function latestSlot(cron: string, now: Date, zone?: string): Date | undefined {
  const slots = CronExpressionParser.parse(cron, {
    tz: zone ?? "UTC",
    currentDate: new Date(now.getTime() + 1),
  });
  return slots.hasPrev() ? slots.prev().toDate() : undefined;
}

/** The first slot strictly after `after` in `zone` (UTC when absent). */
export function nextSlot(cron: string, after: Date, zone?: string): Date {
  return CronExpressionParser.parse(cron, { tz: zone ?? "UTC", currentDate: after })
    .next()
    .toDate();
}
