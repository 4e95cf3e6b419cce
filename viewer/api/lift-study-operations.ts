/** The REST operations on lift studies (`routes/lift-studies-api.ts`), for `API_OPERATIONS`. */
import { CountryParams } from "./api-schemas.ts";
import type { ApiOperation } from "./api-operations.ts";
import {
  AddLiftStudiesDoc,
  AddedLiftStudiesData,
  LiftStudyData,
  LiftStudyListData,
  LiftStudyParams,
  SaveLiftStudyDoc,
} from "./lift-study-schemas.ts";

const BAD_STUDY =
  "A study is not valid (a missing field, a date that is no calendar day, an end before the start, a confidence outside 0–1); `data.field` names it, e.g. studies.0.liftEndDate";

export const LIFT_STUDY_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "get",
    path: "/lift-studies/{cc}",
    operationId: "listLiftStudies",
    summary: "The lift studies remembered for a country (the next runs calibrate with them)",
    params: CountryParams,
    response: LiftStudyListData,
    successStatus: 200,
    errors: { 400: "The country code is not two letters" },
  },
  {
    method: "post",
    path: "/lift-studies/{cc}",
    operationId: "addLiftStudies",
    summary: "Add lift studies to a country, as objects or as CSV",
    description:
      "Checked as Slack's /mmm lift checks them; a study the country already has, field for field, is skipped (counted in `skipped`). Whether the dates fall inside the data and the channel is modelled is checked when a run starts.",
    params: CountryParams,
    body: AddLiftStudiesDoc,
    response: AddedLiftStudiesData,
    successStatus: 201,
    errors: { 400: "The body is not JSON, or the country code is not two letters", 422: BAD_STUDY },
  },
  {
    method: "put",
    path: "/lift-studies/{cc}/{id}",
    operationId: "saveLiftStudy",
    summary: "Save a lift study under its id (an edit, or a new study under this id)",
    params: LiftStudyParams,
    body: SaveLiftStudyDoc,
    response: LiftStudyData,
    successStatus: 200,
    errors: { 400: "The body is not JSON, or the country code is not two letters", 422: BAD_STUDY },
  },
  {
    method: "delete",
    path: "/lift-studies/{cc}/{id}",
    operationId: "deleteLiftStudy",
    summary: "Remove a lift study from a country",
    params: LiftStudyParams,
    response: LiftStudyData,
    successStatus: 200,
    errors: { 400: "The country code is not two letters", 404: "The country has no study with this id" },
  },
];
