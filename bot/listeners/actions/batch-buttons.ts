/**
 * The buttons under batch settings shared with the app. "Start N runs" starts the batch as the person who
 * pressed it (the access middleware has checked them and the channel, as for every run start in Slack):
 * every row is parsed and checked against its data again, and only when all pass are the runs queued; the
 * summary is then replaced by the batch id, its runs and where to follow them. "Cancel" drops the kept file.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { parseBatchSettings } from "../../../core/batches/batch-settings.ts";
import { startBatch } from "../../../core/batches/start-batch.ts";
import type { BotContext } from "../../bot-context.ts";
import { forgetSharedBatch, sharedBatch } from "../../batches/shared-batch.ts";
import {
  batchCancelledMessage,
  batchRefusedMessage,
  batchStartedMessage,
} from "../../blocks/batch-message.ts";
import { errorMessage } from "../../blocks/errors.ts";
import { slackActor } from "../../slack-actor.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function startBatchButton(context: BotContext) {
  return async function onStartBatch({ ack, body, action, respond, logger }: Args): Promise<void> {
    await ack();
    const { artifacts, lifecycle, baseUrl } = context.services;
    const token = action.value ?? "";
    let kept;
    try {
      kept = await sharedBatch(artifacts, token);
    } catch (error) {
      await respond({ response_type: "ephemeral", replace_original: false, ...errorMessage(error) });
      return;
    }
    let started;
    try {
      started = await startBatch(
        lifecycle,
        parseBatchSettings(kept.fileName, kept.text),
        slackActor(body.user),
      );
    } catch (error) {
      logger.info(`batch from ${kept.fileName} refused: ${(error as Error).message}`);
      await respond({ replace_original: true, ...batchRefusedMessage(kept.fileName, error) });
      await forgetSharedBatch(artifacts, token);
      return;
    }
    await forgetSharedBatch(artifacts, token);
    context.services.logger.info(
      { batch: started.batchId, runs: started.runs.length, by: body.user.id },
      "batch started from a file shared in Slack",
    );
    await respond({
      replace_original: true,
      ...batchStartedMessage(
        { ...started, by: body.user.id },
        {
          status: `${baseUrl.replace(/\/+$/, "")}/api/batches/${started.batchId}`,
          run: (runId) => context.link({ run: runId }),
        },
      ),
    });
  };
}

export function cancelBatchButton(context: BotContext) {
  return async function onCancelBatch({ ack, body, action, respond }: Args): Promise<void> {
    await ack();
    const token = action.value ?? "";
    let fileName;
    try {
      fileName = (await sharedBatch(context.services.artifacts, token)).fileName;
    } catch (error) {
      await respond({ response_type: "ephemeral", replace_original: false, ...errorMessage(error) });
      return;
    }
    await forgetSharedBatch(context.services.artifacts, token);
    await respond({ replace_original: true, ...batchCancelledMessage(fileName, body.user.id) });
  };
}
