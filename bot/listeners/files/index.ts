/** Events: files shared with the app. */
import type { App } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { fileShared } from "./file-shared.ts";

export function registerFiles(app: App, context: BotContext): void {
  app.event("file_shared", fileShared(context));
}
