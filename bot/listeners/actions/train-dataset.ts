/**
 * "Train on it" under a dataset read from a shared file: the train modal with that dataset version as the
 * source, its markets listed, and the run messages going to the channel the file was shared in.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { openTrainModal } from "../../train/open-train-modal.ts";
import { newDraft } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function trainDataset(context: BotContext) {
  return async function onTrainDataset({ ack, body, action, client }: Args): Promise<void> {
    await ack();
    // The modal's channel picker lists channels, not the app's DM: from a DM, the person picks one.
    const channel = body.channel?.id.startsWith("D") ? undefined : body.channel?.id;
    await openTrainModal(
      context,
      client,
      body.trigger_id,
      newDraft({ source: { dataset: action.value ?? "" }, ...(channel ? { channel } : {}) }),
    );
  };
}
