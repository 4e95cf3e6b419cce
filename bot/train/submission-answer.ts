/**
 * How a failed check is shown in the train modal: on the exact input of the current step
 * (`response_action: "errors"`), or, for a field of another step or a problem no input holds, as a warning
 * above the form that says which step to go back to.
 */
import { isMmmError } from "../../common/errors.ts";
import { errorText } from "../blocks/errors.ts";
import { truncate } from "../blocks/format.ts";
import type { BlockErrors } from "./read-steps.ts";
import { placeOfField, type TrainStep } from "./field-blocks.ts";

export interface SubmissionAnswer {
  /** Errors on inputs of the current step, when the problem belongs to one. */
  errors?: BlockErrors;
  /** Otherwise: a sentence for the warning above the form. */
  problem: string;
  /** The step the problem belongs to, when known. */
  step?: TrainStep;
}

const STEP_NAMES: Record<TrainStep, string> = {
  source: "the data (step 1)",
  mapping: "the variables (step 2)",
  settings: "the training settings (step 3)",
};

export function answerFor(error: unknown, current: TrainStep): SubmissionAnswer {
  const text = errorText(error);
  if (!isMmmError(error) || error.code !== "invalid_input") return { problem: text };
  const place = placeOfField(error.field);
  if (place?.step === current)
    return { errors: { [place.blockId]: truncate(text, 1000) }, problem: text, step: current };
  if (!place) return { problem: text };
  return {
    problem: `${text} This is about ${STEP_NAMES[place.step]}: press Back to change it.`,
    step: place.step,
  };
}
