/**
 * The train modal's word on remembered lift studies: how many will calibrate this run (per country when
 * there are several), a choice to leave them out, and one to remember the studies typed in the form for
 * the next runs. Editing them is `/mmm lift <country>` or the first step's button (this step cannot push
 * another view: Slack stacks three at most).
 */
import type { KnownBlock, PlainTextOption } from "@slack/types";
import { LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./format.ts";
import { ACTION, SETTINGS_BLOCK } from "./ids.ts";
import { mrkdwn, option, plain } from "./text-objects.ts";

export const LIFT_CHOICE = { leaveOut: "leave_out", remember: "remember" } as const;

export interface RememberedStudiesChoice {
  /** Remembered studies per country (upper-case code), counted when the settings step opened. */
  counts: Readonly<Record<string, number>>;
  leaveOut?: boolean;
  remember?: boolean;
}

export function rememberedStudiesBlocks(
  countries: readonly string[],
  choice: RememberedStudiesChoice,
): KnownBlock[] {
  const total = countries.reduce((sum, c) => sum + (choice.counts[c] ?? 0), 0);
  const where = countries.length === 1 ? escapeMrkdwn(countries[0]!) : "each country";
  const command =
    countries.length === 1 ? `\`/mmm lift ${escapeMrkdwn(countries[0]!)}\`` : "`/mmm lift <country>`";
  const perCountry =
    countries.length > 1
      ? ` (${countries.map((c) => `${escapeMrkdwn(c)} ${choice.counts[c] ?? 0}`).join(", ")})`
      : "";
  const text =
    total > 0
      ? `:test_tube: *${total} lift ${total === 1 ? "study" : "studies"} will calibrate this run*${perCountry}, ` +
        `remembered for ${where}. ${command} adds, edits or removes them.`
      : `:test_tube: No lift studies remembered for ${where}. Type studies above and tick *Remember* to reuse ` +
        `them in the next runs, or add them with ${command}. Calibration is what pins channel effects to reality.`;
  const options: Record<keyof typeof LIFT_CHOICE, PlainTextOption> = {
    leaveOut: option(
      `Leave out the ${total} remembered ${total === 1 ? "study" : "studies"}`,
      LIFT_CHOICE.leaveOut,
    ),
    remember: option("Remember the studies typed above for the next runs", LIFT_CHOICE.remember),
  };
  const shown = total > 0 ? [options.leaveOut, options.remember] : [options.remember];
  const initial = [
    ...(choice.leaveOut && total > 0 ? [options.leaveOut] : []),
    ...(choice.remember ? [options.remember] : []),
  ];
  return [
    { type: "section", text: mrkdwn(text) },
    {
      type: "input",
      block_id: SETTINGS_BLOCK.liftStudies,
      optional: true,
      label: plain("Remembered lift studies", LIMITS.inputLabel),
      element: {
        type: "checkboxes",
        action_id: ACTION.value,
        options: shown,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
  ];
}
