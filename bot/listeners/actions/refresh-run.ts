/**
 * The "Refresh with new data" button of a run's results: refreshes the run's best model on its data source
 * read again (`core/refresh/start-refresh.ts`) and posts the refresh run's message in the same channel, where
 * it is followed like any run. Refusals (a file-sourced run, too little new data) come back to the person only.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { MmmError } from "../../../common/errors.ts";
import { startRefresh } from "../../../core/refresh/start-refresh.ts";
import type { BotContext } from "../../bot-context.ts";
import { errorMessage } from "../../blocks/errors.ts";
import { escapeMrkdwn } from "../../blocks/format.ts";
import { slackActor } from "../../slack-actor.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function refreshRun(context: BotContext) {
  return async function onRefreshRun({ ack, body, action, respond, logger }: Args): Promise<void> {
    await ack();
    try {
      const parent = await context.services.runs.getRun(action.value ?? "");
      if (!parent)
        throw new MmmError("not_found", `There is no run ${action.value ?? ""}.`, {
          context: { field: "runId" },
        });
      const started = await startRefresh(context.services, parent, {}, slackActor(body.user));
      const channel = body.channel?.id ?? parent.slack?.channel ?? body.user.id;
      for (const run of started.runs) await context.notifier.announce(run, channel);
      if (started.warnings.length > 0)
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: `Refresh started, with warnings:\n${started.warnings.map((w) => `• ${escapeMrkdwn(w)}`).join("\n")}`,
        });
    } catch (error) {
      logger.info(`refresh refused: ${(error as Error).message}`);
      await respond({ response_type: "ephemeral", replace_original: false, ...errorMessage(error) });
    }
  };
}
