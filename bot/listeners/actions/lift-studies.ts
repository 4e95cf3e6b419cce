/**
 * The buttons of the lift study modal: "Add studies" turns the list into the empty form; a study's menu
 * turns it into the filled-in form (Edit) or forgets the study and shows the list again (Remove).
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  OverflowAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import {
  liftStudiesView,
  liftStudyFormView,
  liftStudyLine,
  type LiftModalMetadata,
} from "../../blocks/lift-studies-modal.ts";

type Args<A extends ButtonAction | OverflowAction> = AllMiddlewareArgs &
  SlackActionMiddlewareArgs<BlockAction<A>>;

function countryOf(body: BlockAction): string | undefined {
  const metadata = body.view?.private_metadata;
  return metadata ? (JSON.parse(metadata) as LiftModalMetadata).country : undefined;
}

export async function liftAdd({ ack, body, client }: Args<ButtonAction>): Promise<void> {
  await ack();
  const country = countryOf(body);
  if (!body.view || !country) return;
  await client.views.update({ view_id: body.view.id, view: liftStudyFormView(country) });
}

export function liftStudyMenu(context: BotContext) {
  return async function onLiftStudyMenu({ ack, body, action, client }: Args<OverflowAction>): Promise<void> {
    await ack();
    const country = countryOf(body);
    if (!body.view || !country) return;
    const { runs } = context.services;
    const [verb, id = ""] = action.selected_option.value.split(/:(.*)/s);
    let note: string;
    if (verb === "edit") {
      const study = (await runs.listLiftStudies(country)).find((s) => s.id === id);
      if (study) {
        await client.views.update({ view_id: body.view.id, view: liftStudyFormView(country, study) });
        return;
      }
      note = "That study was removed meanwhile.";
    } else {
      const removed = await runs.deleteLiftStudy(country, id);
      note = removed ? `Removed ${liftStudyLine(removed.study)}.` : "That study was already removed.";
    }
    await client.views.update({
      view_id: body.view.id,
      view: liftStudiesView(country, await runs.listLiftStudies(country), note),
    });
  };
}
