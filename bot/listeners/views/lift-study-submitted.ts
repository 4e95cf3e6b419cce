/**
 * The lift study form submitted: a bad field is answered on its input; otherwise the studies are saved
 * for the country and the modal turns back into the country's list, saying what was saved.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { liftStudiesView, type LiftModalMetadata } from "../../blocks/lift-studies-modal.ts";
import { readLiftForm } from "../../lift/read-lift-form.ts";
import { saveLiftStudies } from "../../../core/calibration/save-lift-studies.ts";
import { slackActor } from "../../slack-actor.ts";

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function liftStudySubmitted(context: BotContext) {
  return async function onLiftStudy({ ack, body, view }: Args): Promise<void> {
    const { country, id } = JSON.parse(view.private_metadata) as LiftModalMetadata;
    const form = readLiftForm(view);
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    const { runs } = context.services;
    const saved = await saveLiftStudies(runs, country, form.studies, slackActor(body.user), id);
    const skipped = form.studies.length - saved.length;
    const note =
      id !== undefined
        ? "Study saved."
        : `Saved ${saved.length} ${saved.length === 1 ? "study" : "studies"}` +
          (skipped > 0 ? ` (${skipped} already here, not added twice).` : ".");
    await ack({
      response_action: "update",
      view: liftStudiesView(country, await runs.listLiftStudies(country), note),
    });
  };
}
