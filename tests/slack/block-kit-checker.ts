/**
 * A checker that lists every place a message, modal, Home tab or options response breaks one of Slack's
 * Block Kit limits (`bot/blocks/block-kit-limits.ts`). Every builder's output is run through
 * `blockKitViolations` in tests with realistic and with extreme inputs.
 */
import { LIMITS } from "../../bot/blocks/block-kit-limits.ts";

export type Surface =
  | { kind: "message"; text?: string; blocks?: readonly unknown[] }
  | { kind: "modal"; view: Record<string, unknown> }
  | { kind: "home"; view: Record<string, unknown> }
  | { kind: "options"; response: { options?: readonly unknown[]; option_groups?: readonly unknown[] } };

export interface Violation {
  /** Where, as a JSON path: `blocks[3].elements[0].text.text`. */
  path: string;
  /** What is wrong, with the limit and the actual value. */
  problem: string;
}

type Json = Record<string, unknown>;

const SELECTS = new Set(["static_select", "multi_static_select"]);
const EXTERNAL_SELECTS = new Set(["external_select", "multi_external_select"]);
const TEXT_ONLY_ELEMENTS = new Set([
  "conversations_select",
  "multi_conversations_select",
  "channels_select",
  "multi_channels_select",
  "users_select",
  "multi_users_select",
  "timepicker",
  "email_text_input",
  "url_text_input",
]);

/** Every limit the surface breaks; empty when Slack will accept it. */
export function blockKitViolations(surface: Surface): Violation[] {
  const out: Violation[] = [];
  const report = (path: string, problem: string) => out.push({ path, problem });
  switch (surface.kind) {
    case "message": {
      const text = surface.text ?? "";
      if (text.trim() === "")
        report("text", "a message needs a `text` fallback (notifications, screen readers)");
      maxLength(report, "text", text, LIMITS.messageText);
      checkBlocks(report, surface.blocks ?? [], LIMITS.messageBlocks, "message");
      break;
    }
    case "modal":
    case "home":
      checkView(report, surface.view, surface.kind);
      break;
    case "options":
      checkOptionList(report, "", surface.response.options, surface.response.option_groups, false);
      break;
  }
  return out;
}

/** Throws one error listing every violation (for tests and assertions). */
export function assertWithinBlockKitLimits(surface: Surface, label = surface.kind): void {
  const violations = blockKitViolations(surface);
  if (violations.length > 0) {
    throw new Error(
      `${label} breaks Block Kit limits:\n${violations.map((v) => `  ${v.path}: ${v.problem}`).join("\n")}`,
    );
  }
}

type Report = (path: string, problem: string) => void;

function checkView(report: Report, view: Json, kind: "modal" | "home"): void {
  if (view.type !== kind) report("type", `must be "${kind}", is ${JSON.stringify(view.type)}`);
  maxLength(report, "private_metadata", view.private_metadata, LIMITS.privateMetadata);
  maxLength(report, "callback_id", view.callback_id, LIMITS.callbackId);
  maxLength(report, "external_id", view.external_id, LIMITS.externalId);
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  checkBlocks(report, blocks, LIMITS.viewBlocks, kind);
  if (kind === "modal") {
    plainText(report, "title", view.title, LIMITS.modalTitle, true);
    plainText(report, "submit", view.submit, LIMITS.modalButton, false);
    plainText(report, "close", view.close, LIMITS.modalButton, false);
    const hasInput = blocks.some((b) => (b as Json).type === "input");
    if (hasInput && view.submit === undefined) report("submit", "a modal with input blocks needs `submit`");
  }
}

function checkBlocks(report: Report, blocks: readonly unknown[], max: number, surface: string): void {
  if (blocks.length > max) report("blocks", `${blocks.length} blocks; a ${surface} allows ${max}`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const block = raw as Json;
    const path = `blocks[${i}]`;
    if (typeof block.block_id === "string") {
      maxLength(report, `${path}.block_id`, block.block_id, LIMITS.blockId);
      if (blockIds.has(block.block_id)) report(`${path}.block_id`, `"${block.block_id}" is used twice`);
      blockIds.add(block.block_id);
    }
    checkBlock(report, path, block, surface);
  });
}

