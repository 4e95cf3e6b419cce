/**
 * The lift study modal of `/mmm lift <country>`: the country's remembered studies, each with Edit and
 * Remove, and a form that adds one study (or several, pasted as CSV) or edits one. The list and the
 * form replace each other in one modal (`views.update`), so the modal never stacks views.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { CalibrationStudy } from "../../core/run-spec.ts";
import type { StoredLiftStudy } from "../../core/run-store/port.ts";
import { LIFT_STUDY_COLUMNS } from "../../core/calibration/lift-study-csv.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { code, escapeMrkdwn, formatNumber, mention } from "./format.ts";
import { ACTION, LIFT_BLOCK, VIEW } from "./ids.ts";
import { dateInput, numberInput, textInput } from "./input-blocks.ts";
import { multilineInput } from "./multiline-input.ts";
import type { SlackMessage } from "./run-message.ts";
import { chunkLines, mrkdwn, option, plain } from "./text-objects.ts";

/** What both views carry: the country, and for an edit the study's id. */
export interface LiftModalMetadata {
  country: string;
  id?: string;
}

/** Studies listed one section each; the rest are counted (a modal holds 100 blocks). */
const MAX_LISTED = 40;

const SCOPES: Record<CalibrationStudy["calibration_scope"], PlainTextOption> = {
  immediate: option("Immediate (the effect inside the study)", "immediate"),
  total: option("Total (with the carryover after it)", "total"),
};

/** One line about a study, for lists in Slack. */
export function liftStudyLine(study: CalibrationStudy): string {
  return (
    `${code(study.channel)} ${study.liftStartDate} to ${study.liftEndDate}: lift ${formatNumber(study.liftAbs)}` +
    ` on spend ${formatNumber(study.spend)}, confidence ${study.confidence}` +
    `${study.calibration_scope === "total" ? ", total effect" : ""}` +
    `${study.metric ? `, metric ${escapeMrkdwn(study.metric)}` : ""}`
  );
}

export function liftStudiesView(
  country: string,
  studies: readonly StoredLiftStudy[],
  note?: string,
): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        `*Lift studies for ${escapeMrkdwn(country)}.* The next ${escapeMrkdwn(country)} runs calibrate with ` +
          "them (the train modal lets you leave them out). Dates outside a run's data are reported when it starts.",
      ),
    },
  ];
  if (note) blocks.push({ type: "context", elements: [mrkdwn(`:white_check_mark: ${note}`)] });
  if (studies.length === 0) blocks.push({ type: "section", text: mrkdwn("_No lift studies yet._") });
  for (const stored of studies.slice(0, MAX_LISTED)) {
    // The app names studies with UUIDs; an id too long for a menu value (saved by another client) is
    // listed without the menu rather than breaking the modal.
    const menu = `remove:${stored.id}`.length <= LIMITS.optionValue;
    blocks.push({
      type: "section",
      text: mrkdwn(liftStudyLine(stored.study)),
      ...(menu
        ? {
            accessory: {
              type: "overflow" as const,
              action_id: ACTION.liftStudyMenu,
              options: [option("Edit", `edit:${stored.id}`), option("Remove", `remove:${stored.id}`)],
            },
          }
        : {}),
    });
  }
  if (studies.length > MAX_LISTED)
    blocks.push({
      type: "context",
      elements: [mrkdwn(`…and ${studies.length - MAX_LISTED} more, which runs use too.`)],
    });
  blocks.push(
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ACTION.liftAdd,
          text: plain("Add studies", LIMITS.buttonText),
          value: country,
        },
      ],
    },
    {
      type: "context",
      elements: [
        mrkdwn(
          `Or in a message: \`/mmm lift import ${escapeMrkdwn(country)}\` followed by CSV lines (${LIFT_STUDY_COLUMNS.join(",")}).`,
        ),
      ],
    },
  );
  return {
    type: "modal",
    callback_id: VIEW.liftStudies,
    title: plain(`Lift studies · ${country}`, LIMITS.modalTitle),
    close: plain("Done", LIMITS.modalButton),
    private_metadata: JSON.stringify({ country } satisfies LiftModalMetadata),
    blocks,
  };
}

