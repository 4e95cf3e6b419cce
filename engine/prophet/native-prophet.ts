/**
 * The Prophet provider the engine uses: our native decomposition (`prophet.ts`) with the run's holidays
 * (the country's public holidays from `date-holidays` and/or the user's `dt_holidays`,
 * `holidays-table.ts`) and the spec's seasonality switches.
 */
import type { ProphetProvider } from "../model-input/model-settings.ts";
import { runHolidays } from "./holidays-table.ts";
import { decomposeProphet } from "./prophet.ts";

export const nativeProphet: ProphetProvider = (request) => {
  const { dates, components } = request;
  const holidays = components.includes("holiday")
    ? runHolidays({
        country: request.country,
        dates,
        rows: request.holidays,
        withCalendar: request.countryHolidays !== false,
      })
    : undefined;
  const { factors, ...parts } = decomposeProphet({
    dates,
    y: request.y,
    interval: request.interval,
    components,
    factors: request.factors,
    ...(request.seasonality ? { seasonality: request.seasonality } : {}),
    ...(holidays ? { holidays } : {}),
  });
  return { components: parts, factors };
};
