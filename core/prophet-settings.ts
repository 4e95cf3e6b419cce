/**
 * The spec's holiday and seasonality settings for the Prophet-style decomposition (Robyn's `dt_holidays`
 * and the `yearly.seasonality`/`weekly.seasonality`/`daily.seasonality` arguments Robyn hands to Prophet).
 *
 * The holidays travel inside the spec as rows, not as a file path: the spec is the run's record
 * (`spec.json` in the run folder, the API's body, the R trainer's input), so every later use of a run
 * (results, refresh, response queries, the R trainer) rebuilds the same holiday component from it.
 * `mmm fit`/`mmm train --holidays FILE` and `mmm import-robyn --holidays FILE` fill the rows from a CSV.
 */
import { z } from "zod";
import type { HolidayRow } from "../engine/model-input/model-settings.ts";

/** Enough for a country's calendar over decades plus events; Robyn's whole 59-country table is ~50k rows. */
export const MAX_HOLIDAY_ROWS = 10_000;

export const HolidayRowSchema = z.strictObject({
  ds: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" }),
  holiday: z.string().trim().min(1, { error: "must name the holiday or event" }).max(200),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter country code such as DE" })
    .transform((c) => c.toUpperCase())
    .optional(),
  year: z.number().int().min(1900).max(2200).optional(),
});

export const DtHolidays = z
  .array(HolidayRowSchema)
  .min(1, { error: "is empty: give at least one row, or leave dt_holidays out" })
  .max(MAX_HOLIDAY_ROWS, { error: `has more than ${MAX_HOLIDAY_ROWS} rows: keep the run country's rows` })
  .describe(
    "Your own holidays and events (Robyn's dt_holidays): rows of ds (YYYY-MM-DD), holiday, and optionally country and year. Rows of other countries are ignored; rows without a country apply to the run. They shape the holiday component.",
  );

export const CountryHolidays = z
  .boolean()
  .default(true)
  .describe(
    "Use the built-in public holidays of the run's country in the holiday component (with dt_holidays: in addition to them; false: dt_holidays alone, as Robyn's dt_holidays replaces its table).",
  );

export const ProphetSeasonality = z
  .strictObject({
    yearly: z
      .boolean()
      .optional()
      .describe(
        "Fit yearly seasonality (Robyn's yearly.seasonality); default: when season is in prophet_vars.",
      ),
    weekly: z
      .boolean()
      .optional()
      .describe(
        "Fit weekly seasonality on daily or weekly data (Robyn's weekly.seasonality); default: when weekday is in prophet_vars.",
      ),
    daily: z
      .literal(false, {
        error:
          "can only be false: Robyn fixes daily.seasonality = FALSE, since one row per day or longer has no within-day pattern",
      })
      .optional()
      .describe("Within-day seasonality: always off, as in Robyn (daily.seasonality = FALSE)."),
  })
  .describe(
    "Prophet's seasonality switches. A seasonality switched on without its component in prophet_vars is fitted (it shapes trend and holidays) but not used as a regressor; switched off, its component may not be in prophet_vars.",
  );

/** The fields as the refinement reads them. */
interface ProphetSettingsShape {
  country: string;
  prophet: "native" | "precomputed";
  prophet_vars: readonly string[];
  dt_holidays?: readonly HolidayRow[] | undefined;
  country_holidays: boolean;
  prophet_seasonality?: z.output<typeof ProphetSeasonality> | undefined;
}

export interface SettingsIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Settings that would be ignored or contradict each other: refused with the field named, since Robyn
 * either drops them without a word (holidays without the holiday component, holidays with precomputed
 * components) or fails deep inside (a seasonality switched off while its component is asked for).
 */
export function prophetSettingsIssues(spec: ProphetSettingsShape): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const seasonality = spec.prophet_seasonality;
  // country_holidays: false only matters with dt_holidays; alone it is checked below.
  const custom = spec.dt_holidays !== undefined;
  if (custom && spec.prophet === "precomputed")
    issues.push({
      path: ["dt_holidays"],
      message:
        'has no effect with "prophet": "precomputed" (the holiday column is read from the data): remove it or use the native decomposition',
    });
  else if (custom && !spec.prophet_vars.includes("holiday"))
    issues.push({
      path: ["dt_holidays"],
      message: "has no effect without the holiday component: add holiday to prophet_vars or remove it",
    });
  if (!spec.country_holidays && spec.prophet === "native" && spec.prophet_vars.includes("holiday")) {
    const own = (spec.dt_holidays ?? []).filter(
      (row) => row.country === undefined || row.country === spec.country,
    );
    if (own.length === 0)
      issues.push({
        path: [spec.dt_holidays ? "dt_holidays" : "country_holidays"],
        message: spec.dt_holidays
          ? `has no rows for country ${spec.country} and country_holidays is false, so the holiday component would be empty: add rows for ${spec.country}`
          : "is false and there is no dt_holidays, so the holiday component would be empty: give dt_holidays or set it to true",
      });
  }
  if (seasonality && spec.prophet === "precomputed")
    issues.push({
      path: ["prophet_seasonality"],
      message: 'has no effect with "prophet": "precomputed": remove it or use the native decomposition',
    });
  for (const [name, component] of [
    ["yearly", "season"],
    ["weekly", "weekday"],
  ] as const) {
    if (seasonality?.[name] === false && spec.prophet_vars.includes(component))
      issues.push({
        path: ["prophet_seasonality", name],
        message: `is false but prophet_vars asks for ${component}, which is that seasonality: remove ${component} from prophet_vars or turn ${name} on`,
      });
  }
  return issues;
}
