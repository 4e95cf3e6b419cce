/**
 * Checks shared by every RunStore adapter's `pickBest`: the pick's own fields, and that it names an
 * existing run of the same market (`country` keeps its name from when every market was a country).
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { Run } from "../run.ts";
import { marketKey } from "../market.ts";
import type { BestModelPick } from "./port.ts";
import { isoTime } from "./run-record.ts";

/** The pick as it is stored (a two-letter market upper-case, no stray fields) and its time normalised for ordering. */
export function normalizePick(pick: BestModelPick): { pick: BestModelPick; atIso: string } {
  const country = marketKey(pick.country, "country");
  if (typeof pick.solID !== "string" || pick.solID.trim() === "") {
    throw invalidInput("solID", "Name the model to pick (its solID, e.g. 3_145_2).");
  }
  if (typeof pick.by?.id !== "string") throw invalidInput("by", "A pick needs the actor who made it.");
  const atIso = isoTime(pick.at, "at");
  return {
    pick: {
      country,
      runId: pick.runId,
      solID: pick.solID,
      ...(pick.note !== undefined ? { note: pick.note } : {}),
      by: pick.by,
      at: pick.at,
    },
    atIso,
  };
}

/** Throws unless `run` (as read in the same transaction) exists and is for the pick's country. */
export function assertPickableRun(pick: BestModelPick, run: Run | undefined): void {
  if (run === undefined) {
    throw new MmmError("not_found", `Run ${pick.runId} was not found, so none of its models can be picked.`, {
      context: { field: "runId", runId: pick.runId },
    });
  }
  const market = marketKey(run.country);
  if (market !== pick.country) {
    throw invalidInput(
      "country",
      `Run ${run.id} is for ${market}, not ${pick.country}: pick a model from a ${pick.country} run.`,
      { runId: run.id },
    );
  }
}
