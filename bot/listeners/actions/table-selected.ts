/**
 * A table was picked in step 1 of the train modal: the country field becomes a list of that table's
 * countries (read after the ack; the modal is updated when the warehouse answers).
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
import { tableFromOptionValue } from "../../train/table-option.ts";
import { decodeDraft, newDraft } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>>;

export function tableSelected(context: BotContext) {
  return async function onTableSelected({ ack, body, action, client }: Args): Promise<void> {
    await ack();
    const view = body.view;
    if (!view) return;
    const value = action.selected_option?.value;
    const table = value
      ? await tableFromOptionValue(value, context.services.warehouse).catch(() => undefined)
      : undefined;
    const draft = decodeDraft(view.private_metadata, context.drafts) ?? newDraft();
    const typed = readSourceStep(view);
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
