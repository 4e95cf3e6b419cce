/** The Cancel button of a run message: cancels the run as the person who pressed it. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { errorMessage } from "../../blocks/errors.ts";
import { slackActor } from "../../slack-actor.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function cancelRun(context: BotContext) {
  return async function onCancelRun({ ack, body, action, respond, logger }: Args): Promise<void> {
    await ack();
    try {
      // The run message is edited by the notifier once the run is cancelled.
      await context.services.lifecycle.cancel(action.value ?? "", slackActor(body.user));
    } catch (error) {
      logger.info(`cancel refused: ${(error as Error).message}`);
      await respond({ response_type: "ephemeral", replace_original: false, ...errorMessage(error) });
    }
  };
}
