/** The Home tab's New run button: the train modal, empty. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { openTrainModal } from "../../train/open-train-modal.ts";
import { newDraft } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function newRun(context: BotContext) {
  return async function onNewRun({ ack, body, client }: Args): Promise<void> {
    await ack();
    await openTrainModal(context, client, body.trigger_id, newDraft());
  };
}
