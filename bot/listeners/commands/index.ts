/** Slash commands. */
import type { App } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { COMMAND } from "../../blocks/ids.ts";
import { mmmCommand } from "./mmm.ts";

export function registerCommands(app: App, context: BotContext): void {
  app.command(COMMAND, mmmCommand(context));
}
