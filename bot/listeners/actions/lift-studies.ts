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
  ViewOutput,
} from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { SOURCE_BLOCK } from "../../blocks/ids.ts";
import { trainStatusView } from "../../blocks/train-modal.ts";
import { selectedManyIn, textIn } from "../../train/view-state.ts";
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

/**
 * "Lift studies…" in the train modal's first step: the first chosen country's studies, pushed on top
 * of the form (closing them goes back to it). Later steps cannot push: Slack stacks three views at most.
 */
export function liftFromTrain(context: BotContext) {
  return async function onLiftFromTrain({ ack, body, client }: Args<ButtonAction>): Promise<void> {
    await ack();
    const state = body.view?.state as ViewOutput["state"] | undefined;
    const typed = (textIn(state, SOURCE_BLOCK.countriesText) ?? "").split(/[\s,;]+/);
    const country = [...selectedManyIn(state, SOURCE_BLOCK.countries), ...typed]
      .map((c) => c.trim().toUpperCase())
      .find((c) => /^[A-Z]{2}$/.test(c));
    await client.views.push({
      trigger_id: body.trigger_id,
      view: country
        ? liftStudiesView(country, await context.services.runs.listLiftStudies(country))
        : trainStatusView({
            state: "failed",
            headline: "Choose a country first",
            details: ["Each country has its own lift studies: choose the countries, then open them here."],
            back: true,
          }),
    });
  };
}
