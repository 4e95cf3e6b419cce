/** Events: the Home tab. */
import type { App } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { appHomeOpened } from "./app-home-opened.ts";

export function registerHome(app: App, context: BotContext): void {
  app.event("app_home_opened", appHomeOpened(context));
}
