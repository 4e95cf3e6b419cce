/**
 * `/api/lift-studies/{cc}`: the lift studies remembered per country (the ones Slack's `/mmm lift` shows),
 * which the country's next runs calibrate with. The studies in a body are checked by the same rule as in
 * Slack (`core/calibration/lift-study.ts`, the CSV by `lift-study-csv.ts`), so these schemas only shape the
 * request; `CalibrationStudy` describes a study in the OpenAPI document.
 */
import { z } from "zod";
import { CalibrationStudy } from "../../core/run-spec.ts";
import { ActorSchema, CountryParams } from "./api-schemas.ts";

export const LiftStudyParams = CountryParams.extend({
  id: z.string().min(1).max(200).describe("The study's id (from the list)"),
});

const MAX_STUDIES = 200;

/** What `POST` takes: studies as objects, or as CSV the way Slack takes a pasted one. */
export const AddLiftStudiesBody = z.union([
  z.strictObject({
    studies: z
      .array(z.unknown())
      .min(1)
      .max(MAX_STUDIES)
      .describe("Lift studies with Robyn's calibration_input fields"),
  }),
  z.strictObject({
    csv: z
      .string()
      .min(1)
      .max(200_000)
      .describe(
        "One study per line: channel,liftStartDate,liftEndDate,liftAbs,spend[,confidence,metric,calibration_scope], with or without that header",
      ),
  }),
]);

/** The same body, as the OpenAPI document shows it (a study's fields spelled out). */
export const AddLiftStudiesDoc = z.union([
  z.strictObject({ studies: z.array(CalibrationStudy).min(1).max(MAX_STUDIES) }),
  AddLiftStudiesBody.options[1],
]);

export const SaveLiftStudyBody = z.strictObject({ study: z.unknown() });
export const SaveLiftStudyDoc = z.strictObject({ study: CalibrationStudy });

const StoredLiftStudyData = z.object({
  id: z.string(),
  country: z.string().describe("Upper-case two-letter code"),
  study: CalibrationStudy,
  by: ActorSchema,
  at: z.string().describe("When it was saved or last edited"),
});

export const LiftStudyListData = z.object({
  country: z.string(),
  studies: z.array(StoredLiftStudyData).describe("By start date, end date, channel, then id"),
});

export const AddedLiftStudiesData = z.object({
  country: z.string(),
  saved: z.array(StoredLiftStudyData),
  skipped: z.number().int().describe("Studies the country already had, field for field: not saved twice"),
});

export const LiftStudyData = StoredLiftStudyData;
