/**
 * A table was picked in step 1 of the train modal: the country field becomes a list of that table's
 * countries (read after the ack; the modal is updated when the warehouse answers). A saved preparation
 * fills the country field with its market.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  ExternalSelectAction,
} from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { showTableCountries } from "../../train/open-train-modal.ts";
import { readSourceStep } from "../../train/read-steps.ts";
import { preparationFromOptionValue, tableFromOptionValue } from "../../train/table-option.ts";
import { decodeDraft, newDraft } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>>;

export function tableSelected(context: BotContext) {
  return async function onTableSelected({ ack, body, action, client }: Args): Promise<void> {
    await ack();
    const view = body.view;
    if (!view) return;
    const value = action.selected_option?.value;
    const draft = decodeDraft(view.private_metadata, context.drafts) ?? newDraft();
    const typed = readSourceStep(view);
    const prepared = value !== undefined ? preparationFromOptionValue(value) : undefined;
    if (prepared !== undefined) {
      // A preparation is for one market: the country field is filled with it.
      const market = (await context.services.preparations.list()).find((p) => p.name === prepared)?.market;
      const next = {
        ...draft,
        source: { preparation: prepared },
        countries: market ? [market] : typed.countries,
        ...(typed.channel ? { channel: typed.channel } : {}),
      };
      await showTableCountries(context, client, next, view.id, view.hash);
      return;
    }
    const table = value
      ? await tableFromOptionValue(value, context.services.warehouse).catch(() => undefined)
      : undefined;
    await showTableCountries(
      context,
      client,
      {
        ...draft,
        ...(table ? { source: { table } } : {}),
        countries: typed.countries.length > 0 ? typed.countries : draft.countries,
        ...(typed.channel ? { channel: typed.channel } : {}),
      },
      view.id,
      view.hash,
    );
  };
}
