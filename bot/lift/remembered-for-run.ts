/** The remembered lift studies a run from the train modal calibrates with, and the typed ones it remembers. */
import { isMmmError } from "../../common/errors.ts";
import type { CalibrationStudy } from "../../core/run-spec.ts";
import type { RunStore } from "../../core/run-store/port.ts";
import type { Actor } from "../../core/run.ts";
import { SETTINGS_BLOCK } from "../blocks/ids.ts";
import { saveLiftStudies, sameStudy } from "../../core/calibration/save-lift-studies.ts";

/** How many studies each country has remembered, for the settings step. */
export async function liftStudyCounts(
  runs: Pick<RunStore, "listLiftStudies">,
  countries: readonly string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const country of countries) counts[country] = (await runs.listLiftStudies(country)).length;
  return counts;
}

/**
 * Each country's remembered studies, less the ones also typed in the form (a re-run carries its studies
 * in the form already): the run request's `liftStudies`.
 */
export async function rememberedStudies(
  runs: Pick<RunStore, "listLiftStudies">,
  countries: readonly string[],
  typed: readonly CalibrationStudy[],
): Promise<Record<string, CalibrationStudy[]>> {
  const out: Record<string, CalibrationStudy[]> = {};
  for (const country of countries) {
    const studies = (await runs.listLiftStudies(country))
      .map((stored) => stored.study)
      .filter((study) => !typed.some((t) => sameStudy(t, study)));
    if (studies.length > 0) out[country] = studies;
  }
  return out;
}

/** Remembers the typed studies for every country of the run (those it knows already are skipped). */
export async function rememberTypedStudies(
  runs: Pick<RunStore, "listLiftStudies" | "saveLiftStudy">,
  countries: readonly string[],
  typed: readonly CalibrationStudy[],
  by: Actor,
): Promise<void> {
  for (const country of countries) await saveLiftStudies(runs, country, typed, by);
}

/**
 * A run's check refusing one of the remembered studies (its `calibration_input` index is past the typed
 * ones): the answer on the remembered-studies input, saying how to fix it, rather than on the typed box.
 */
export function rememberedStudyErrors(
  error: unknown,
  typedCount: number,
  countries: readonly string[],
): Record<string, string> | undefined {
  if (!isMmmError(error)) return undefined;
  const index = /^calibration_input\[(\d+)\]/.exec(error.field ?? "")?.[1];
  if (index === undefined || Number(index) < typedCount) return undefined;
  const country = typeof error.context.country === "string" ? error.context.country : countries[0];
  return {
    [SETTINGS_BLOCK.liftStudies]:
      `A lift study remembered for ${country} does not fit this run: ${error.message} ` +
      `Fix or remove it with /mmm lift ${country}, or tick Leave out.`,
  };
}
