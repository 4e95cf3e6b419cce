/** Reading the candidate table: one result column for every candidate, and Robyn's model ids. */
import type { CandidateTable } from "./run-search.ts";

export function candidateColumn(table: CandidateTable, column: number): Float64Array {
  const out = new Float64Array(table.count);
  for (let i = 0; i < table.count; i++) out[i] = table.rows[i * table.width + column]!;
  return out;
}

/** Robyn's `solID`: `<trial>_<iterNG>_<iterPar>`. */
export function solIdOf(table: CandidateTable, index: number): string {
  return `${table.trial[index]}_${table.iterNG[index]}_${table.iterPar[index]}`;
}

/** Position of a candidate within its trial, 1-based (Robyn's `iterations` column). */
export function iterationOf(table: CandidateTable, index: number): number {
  return (index % table.iterations) + 1;
}

/**
 * Every candidate's position within its trial (`iterationOf`), 1 to the iterations asked for: what the
 * Pareto picture colours by. Not `iterNG`, Robyn's optimiser step (iterations / population size), whose
 * 1…67 for 2000 iterations reads as if most of the search were missing.
 */
export function candidateIterations(table: CandidateTable): Float64Array {
  const out = new Float64Array(table.count);
  for (let i = 0; i < table.count; i++) out[i] = iterationOf(table, i);
  return out;
}
