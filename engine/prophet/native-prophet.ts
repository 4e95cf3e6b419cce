/**
 * The Prophet provider the engine uses by default: our native decomposition (`prophet.ts`) with the
 * run country's public holidays from `date-holidays` (`holidays.ts`).
 */
import { invalidInput } from "../../common/errors.ts";
import { countryHolidays } from "./holidays.ts";
import type { ProphetProvider } from "../model-input/model-settings.ts";
import { decomposeProphet } from "./prophet.ts";

export const nativeProphet: ProphetProvider = (request) => {
  const { dates, components } = request;
  const firstYear = Number(dates[0]!.slice(0, 4));
  // One year more at the end: folding moves a New Year's Day back into the data's last week.
  const lastYear = Number(dates[dates.length - 1]!.slice(0, 4)) + 1;
  const holidays = components.includes("holiday")
    ? countryHolidays(holidayCountry(request.country), firstYear, lastYear)
    : undefined;
  const { factors, ...parts } = decomposeProphet({
    dates,
    y: request.y,
    interval: request.interval,
    components,
    factors: request.factors,
    ...(holidays ? { holidays } : {}),
  });
  return { components: parts, factors };
};

function holidayCountry(country: string | undefined): string {
  if (country !== undefined) return country;
  throw invalidInput(
    "country",
    "The holiday component needs a country: name the country whose holidays apply (e.g. US), or drop holiday from prophet_vars.",
  );
}
