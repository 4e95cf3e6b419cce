export {
  BASELINE_METHOD,
  projectBaseline,
  type BaselineComponent,
  type BaselineModel,
  type BaselineProjection,
} from "./baseline-projection.ts";
export {
  forecastMedia,
  type ForecastOptions,
  type MediaForecast,
  type MediumForecast,
  type SpendPlan,
} from "./media-forecast.ts";
export {
  rangeAcrossModels,
  rangeFromIntervals,
  type ChannelInterval,
  type ModelScenario,
  type ScenarioRange,
  type Spread,
} from "./scenario-range.ts";
export { nextDates, recentSpendPlan, type RecentSpendPlan } from "./spend-plan.ts";
