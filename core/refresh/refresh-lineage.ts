/**
 * A run's place in a chain of refreshes: whether the app can refresh it (it reads its new data from a
 * warehouse table or query; the native engine refreshes natively, the robyn engine with Robyn's
 * `robyn_refresh`), and its ancestors as their specs record them.
 */
import type { Run } from "../run.ts";
import type { RunStore } from "../run-store/port.ts";

/** Longest chain followed: a guard against a loop in hand-edited specs. */
const MAX_DEPTH = 50;

export function refreshable(run: Run): boolean {
  return run.spec.data !== undefined && !("file" in run.spec.data);
}

/** The runs and models this run descends from, oldest first (empty for an initial model). */
export async function refreshLineage(runs: RunStore, run: Run): Promise<{ run: string; model: string }[]> {
  const chain: { run: string; model: string }[] = [];
  let of = run.spec.refresh?.of;
  while (of && chain.length < MAX_DEPTH && !chain.some((link) => link.run === of!.run)) {
    chain.unshift(of);
    of = (await runs.getRun(of.run))?.spec.refresh?.of;
  }
  return chain;
}
