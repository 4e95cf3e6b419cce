/**
 * `/mmm …`: acknowledged at once (a wrong command or `help` is answered in the ack itself, as an ephemeral
 * message with what was wrong and the right form), then handed to its subcommand, which answers through the
 * command's `response_url`.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { helpMessage } from "../../blocks/command-replies.ts";
import { errorMessage, usageMessage } from "../../blocks/errors.ts";
import { parseMmm } from "../../mmm-command.ts";
import { runSubcommand } from "./subcommands.ts";

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export function mmmCommand(context: BotContext) {
  return async function onMmm({ command, ack, respond, client, logger }: Args): Promise<void> {
    const parsed = parseMmm(command.text);
    if (!parsed.ok) {
      await ack({ response_type: "ephemeral", ...usageMessage(parsed.problem, parsed.usage) });
      return;
    }
    if (parsed.command.name === "help") {
      await ack({ response_type: "ephemeral", ...helpMessage() });
      return;
    }
    await ack();
    try {
      await runSubcommand(context, parsed.command, { command, respond, client });
    } catch (error) {
      logger.warn(`/mmm ${parsed.command.name} failed: ${(error as Error).message}`);
      await respond({ response_type: "ephemeral", ...errorMessage(error) });
    }
  };
}
