// The budget allocator (Robyn's `robyn_allocator`, method notes §5.8): the use case, its table output, the date
// range helper, and the solver for callers that need the optimiser alone.
export {
  allocateBudget,
  DEFAULT_BOUNDS,
  type AllocationResult,
  type AllocationRow,
  type AllocationRunDiagnostics,
  type AllocationTotals,
  type AllocatorChannel,
  type AllocatorRequest,
} from "./allocate.ts";
export { type BindingBound } from "./binding-bounds.ts";
export { allocationTableCsv, allocationToJson, ROW_COLUMNS, TOTAL_COLUMNS } from "./allocation-table.ts";
export type { SolverOptions, SolverStatus, SpendBounds } from "./branch-and-bound.ts";
export { resolveDateRange, type DateRange, type ResolvedDateRange } from "./date-range.ts";
export { bestReachableEfficiency, efficiencyAtUpperBounds } from "./efficiency.ts";
export {
  inflectionSpend,
  marginalResponseAt,
  responseAt,
  responseOfOneMoreUnit,
  type ResponseCurve,
  type ResponseCurves,
} from "./response-curve.ts";
export {
  maximiseAtTarget,
  maximiseResponse,
  type AllocationSolution,
  type SolverDiagnostics,
} from "./solve.ts";
