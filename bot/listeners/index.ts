/**
 * Every listener of the Slack app, per surface, behind two global middlewares: Slack's retries of requests
 * already taken are dropped, and the access policy refuses politely whoever may not use the app.
 */
import type { App } from "@slack/bolt";
import type { BotContext } from "../bot-context.ts";
import { accessMiddleware } from "./access-middleware.ts";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import { registerFiles } from "./files/index.ts";
import { registerHome } from "./home/index.ts";
import { registerOptions } from "./options/index.ts";
import { RecentRequests, retryMiddleware } from "./retry-middleware.ts";
import { registerViews } from "./views/index.ts";

export function registerListeners(app: App, context: BotContext): void {
  app.use(retryMiddleware(new RecentRequests()));
  app.use(accessMiddleware(context.access));
  registerCommands(app, context);
  registerViews(app, context);
  registerActions(app, context);
  registerOptions(app, context);
  registerHome(app, context);
  registerFiles(app, context);
}
