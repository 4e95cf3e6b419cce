/** Saving studies from Slack (the form, a pasted CSV, `/mmm lift import`, the train modal) and the REST API in one way. */
import { randomUUID } from "node:crypto";
import type { CalibrationStudy } from "../run-spec.ts";
import type { RunStore, StoredLiftStudy } from "../run-store/port.ts";
import type { Actor } from "../run.ts";

/**
 * Saves `studies` for `country`: under `id` when one study is edited, else each as a new study. A study
 * the country already has, field for field, is not saved twice. Returns the studies it saved.
 */
export async function saveLiftStudies(
  runs: Pick<RunStore, "saveLiftStudy" | "listLiftStudies">,
  country: string,
  studies: readonly CalibrationStudy[],
  by: Actor,
  id?: string,
): Promise<StoredLiftStudy[]> {
  const known = id === undefined ? await runs.listLiftStudies(country) : [];
  const saved: StoredLiftStudy[] = [];
  for (const study of studies) {
    if (known.some((k) => sameStudy(k.study, study))) continue;
    saved.push(
      await runs.saveLiftStudy({ id: id ?? randomUUID(), country, study, by, at: new Date().toISOString() }),
    );
  }
  return saved;
}

/** The same experiment: every field equal (the defaults are filled in on both sides). */
export function sameStudy(a: CalibrationStudy, b: CalibrationStudy): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CalibrationStudy>;
  return [...keys].every((key) => a[key] === b[key]);
}
