/**
 * Step 1 of the train modal with a saved preparation picked: the preparation sets the market and every
 * variable (derived channels and chosen media responses included), so the variables step is skipped and the
 * settings step is pushed at once. The countries typed must be the preparation's market.
 */
import type { ViewResponseAction } from "@slack/bolt";
import type { BotContext } from "../bot-context.ts";
import { SOURCE_BLOCK } from "../blocks/ids.ts";
import { settingsView } from "../blocks/settings-modal.ts";
import { initialSettings } from "./default-settings.ts";
import type { SourceSubmission } from "./read-steps.ts";
import { encodeDraft, mappingOfPreparation, type TrainDraft } from "./train-draft.ts";

export async function preparationStep(
  context: BotContext,
  draft: TrainDraft,
  name: string,
  submitted: SourceSubmission,
): Promise<ViewResponseAction> {
  const preparation = (await context.services.preparations.list()).find((p) => p.name === name);
  if (preparation === undefined)
    return {
      response_action: "errors",
      errors: { [SOURCE_BLOCK.table]: `No preparation is named ${name} any more: pick another one.` },
    };
  if (submitted.countries.some((c) => c !== preparation.market))
    return {
      response_action: "errors",
      errors: {
        [SOURCE_BLOCK.table]: `Preparation ${name} is for market ${preparation.market}: train it for ${preparation.market} only.`,
      },
    };
  const next: TrainDraft = {
    ...draft,
    source: { preparation: name },
    countries: [preparation.market],
    ...(submitted.channel ? { channel: submitted.channel } : {}),
    columns: [...preparation.columns, ...preparation.derived.map((d) => d.name)],
    mapping: mappingOfPreparation(preparation),
    saveMapping: false,
  };
  return {
    response_action: "push",
    view: settingsView({
      draft: next,
      metadata: encodeDraft(next, context.drafts),
      values: initialSettings(next),
    }),
  };
}
