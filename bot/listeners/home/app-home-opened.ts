/** The Home tab, published each time someone opens it: recent runs, the best model per country, New run. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { homeView } from "../../blocks/home.ts";

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<"app_home_opened">;

export function appHomeOpened(context: BotContext) {
  return async function onAppHomeOpened({ event, client }: Args): Promise<void> {
    if (event.tab !== "home") return;
    const [{ runs }, bests] = await Promise.all([
      context.services.runs.listRuns({ limit: 20 }),
      context.services.runs.listBest(),
    ]);
    await client.views.publish({
      user_id: event.user,
      view: homeView({ recentRuns: runs, bests, link: context.link }),
    });
  };
}
