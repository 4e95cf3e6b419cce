/** The highlights a succeeded run carries in `run.summary` (model_summary.json without its model list). */
import type { Run } from "../../core/run.ts";
import type { ModelSummary } from "../../core/results/run-outputs.ts";

export type BestModel = ModelSummary["best_model"];

export function bestModelOf(run: Run): BestModel | undefined {
  const best = (run.summary as { best_model?: BestModel } | undefined)?.best_model;
  return best && typeof best.model_id === "string" ? best : undefined;
}

/** Who did something, for display. */
export function actorName(actor: { id: string; name?: string } | undefined): string {
  return actor ? (actor.name ?? actor.id) : "–";
}
