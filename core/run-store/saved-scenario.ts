/**
 * Checks shared by every RunStore adapter for a saved scenario (`saveScenario`), the record a draft becomes
 * once the store has given it a time, the order of a list, and the error for a missing one.
 */
import { invalidInput, MmmError } from "../../common/errors.ts";
import type { SavedScenario, SavedScenarioDraft } from "./port.ts";

/** What a scenario may be called: short, readable in a table header and a URL. */
export const SCENARIO_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._+×%()-]{0,59}$/u;

/** The draft, checked; throws `invalid_input` naming the first bad field. */
export function assertScenarioDraft(draft: SavedScenarioDraft): void {
  if (typeof draft.name !== "string" || !SCENARIO_NAME.test(draft.name))
    throw invalidInput(
      "name",
      `"${String(draft.name)}" cannot name a scenario: use 1 to 60 letters, digits, spaces and . _ - + × % ( ), starting with a letter or digit.`,
    );
  if (typeof draft.runId !== "string" || draft.runId === "")
    throw invalidInput("runId", "A scenario belongs to a run: give its id.");
  if (typeof draft.solID !== "string" || draft.solID === "")
    throw invalidInput("solID", "A scenario belongs to a model: give its solID.");
  const plan = draft.plan as unknown;
  if (
    typeof plan !== "object" ||
    plan === null ||
    !("periods" in plan || ("dates" in plan && "spend" in plan))
  )
    throw invalidInput("plan", "A scenario's plan is dates and spends, or periods and a multiplier.");
  if (typeof draft.by?.id !== "string" || typeof draft.by?.kind !== "string")
    throw invalidInput("by", "A scenario records who saved it.");
}

/** The stored record: the draft's own fields only, copied, with its time. */
export function scenarioRecord(draft: SavedScenarioDraft, savedAt: string): SavedScenario {
  return {
    runId: draft.runId,
    solID: draft.solID,
    name: draft.name,
    plan: JSON.parse(JSON.stringify(draft.plan)) as SavedScenario["plan"],
    by: { ...draft.by },
    savedAt,
  };
}

/** By name, the same in every adapter (code-point order). */
export function byScenarioName(a: SavedScenario, b: SavedScenario): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function scenarioNotFound(runId: string, solID: string, name: string): MmmError {
  return new MmmError("not_found", `Model ${solID} of run ${runId} has no saved scenario "${name}".`, {
    context: { field: "name", name },
  });
}
