/**
 * The buttons under batch settings shared with the app. "Start N runs" starts the batch as the person who
 * pressed it (the access middleware has checked them and the channel, as for every run start in Slack):
 * every row is parsed and checked against its data again, and only when all pass are the runs queued; the
 * summary is then replaced by the batch id, its runs and where to follow them. The batch id is made from
 * the kept file's token, so a second press finds the batch it started instead of starting another.
 * "Cancel" drops the kept file.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { isMmmError } from "../../../common/errors.ts";
import { parseBatchSettings } from "../../../core/batches/batch-settings.ts";
import { BATCH_ID_PREFIX, startBatch } from "../../../core/batches/start-batch.ts";
import type { Run } from "../../../core/run.ts";
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
    const { artifacts, lifecycle, runs } = context.services;
    const token = action.value ?? "";
    const batchId = `${BATCH_ID_PREFIX}${token}`;
    const started = (members: readonly Run[], by: string) =>
      respond({ replace_original: true, ...startedMessage(context, batchId, members, by) });
    try {
      const { runs: existing } = await runs.listRuns({ groupId: batchId, limit: 200 });
      if (existing.length > 0) {
        await started(existing, existing[0]!.createdBy.id);
        return;
      }
      const kept = await sharedBatch(artifacts, token);
      try {
        const batch = await startBatch(
          lifecycle,
          parseBatchSettings(kept.fileName, kept.text),
          slackActor(body.user),
          batchId,
        );
        await forgetSharedBatch(artifacts, token);
        logger.info(`batch ${batchId} (${batch.runs.length} runs) started by ${body.user.id}`);
        await started(batch.runs, body.user.id);
      } catch (error) {
        // A bad row stays bad: the summary becomes the reason. Anything else may pass on a retry.
        if (!isMmmError(error) || error.code !== "invalid_input") throw error;
        await forgetSharedBatch(artifacts, token);
        await respond({ replace_original: true, ...batchRefusedMessage(kept.fileName, error) });
      }
    } catch (error) {
      logger.info(`batch ${batchId} not started: ${(error as Error).message}`);
      await respond({ response_type: "ephemeral", replace_original: false, ...errorMessage(error) });
    }
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

function startedMessage(context: BotContext, batchId: string, runs: readonly Run[], by: string) {
  return batchStartedMessage(
    { batchId, runs: [...runs].sort((a, b) => a.id.localeCompare(b.id)), by },
    {
      status: `${context.services.baseUrl.replace(/\/+$/, "")}/api/batches/${batchId}`,
      run: (runId) => context.link({ run: runId }),
    },
  );
}