function checkBlock(report: Report, path: string, block: Json, surface: string): void {
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined)
        report(path, "a section needs `text` or `fields`");
      if (block.text !== undefined) textObject(report, `${path}.text`, block.text, LIMITS.sectionText, true);
      if (block.fields !== undefined) {
        const fields = block.fields as unknown[];
        if (fields.length > LIMITS.sectionFields)
          report(`${path}.fields`, `${fields.length} fields; at most ${LIMITS.sectionFields}`);
        fields.forEach((f, j) =>
          textObject(report, `${path}.fields[${j}]`, f, LIMITS.sectionFieldText, true),
        );
      }
      if (block.accessory !== undefined) checkElement(report, `${path}.accessory`, block.accessory as Json);
      break;
    }
    case "header":
      plainText(report, `${path}.text`, block.text, LIMITS.headerText, true);
      break;
    case "context": {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > LIMITS.contextElements)
        report(`${path}.elements`, `${elements.length} elements; 1 to ${LIMITS.contextElements}`);
      elements.forEach((e, j) => {
        if (e.type === "image") checkImage(report, `${path}.elements[${j}]`, e);
        else textObject(report, `${path}.elements[${j}]`, e, LIMITS.contextText, true);
      });
      break;
    }
    case "actions": {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > LIMITS.actionsElements)
        report(`${path}.elements`, `${elements.length} elements; 1 to ${LIMITS.actionsElements}`);
      uniqueActionIds(report, path, elements);
      elements.forEach((e, j) => checkElement(report, `${path}.elements[${j}]`, e));
      break;
    }
    case "input":
      if (surface === "message") report(path, "input blocks are for modals and Home tabs");
      plainText(report, `${path}.label`, block.label, LIMITS.inputLabel, true);
      plainText(report, `${path}.hint`, block.hint, LIMITS.inputHint, false);
      if (block.element === undefined) report(`${path}.element`, "an input block needs an element");
      else checkElement(report, `${path}.element`, block.element as Json);
      break;
    case "image":
      checkImage(report, path, block);
      plainText(report, `${path}.title`, block.title, 2000, false);
      break;
    case "markdown":
      maxLength(report, `${path}.text`, block.text, LIMITS.markdownText);
      break;
    case "divider":
      break;
    default:
      report(`${path}.type`, `unknown or unchecked block type ${JSON.stringify(block.type)}`);
  }
}

function checkElement(report: Report, path: string, element: Json): void {
  maxLength(report, `${path}.action_id`, element.action_id, LIMITS.actionId);
  plainText(report, `${path}.placeholder`, element.placeholder, LIMITS.placeholder, false);
  if (element.confirm !== undefined) checkConfirm(report, `${path}.confirm`, element.confirm as Json);
  const type = element.type as string;
  if (type === "button") {
    plainText(report, `${path}.text`, element.text, LIMITS.buttonText, true);
    maxLength(report, `${path}.value`, element.value, LIMITS.buttonValue);
    maxLength(report, `${path}.url`, element.url, LIMITS.buttonUrl);
  } else if (SELECTS.has(type)) {
    checkOptionList(report, path, element.options, element.option_groups, true);
    initialAmongOptions(report, path, element);
  } else if (EXTERNAL_SELECTS.has(type)) {
    const initial = element.initial_option ?? element.initial_options;
    for (const [j, o] of (Array.isArray(initial) ? initial : initial ? [initial] : []).entries())
      checkOption(report, `${path}.initial_option[${j}]`, o as Json, true);
  } else if (type === "radio_buttons" || type === "checkboxes") {
    const options = (element.options as Json[] | undefined) ?? [];
    if (options.length === 0 || options.length > LIMITS.radioOrCheckboxOptions)
      report(`${path}.options`, `${options.length} options; 1 to ${LIMITS.radioOrCheckboxOptions}`);
    options.forEach((o, j) => checkOption(report, `${path}.options[${j}]`, o, false));
    initialAmongOptions(report, path, element);
  } else if (type === "overflow") {
    const options = (element.options as Json[] | undefined) ?? [];
    if (options.length < 1 || options.length > LIMITS.overflowOptions)
      report(`${path}.options`, `${options.length} options; 1 to ${LIMITS.overflowOptions}`);
    options.forEach((o, j) => checkOption(report, `${path}.options[${j}]`, o, true));
  } else if (type === "plain_text_input") {
    const max = (element.max_length as number | undefined) ?? LIMITS.plainTextInputLength;
    if (max > LIMITS.plainTextInputLength)
      report(`${path}.max_length`, `${max}; at most ${LIMITS.plainTextInputLength}`);
    maxLength(report, `${path}.initial_value`, element.initial_value, max);
  } else if (type === "number_input") {
    if (typeof element.is_decimal_allowed !== "boolean")
      report(`${path}.is_decimal_allowed`, "a number input needs is_decimal_allowed");
    if (element.initial_value !== undefined && !Number.isFinite(Number(element.initial_value)))
      report(`${path}.initial_value`, `${JSON.stringify(element.initial_value)} is not a number`);
  } else if (type === "datepicker") {
    if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date)))
      report(`${path}.initial_date`, `${JSON.stringify(element.initial_date)} is not YYYY-MM-DD`);
  } else if (type === "image") {
    checkImage(report, path, element);
  } else if (!TEXT_ONLY_ELEMENTS.has(type)) {
    report(`${path}.type`, `unknown or unchecked element type ${JSON.stringify(type)}`);
  }
}

