/**
 * The model a refresh picks (Robyn `robyn_refresh`, `select_model = "refreshed"`; method notes §5.9 step 5):
 * among the Pareto models, the one with the lowest refresh DECOMP.RSSD, i.e. the one whose decomposition
 * stays closest to the parent's. Ties keep the Pareto table's order, as R's `arrange`. People may still pick
 * another model of the run.
 */
export function refreshWinner<M extends { record: { "decomp.rssd": number } }>(
  models: readonly M[],
): M | undefined {
  let best: M | undefined;
  for (const model of models)
    if (best === undefined || model.record["decomp.rssd"] < best.record["decomp.rssd"]) best = model;
  return best;
}
