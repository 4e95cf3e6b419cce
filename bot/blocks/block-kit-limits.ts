/**
 * Slack's Block Kit limits, which every builder respects (Slack rejects a payload that breaks one:
 * `invalid_blocks`, `msg_too_long`, a modal that does not open). The tests check every builder's output
 * against them with `tests/slack/block-kit-checker.ts`.
 *
 * Sources: Slack's reference pages for blocks, block elements, composition objects and views
 * (docs.slack.dev/reference/block-kit/…, docs.slack.dev/reference/views), and the limits written in the doc
 * comments of `@slack/types` 3.x. Where two sources differ, the stricter number is used (an option's
 * `value` is 150 characters in the current reference and 75 in `@slack/types`: 75 here).
 */

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** `text` of chat.postMessage / chat.update; Slack truncates past 40,000. */
  messageText: 40_000,
  blockId: 255,
  actionId: 255,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,
  modalTitle: 24,
  modalButton: 24,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  markdownText: 12_000,
  imageUrl: 3000,
  imageAltText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  placeholder: 150,
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  radioOrCheckboxOptions: 10,
  overflowOptions: 5,
  plainTextInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;
