/** External select menus' options (`block_suggestion`), by action id. */
import type { App } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { ACTION } from "../../blocks/ids.ts";
import { tableOptions } from "./tables.ts";

export function registerOptions(app: App, context: BotContext): void {
  app.options({ type: "block_suggestion", action_id: ACTION.tableSelected }, tableOptions(context));
}
