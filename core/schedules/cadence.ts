/**
 * Cadences of schedules and their slots. `weekly` is Mondays 06:00 UTC, `monthly` the 1st at 06:00 UTC; any
 * other cadence is a five-field cron expression (minute hour day-of-month month day-of-week, UTC), read by
 * `cron-parser`. A bad expression is refused naming the field that is wrong.
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
        `(minute hour day-of-month month day-of-week, UTC), e.g. "0 6 1 * *"; it has ${fields.length}.`,
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

/** The latest slot at or before `now`, or `undefined` when the expression has none. */
export function latestSlot(cron: string, now: Date): Date | undefined {
  const slots = CronExpressionParser.parse(cron, { tz: "UTC", currentDate: new Date(now.getTime() + 1) });
  return slots.hasPrev() ? slots.prev().toDate() : undefined;
}

/** The first slot strictly after `after`. */
export function nextSlot(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { tz: "UTC", currentDate: after }).next().toDate();
}
