/**
 * Lift studies as every RunStore adapter keeps them: one record per country and id, checked on save,
 * listed in the same order by every adapter.
 */
import { invalidInput } from "../../common/errors.ts";
import { checkLiftStudy } from "../calibration/lift-study.ts";
import { countryCode } from "./country-code.ts";
import type { LiftStudyDraft, StoredLiftStudy } from "./port.ts";
import { isoTime } from "./run-record.ts";

/** The study as it is stored: country upper-case, the study checked, no stray fields. */
export function normalizeLiftStudy(record: LiftStudyDraft): StoredLiftStudy {
  const id = typeof record.id === "string" ? record.id.trim() : "";
  if (id === "") throw invalidInput("id", "A lift study needs an id to be edited or removed by.");
  const country = countryCode(record.country);
  isoTime(record.at, "at");
  if (typeof record.by?.id !== "string" || record.by.id === "")
    throw invalidInput("by", "Say who saved the lift study (an actor with an id).");
  return { id, country, study: checkLiftStudy(record.study, "study."), by: record.by, at: record.at };
}

/** The order of `listLiftStudies`: by start date, end date, channel, then id. */
export function compareLiftStudies(a: StoredLiftStudy, b: StoredLiftStudy): number {
  const keys = (s: StoredLiftStudy) => [s.study.liftStartDate, s.study.liftEndDate, s.study.channel, s.id];
  const [ka, kb] = [keys(a), keys(b)];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! < kb[i]!) return -1;
    if (ka[i]! > kb[i]!) return 1;
  }
  return 0;
}