/** The form: empty to add (with the CSV box), filled in to edit `editing`. */
export function liftStudyFormView(country: string, editing?: StoredLiftStudy): ModalView {
  const s = editing?.study;
  const metadata: LiftModalMetadata = { country, ...(editing ? { id: editing.id } : {}) };
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        editing
          ? `*Edit a lift study for ${escapeMrkdwn(country)}.*`
          : `*Add a lift study for ${escapeMrkdwn(country)}*: fill in the fields, or paste several as CSV below.`,
      ),
    },
    textInput(
      LIFT_BLOCK.channel,
      "Channel",
      "The paid media variable the study measured, e.g. facebook_S (several: a+b).",
      s?.channel,
      { maxLength: 255 },
    ),
    dateInput(LIFT_BLOCK.liftStartDate, "Study starts", s?.liftStartDate),
    dateInput(LIFT_BLOCK.liftEndDate, "Study ends", s?.liftEndDate),
    numberInput(
      LIFT_BLOCK.liftAbs,
      "Measured lift (absolute)",
      "The incremental response the study measured, in the goal's units.",
      s?.liftAbs,
      { decimal: true },
    ),
    numberInput(
      LIFT_BLOCK.spend,
      "Spend during the study",
      "Spend on the channel between the two dates.",
      s?.spend,
      { decimal: true, min: 0 },
    ),
    numberInput(
      LIFT_BLOCK.confidence,
      "Confidence",
      "0 to 1: how much the study is trusted; it weights the study's error in the search. Empty: 0.9.",
      s?.confidence,
      { decimal: true, min: 0, max: 1 },
    ),
    textInput(
      LIFT_BLOCK.metric,
      "Metric",
      "The response the study measured (the goal column). Optional.",
      s?.metric,
      { maxLength: 255 },
    ),
    {
      type: "input",
      block_id: LIFT_BLOCK.calibration_scope,
      optional: true,
      label: plain("Compared with", LIMITS.inputLabel),
      element: {
        type: "static_select",
        action_id: ACTION.value,
        options: Object.values(SCOPES),
        initial_option: SCOPES[s?.calibration_scope ?? "immediate"],
      },
    },
  ];
  if (!editing)
    blocks.push(
      multilineInput(
        LIFT_BLOCK.csv,
        "Or paste several studies as CSV",
        `One study per line; a header of ${LIFT_STUDY_COLUMNS.join(",")} (the last three optional), or that column order without one.`,
        undefined,
      ),
    );
  return {
    type: "modal",
    callback_id: VIEW.liftStudy,
    title: plain(`Lift studies · ${country}`, LIMITS.modalTitle),
    submit: plain("Save", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** What `/mmm lift import` says in the channel: who added which studies for which country. */
export function liftImportMessage(
  country: string,
  saved: readonly StoredLiftStudy[],
  alreadyKnown: number,
  by: string,
): SlackMessage {
  const known = alreadyKnown > 0 ? ` (${alreadyKnown} already remembered, not added twice)` : "";
  const headline =
    `${mention(by)} added ${saved.length} lift ${saved.length === 1 ? "study" : "studies"} for ` +
    `${escapeMrkdwn(country)}${known}. The next ${escapeMrkdwn(country)} runs calibrate with them; ` +
    `\`/mmm lift ${escapeMrkdwn(country)}\` shows, edits or removes them.`;
  const lines = saved.slice(0, 200).map((s) => `• ${liftStudyLine(s.study)}`);
  return {
    text: `${saved.length} lift studies added for ${country}`,
    blocks: [headline, ...chunkLines(lines)].slice(0, LIMITS.messageBlocks).map((text) => ({
      type: "section" as const,
      text: mrkdwn(text),
    })),
  };
}