function checkOptionList(
  report: Report,
  path: string,
  options: unknown,
  groups: unknown,
  plainOnly: boolean,
): void {
  const prefix = path ? `${path}.` : "";
  if (options !== undefined && groups !== undefined)
    report(path || "options", "give options or option_groups");
  if (Array.isArray(options)) {
    if (options.length > LIMITS.selectOptions)
      report(`${prefix}options`, `${options.length} options; at most ${LIMITS.selectOptions}`);
    options.forEach((o, j) => checkOption(report, `${prefix}options[${j}]`, o as Json, plainOnly));
  }
  if (Array.isArray(groups)) {
    if (groups.length > LIMITS.optionGroups)
      report(`${prefix}option_groups`, `${groups.length} groups; at most ${LIMITS.optionGroups}`);
    groups.forEach((g, j) => {
      const group = g as Json;
      plainText(report, `${prefix}option_groups[${j}].label`, group.label, LIMITS.optionGroupLabel, true);
      const inner = (group.options as Json[] | undefined) ?? [];
      if (inner.length > LIMITS.selectOptions)
        report(
          `${prefix}option_groups[${j}].options`,
          `${inner.length} options; at most ${LIMITS.selectOptions}`,
        );
      inner.forEach((o, k) =>
        checkOption(report, `${prefix}option_groups[${j}].options[${k}]`, o, plainOnly),
      );
    });
  }
}

function checkOption(report: Report, path: string, option: Json, plainOnly: boolean): void {
  if (plainOnly) plainText(report, `${path}.text`, option.text, LIMITS.optionText, true);
  else textObject(report, `${path}.text`, option.text, LIMITS.optionText, true);
  maxLength(report, `${path}.value`, option.value, LIMITS.optionValue);
  plainText(report, `${path}.description`, option.description, LIMITS.optionDescription, false);
}

/** Slack refuses an initial option that is not, field for field, one of the options. */
function initialAmongOptions(report: Report, path: string, element: Json): void {
  const all = [
    ...((element.options as Json[] | undefined) ?? []),
    ...((element.option_groups as Json[] | undefined) ?? []).flatMap((g) => (g.options as Json[]) ?? []),
  ].map((o) => JSON.stringify([o.value, (o.text as Json | undefined)?.text]));
  const initial = element.initial_option ?? element.initial_options;
  const chosen = Array.isArray(initial) ? initial : initial === undefined ? [] : [initial];
  chosen.forEach((o, j) => {
    const key = JSON.stringify([(o as Json).value, ((o as Json).text as Json | undefined)?.text]);
    if (!all.includes(key)) report(`${path}.initial_option[${j}]`, `${key} is not one of the options`);
  });
}

function checkConfirm(report: Report, path: string, confirm: Json): void {
  plainText(report, `${path}.title`, confirm.title, LIMITS.confirmTitle, true);
  textObject(report, `${path}.text`, confirm.text, LIMITS.confirmText, true);
  plainText(report, `${path}.confirm`, confirm.confirm, LIMITS.confirmButton, true);
  plainText(report, `${path}.deny`, confirm.deny, LIMITS.confirmButton, true);
}

function checkImage(report: Report, path: string, image: Json): void {
  maxLength(report, `${path}.image_url`, image.image_url, LIMITS.imageUrl);
  if (typeof image.alt_text !== "string" || image.alt_text === "")
    report(`${path}.alt_text`, "an image needs alt_text");
  maxLength(report, `${path}.alt_text`, image.alt_text, LIMITS.imageAltText);
}

function uniqueActionIds(report: Report, path: string, elements: Json[]): void {
  const seen = new Set<string>();
  for (const e of elements) {
    if (typeof e.action_id !== "string") continue;
    if (seen.has(e.action_id)) report(`${path}.elements`, `action_id "${e.action_id}" is used twice`);
    seen.add(e.action_id);
  }
}

/** A text object (plain_text or mrkdwn) of 1 to `max` characters. */
function textObject(report: Report, path: string, value: unknown, max: number, required: boolean): void {
  if (value === undefined) {
    if (required) report(path, "is required");
    return;
  }
  const text = value as Json;
  if (text.type !== "plain_text" && text.type !== "mrkdwn")
    report(`${path}.type`, `must be plain_text or mrkdwn, is ${JSON.stringify(text.type)}`);
  if (typeof text.text !== "string" || text.text.length === 0) report(`${path}.text`, "must not be empty");
  maxLength(report, `${path}.text`, text.text, max);
}

/** A plain_text object of 1 to `max` characters. */
function plainText(report: Report, path: string, value: unknown, max: number, required: boolean): void {
  if (value === undefined) {
    if (required) report(path, "is required");
    return;
  }
  const text = value as Json;
  if (text.type !== "plain_text")
    report(`${path}.type`, `must be plain_text, is ${JSON.stringify(text.type)}`);
  if (typeof text.text !== "string" || text.text.length === 0) report(`${path}.text`, "must not be empty");
  maxLength(report, `${path}.text`, text.text, max);
}

function maxLength(report: Report, path: string, value: unknown, max: number): void {
  if (typeof value === "string" && value.length > max)
    report(path, `${value.length} characters; at most ${max}`);
}
