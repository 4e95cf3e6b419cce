/**
 * The App Home tab: recent runs with their status, the best model of each country, a New run button.
 *
 * The builder is one typed literal that reads top to bottom in the order Slack shows it, so it is long
 * on purpose.
 */
import type { HomeView, KnownBlock } from "@slack/types";
import type { Run, RunStatus } from "../../core/run.ts";
import type { BestModelPick } from "../../core/run-store/port.ts";
import type { ViewerTarget } from "../viewer-link.ts";
import { LIMITS } from "./block-kit-limits.ts";
import { code, escapeMrkdwn, mention, slackDate, truncate } from "./format.ts";
import { ACTION, VIEW } from "./ids.ts";
import { mrkdwn, plain } from "./text-objects.ts";

export const STATUS_EMOJI: Record<RunStatus, string> = {
  queued: ":hourglass:",
  preparing: ":gear:",
  running: ":running:",
  succeeded: ":white_check_mark:",
  failed: ":x:",
  cancelled: ":no_entry_sign:",
};

export interface HomeInput {
  recentRuns: readonly Run[];
  bests: readonly BestModelPick[];
  link: (target: ViewerTarget) => string;
  /** Shown instead of everything else when the person may not use the app (our own mrkdwn). */
  refusal?: string;
}

const MAX_RUNS = 20;

export function homeView(input: HomeInput): HomeView {
  const blocks: KnownBlock[] = [{ type: "header", text: plain("MMM Trainer", LIMITS.headerText) }];
  if (input.refusal) {
    blocks.push({ type: "section", text: mrkdwn(`:lock: ${input.refusal}`) });
    return { type: "home", callback_id: VIEW.home, blocks };
  }
  blocks.push(
    {
      type: "section",
      text: mrkdwn(
        "Train marketing-mix models (Robyn's method) on your warehouse data, follow them in a channel, and pick " +
          "the best model per country. Type `/mmm help` anywhere for the commands.",
      ),
      accessory: {
        type: "button",
        action_id: ACTION.newRun,
        text: plain("New run", LIMITS.buttonText),
        style: "primary",
      },
    },
    { type: "divider" },
    { type: "header", text: plain("Recent runs", LIMITS.headerText) },
  );
  const runs = input.recentRuns.slice(0, MAX_RUNS);
  if (runs.length === 0)
    blocks.push({ type: "section", text: mrkdwn("No runs yet. Press *New run* to start one.") });
  for (const run of runs) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        `${STATUS_EMOJI[run.status]} *${escapeMrkdwn(run.country)}*${run.tag ? ` · ${escapeMrkdwn(truncate(run.tag, 100))}` : ""} · ` +
          `${run.status} · ${code(run.id)}\n` +
          `by ${run.createdBy.kind === "slack" ? mention(run.createdBy.id) : escapeMrkdwn(run.createdBy.name ?? run.createdBy.id)}, ` +
          `${slackDate(run.createdAt)}`,
      ),
      accessory: {
        type: "button",
        action_id: ACTION.openViewer,
        text: plain("Open", LIMITS.buttonText),
        url: input.link({ run: run.id }),
      },
    });
  }
  blocks.push(
    { type: "divider" },
    { type: "header", text: plain("Best model per country", LIMITS.headerText) },
  );
  const room = LIMITS.viewBlocks - blocks.length - 1;
  const bests = input.bests.slice(0, room);
  if (bests.length === 0)
    blocks.push({
      type: "section",
      text: mrkdwn("No best model picked yet: use *Pick as best* in a run's thread, or the viewer."),
    });
  for (const pick of bests) {
    blocks.push({
      type: "section",
      text: mrkdwn(
        `*${escapeMrkdwn(pick.country)}*: model ${code(pick.solID)} of run ${code(pick.runId)}, picked by ` +
          `${pick.by.kind === "slack" ? mention(pick.by.id) : escapeMrkdwn(pick.by.name ?? pick.by.id)} ${slackDate(pick.at)}` +
          (pick.note ? `\n“${escapeMrkdwn(truncate(pick.note, 500))}”` : ""),
      ),
      accessory: {
        type: "button",
        action_id: ACTION.openViewer,
        text: plain("Open", LIMITS.buttonText),
        url: input.link({ run: pick.runId, model: pick.solID }),
      },
    });
  }
  if (input.bests.length > bests.length) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(`${input.bests.length - bests.length} more countries: see the viewer.`)],
    });
  }
  return { type: "home", callback_id: VIEW.home, blocks };
}
