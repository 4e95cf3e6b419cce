/**
 * One lift study (an experiment that measured a channel's incremental response) checked field by field,
 * the same way wherever it comes from: the Slack modal, a pasted CSV, or the run store. The fields are the
 * spec's `calibration_input` ones (`CalibrationStudy` of `core/run-spec.ts`); whether the dates fall
 * inside the data and the channel is modelled is checked when a run starts (`engine/calibration/studies.ts`).
 */
import { invalidInput } from "../../common/errors.ts";
import { CalibrationStudy } from "../run-spec.ts";

/** What each field is, for the error that names it. */
const FIELD_HELP: Record<keyof CalibrationStudy, string> = {
  channel: "the channel the study measured (a paid media variable, or several joined by +)",
  liftStartDate: "the first day of the study, YYYY-MM-DD",
  liftEndDate: "the last day of the study, YYYY-MM-DD",
  liftAbs: "the incremental response the study measured, a number",
  spend: "the spend on the channel during the study, a number of 0 or more",
  confidence: "how much the study is trusted, a number from 0 to 1 (default 0.9)",
  metric: "the response the study measured (the goal column), optional",
  calibration_scope: "immediate or total (immediate, the default, compares with the effect inside the study)",
};

/**
 * The study as the spec takes it, or `invalid_input` naming the first bad field (`prefix` + field name,
 * e.g. `study.liftEndDate`) and what it should be.
 */
export function checkLiftStudy(raw: unknown, prefix = ""): CalibrationStudy {
  const parsed = CalibrationStudy.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "");
    if (issue.code === "unrecognized_keys") {
      throw invalidInput(
        `${prefix}${issue.keys[0] ?? ""}`,
        `A lift study has no field ${issue.keys.join(", ")}: use ${Object.keys(FIELD_HELP).join(", ")}.`,
      );
    }
    const help = FIELD_HELP[name as keyof CalibrationStudy];
    const given =
      typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[name] : undefined;
    if (given === undefined && help)
      throw invalidInput(`${prefix}${name}`, `Lift study field ${name} is missing: give ${help}.`);
    throw invalidInput(
      `${prefix}${name}`,
      `Lift study field ${name}: ${issue.message}${help ? ` (${help})` : ""}.`,
    );
  }
  const study = parsed.data;
  for (const name of ["liftStartDate", "liftEndDate"] as const) {
    if (!isCalendarDate(study[name]))
      throw invalidInput(
        `${prefix}${name}`,
        `Lift study field ${name}: ${study[name]} is not a calendar date.`,
      );
  }
  if (study.liftEndDate < study.liftStartDate)
    throw invalidInput(
      `${prefix}liftEndDate`,
      `Lift study field liftEndDate: the study ends (${study.liftEndDate}) before it starts (${study.liftStartDate}).`,
    );
  return study;
}

/** `2024-02-30` has the right shape but is no day; Date would roll it over to March. */
function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}
