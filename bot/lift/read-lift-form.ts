/**
 * The lift study form submitted: the fields make one study, or the CSV box several; never both. A bad
 * field is answered on its own input (`response_action: "errors"`, keyed by block id) in the words of
 * the check that refused it.
 */
import type { ViewOutput } from "@slack/bolt";
import { isMmmError } from "../../common/errors.ts";
import { parseLiftStudyCsv } from "../../core/calibration/lift-study-csv.ts";
import { checkLiftStudy } from "../../core/calibration/lift-study.ts";
import type { CalibrationStudy } from "../../core/run-spec.ts";
import { LIFT_BLOCK } from "../blocks/ids.ts";
import { dateIn, numberIn, selectedIn, textIn } from "../train/view-state.ts";

export type LiftForm =
  { ok: true; studies: CalibrationStudy[] } | { ok: false; errors: Record<string, string> };

type Field = keyof typeof LIFT_BLOCK;

export function readLiftForm(view: ViewOutput): LiftForm {
  const state = view.state;
  const raw: Record<string, unknown> = {
    channel: textIn(state, LIFT_BLOCK.channel),
    liftStartDate: dateIn(state, LIFT_BLOCK.liftStartDate),
    liftEndDate: dateIn(state, LIFT_BLOCK.liftEndDate),
    liftAbs: numberIn(state, LIFT_BLOCK.liftAbs),
    spend: numberIn(state, LIFT_BLOCK.spend),
    confidence: numberIn(state, LIFT_BLOCK.confidence),
    metric: textIn(state, LIFT_BLOCK.metric),
  };
  const typed = Object.values(raw).some((value) => value !== undefined);
  const csv = textIn(state, LIFT_BLOCK.csv);
  if (csv !== undefined) {
    if (typed)
      return fail("csv", "Either fill in the fields above or paste CSV here, not both: clear one of them.");
    try {
      return { ok: true, studies: parseLiftStudyCsv(csv) };
    } catch (error) {
      if (isMmmError(error)) return fail("csv", error.message);
      throw error;
    }
  }
  const scope = selectedIn(state, LIFT_BLOCK.calibration_scope);
  const fields = Object.fromEntries(
    Object.entries({ ...raw, calibration_scope: scope }).filter(([, value]) => value !== undefined),
  );
  try {
    return { ok: true, studies: [checkLiftStudy(fields)] };
  } catch (error) {
    if (!isMmmError(error)) throw error;
    const field = String(error.context.field ?? "");
    return fail(field in LIFT_BLOCK ? (field as Field) : "channel", error.message);
  }
}

function fail(field: Field, message: string): LiftForm {
  return { ok: false, errors: { [LIFT_BLOCK[field]]: message } };
}
