/**
 * `file_shared`: a file shared in the app's DM, or in a channel the app is in, becomes a dataset and the
 * app answers in that conversation (in the file message's thread when Slack says which) with what it read
 * and a "Train on it" button, or with why it could not, nothing stored.
 *
 * The event names its sharer as `user_id`, which the global access middleware does not read, so access is
 * checked here: the person, and the channel unless it is the app's DM. In a channel, files that are not data
 * files (images, PDFs, the app's own one-pagers) are ignored: people share those for each other; in the DM
 * every file is meant for the app, so a wrong kind is answered.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { isDataFileName } from "../../../core/datasets/upload-format.ts";
import { isMmmError } from "../../../common/errors.ts";
import type { BotContext } from "../../bot-context.ts";
import { datasetReadMessage, datasetRefusedMessage } from "../../blocks/dataset-message.ts";
import { refusalMessage } from "../../blocks/errors.ts";
import { datasetFromSharedFile } from "../../datasets/dataset-from-slack-file.ts";
import { sharedFileInfo } from "../../datasets/slack-file-download.ts";
import { slackActor } from "../../slack-actor.ts";

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<"file_shared">;

export function fileShared(context: BotContext) {
  return async function onFileShared({ event, client, context: bolt, logger }: Args): Promise<void> {
    if (event.user_id === bolt.botUserId) return;
    const channel = event.channel_id;
    const direct = channel.startsWith("D");
    const file = await sharedFileInfo(client, event.file_id);
    if (!direct && !isDataFileName(file.name)) return;
    const verdict = await context.access.check({
      userId: event.user_id,
      ...(direct ? {} : { channel: { id: channel } }),
    });
    if (!verdict.ok) {
      await client.chat.postEphemeral({ channel, user: event.user_id, ...refusalMessage(verdict.reason) });
      return;
    }
    const thread = file.sharedIn[channel];
    const post = (message: { text: string; blocks: unknown[] }) =>
      client.chat.postMessage({
        channel,
        ...(thread ? { thread_ts: thread } : {}),
        text: message.text,
        blocks: message.blocks as never,
      });
    try {
      const read = await datasetFromSharedFile(
        context,
        file,
        bolt.botToken ?? "",
        slackActor({ id: event.user_id }),
      );
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
    }
  };
}
