export {
  forecastMedia,
  type ForecastOptions,
  type MediaForecast,
  type MediumForecast,
  type SpendPlan,
} from "./media-forecast.ts";
export { forecastRange, type ScenarioRange, type Spread } from "./scenario-range.ts";
export { nextDates, recentSpendPlan, type RecentSpendPlan } from "./spend-plan.ts";
