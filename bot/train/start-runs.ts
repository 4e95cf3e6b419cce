/**
 * The end of the train modal: start the runs (one per country, all or none), post one message per run in the
 * chosen channel, and turn the modal into a "started" view that lists them. A repeated submission (Slack's
 * retry, a double click reaching another instance) finds its runs by idempotency key and posts nothing new.
 */
import type { View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import type { BotContext } from "../bot-context.ts";
import { escapeMrkdwn, link } from "../blocks/format.ts";
import { trainStatusView } from "../blocks/train-modal.ts";
import { answerFor } from "./submission-answer.ts";
import type { SettingsValues } from "../blocks/settings-modal.ts";
import { settingsView } from "../blocks/settings-modal.ts";
import { encodeDraft, type TrainDraft } from "./train-draft.ts";

export async function startFromModal(
  context: BotContext,
  client: WebClient,
  request: RunRequest,
  draft: TrainDraft,
  values: SettingsValues,
  viewId: string,
): Promise<void> {
  const { lifecycle, logger } = context.services;
  const channel = draft.channel ?? request.actor.id;
  let started;
  try {
    started = await lifecycle.start(request);
  } catch (error) {
    logger.info({ err: error }, "train modal: start refused");
    await updateView(
      client,
      viewId,
      settingsView({
        draft,
        metadata: encodeDraft(draft, context.drafts),
        values,
        problem: answerFor(error, "settings").problem,
      }),
      logger,
    );
    return;
  }
  if (!started.repeated) {
    for (const [i, run] of started.runs.entries()) {
      await context.notifier.announce(run, channel, { index: i + 1, size: started.runs.length });
    }
  }
  const lines = started.runs.map(
    (run) => `• *${escapeMrkdwn(run.country)}*: ${link(context.link({ run: run.id }), run.id)}`,
  );
  await updateView(
    client,
    viewId,
    trainStatusView({
      state: "started",
      headline: `${started.runs.length === 1 ? "1 run" : `${started.runs.length} runs`} started`,
      details: [
        ...lines,
        `Progress and results are posted in <#${channel}>${started.repeated ? " (this request had already started them)" : ""}.`,
      ],
    }),
    logger,
  );
}

export async function updateView(
  client: WebClient,
  viewId: string,
  view: View,
  logger: BotContext["services"]["logger"],
): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    logger.warn({ err: error }, "train modal: views.update failed (closed by the person?)");
  }
}
