/**
 * A market's runs split by data source (`core/run-source.ts`), so the best-model ranking, the pick history
 * and stability only compare runs that read the same data with the same goal.
 */
import type { Run } from "../../core/run.ts";
import { runSource, type RunSource } from "../../core/run-source.ts";

export interface SourceGroup {
  readonly source: RunSource;
  /** Newest first, as listed. */
  readonly runs: Run[];
}

/** The groups in the order their newest run appears (runs come newest first). */
export function groupBySource(runs: readonly Run[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const run of runs) {
    const source = runSource(run.spec);
    const group = groups.get(source.key) ?? { source, runs: [] };
    group.runs.push(run);
    groups.set(source.key, group);
  }
  return [...groups.values()];
}

/** The group a page shows: the one `key` names, else the one with the newest run. */
export function chosenGroup(
  groups: readonly SourceGroup[],
  key: string | undefined,
): SourceGroup | undefined {
  return (key ? groups.find((g) => g.source.key === key) : undefined) ?? groups[0];
}
