/**
 * "Pick as best" submitted: the model must be one of the run's Pareto models; the pick is recorded with the
 * Slack user as who picked it, and announced in the run's thread.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isMmmError } from "../../../common/errors.ts";
import { RunOutputs } from "../../../core/results/run-outputs.ts";
import type { BotContext } from "../../bot-context.ts";
import { errorText } from "../../blocks/errors.ts";
import { PICK_BLOCK } from "../../blocks/ids.ts";
import type { RunModalMetadata } from "../../blocks/pick-best-modal.ts";
import { pickedMessage } from "../../blocks/run-results.ts";
import { truncate } from "../../blocks/format.ts";
import { postInThread } from "../../notifier/run-thread.ts";
import { slackActor } from "../../slack-actor.ts";
import { selectedIn, textIn } from "../../train/view-state.ts";

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function pickBestSubmitted(context: BotContext) {
  return async function onPickBest({ ack, body, view, client, logger }: Args): Promise<void> {
    const metadata = JSON.parse(view.private_metadata || "{}") as RunModalMetadata;
    const solID = selectedIn(view.state, PICK_BLOCK.model);
    const note = textIn(view.state, PICK_BLOCK.note);
    const run = await context.services.runs.getRun(metadata.runId);
    if (!run || !solID) {
      await ack({ response_action: "errors", errors: { [PICK_BLOCK.model]: "Choose a model of the run." } });
      return;
    }
    let pick;
    try {
      await new RunOutputs(context.services.artifacts, run).model(solID);
      pick = await context.services.runs.pickBest({
        country: run.country,
        runId: run.id,
        solID,
        ...(note ? { note } : {}),
        by: slackActor(body.user),
        at: new Date().toISOString(),
      });
    } catch (error) {
      if (!isMmmError(error)) logger.error(error);
      await ack({
        response_action: "errors",
        errors: { [PICK_BLOCK.model]: truncate(errorText(error), 1000) },
      });
      return;
    }
    await ack();
    const ref =
      run.slack ??
      (metadata.channel && metadata.threadTs
        ? { channel: metadata.channel, ts: metadata.threadTs }
        : undefined);
    if (ref)
      await postInThread(client, ref, pickedMessage(pick, context.link({ run: run.id, model: solID })));
  };
}
