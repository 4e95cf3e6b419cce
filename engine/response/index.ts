export {
  robynResponse,
  type ResponseAnswer,
  type ResponseModel,
  type ResponseQuery,
  type ResponseUsecase,
  type RobynResponse,
} from "./robyn-response.ts";
export type { ResponseCurveParameters } from "./channel-decomposition.ts";
export { resolveResponseDates, type ResponseDateRange } from "./response-dates.ts";
export {
  marginalReturnAt,
  marginalReturns,
  marginalReturnsOf,
  NEXT_BUDGET_STEP,
  paidChannelCurves,
  rankNextBudget,
  type ChannelCurve,
  type ChannelMarginalReturn,
  type MarginalReturnAt,
} from "./marginal-returns.ts";
