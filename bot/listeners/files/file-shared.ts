/**
 * `file_shared`: a file shared in the app's DM, or in a channel the app is in, becomes a dataset and the
 * app answers in that conversation (in the file message's thread when Slack says which) with what it read
 * and a "Train on it" button, or with why it could not, nothing stored. A CSV or JSON file of batch
 * settings (one run per row, `core/batches/`) is not a dataset: every row is checked, and the answer
 * summarises the runs with a "Start N runs" button (`actions/batch-buttons.ts`), or names each bad row and
 * column, nothing started.
 *
 * The event names its sharer as `user_id`, which the global access middleware does not read, so access is
 * checked here: the person, and the channel unless it is the app's DM. In a channel, files that are neither
 * data files nor batch settings (images, PDFs, other JSON, the app's own one-pagers) are ignored: people
 * share those for each other; in the DM every file is meant for the app, so a wrong kind is answered.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { looksLikeBatchSettings, parseBatchSettings } from "../../../core/batches/batch-settings.ts";
import { checkBatch } from "../../../core/batches/start-batch.ts";
import { isDataFileName } from "../../../core/datasets/upload-format.ts";
import { isMmmError } from "../../../common/errors.ts";
import type { BotContext } from "../../bot-context.ts";
import { keepSharedBatch, mayBeBatchSettings } from "../../batches/shared-batch.ts";
import { batchRefusedMessage, batchSummaryMessage } from "../../blocks/batch-message.ts";
import { datasetReadMessage, datasetRefusedMessage } from "../../blocks/dataset-message.ts";
import { refusalMessage } from "../../blocks/errors.ts";
import type { SlackMessage } from "../../blocks/run-message.ts";
import { datasetFromSharedFile } from "../../datasets/dataset-from-slack-file.ts";
import { downloadSharedFile, sharedFileInfo, type SharedFile } from "../../datasets/slack-file-download.ts";
import { slackActor } from "../../slack-actor.ts";

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<"file_shared">;

export function fileShared(context: BotContext) {
  return async function onFileShared({ event, client, context: bolt, logger }: Args): Promise<void> {
    if (event.user_id === bolt.botUserId) return;
    const channel = event.channel_id;
    const direct = channel.startsWith("D");
    const file = await sharedFileInfo(client, event.file_id);
    const maybeBatch = mayBeBatchSettings(file);
    if (!direct && !isDataFileName(file.name) && !maybeBatch) return;
    const verdict = await context.access.check({
      userId: event.user_id,
      ...(direct ? {} : { channel: { id: channel } }),
    });
    if (!verdict.ok) {
      await client.chat.postEphemeral({ channel, user: event.user_id, ...refusalMessage(verdict.reason) });
      return;
    }
    const thread = file.sharedIn[channel];
    const post = (message: SlackMessage) =>
      client.chat.postMessage({
        channel,
        ...(thread ? { thread_ts: thread } : {}),
        text: message.text,
        blocks: message.blocks as never,
      });
    const dir = await mkdtemp(join(tmpdir(), "mmm-slack-file-"));
    try {
      const path = await downloadSharedFile(file, dir, {
        token: bolt.botToken ?? "",
        maxBytes: context.files.maxBytes,
        allowedOrigins: context.files.downloadOrigins,
      });
      if (maybeBatch) {
        const text = await readFile(path, "utf8");
        if (looksLikeBatchSettings(file.name, text)) {
          await post(await batchAnswer(context, file, text, event.user_id));
          return;
        }
        // Other JSON in a channel is shared for people, not for the app.
        if (!direct && !isDataFileName(file.name)) return;
      }
      const read = await datasetFromSharedFile(context, file, path, slackActor({ id: event.user_id }));
      context.services.logger.info(
        {
          dataset: `${read.dataset.name}@${read.dataset.version}`,
          rows: read.dataset.rows,
          by: event.user_id,
        },
        "dataset read from a file shared in Slack",
      );
      await post(
        datasetReadMessage(read, context.link({ dataset: `${read.dataset.name}@${read.dataset.version}` })),
      );
    } catch (error) {
      if (!isMmmError(error)) logger.error(`shared file ${file.id} not read: ${(error as Error).message}`);
      await post(datasetRefusedMessage(file.name, error));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/**
 * Batch settings: every row parsed and checked against its data before the file is kept and the summary
 * offers to start it; a bad row is answered with each bad row and column, nothing kept.
 */
async function batchAnswer(
  context: BotContext,
  file: SharedFile,
  text: string,
  userId: string,
): Promise<SlackMessage> {
  try {
    const rows = parseBatchSettings(file.name, text);
    await checkBatch(context.services.lifecycle, rows, slackActor({ id: userId }));
    const token = await keepSharedBatch(context.services.artifacts, {
      fileName: file.name,
      text,
      sharedBy: userId,
    });
    return batchSummaryMessage(file.name, rows, token);
  } catch (error) {
    if (!isMmmError(error)) throw error;
    return batchRefusedMessage(file.name, error);
  }
}
