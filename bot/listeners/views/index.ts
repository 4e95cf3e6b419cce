/** Modal submissions, by callback id. */
import type { App } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { VIEW } from "../../blocks/ids.ts";
import { allocateSubmitted } from "./allocate-submitted.ts";
import { liftStudySubmitted } from "./lift-study-submitted.ts";
import { pickBestSubmitted } from "./pick-best-submitted.ts";
import { trainMappingSubmitted } from "./train-mapping-submitted.ts";
import { trainSettingsSubmitted } from "./train-settings-submitted.ts";
import { trainSourceSubmitted } from "./train-source-submitted.ts";

export function registerViews(app: App, context: BotContext): void {
  app.view(VIEW.trainSource, trainSourceSubmitted(context));
  app.view(VIEW.trainMapping, trainMappingSubmitted(context));
  app.view(VIEW.trainSettings, trainSettingsSubmitted(context));
  app.view(VIEW.pickBest, pickBestSubmitted(context));
  app.view(VIEW.allocate, allocateSubmitted(context));
  app.view(VIEW.liftStudy, liftStudySubmitted(context));
}
