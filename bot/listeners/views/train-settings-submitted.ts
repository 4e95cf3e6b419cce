/**
 * Step 3 of the train modal submitted: the whole request is checked against the data before anything
 * launches. Checked within the ack budget, a problem lands on the exact input (`response_action: "errors"`)
 * or above the form; a slower check answers with a "checking" view and shows the outcome with `views.update`.
 * Then the runs start (idempotent: the submitted view's id and hash are the key) and their messages go out.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { settleWithin } from "../../ack-budget.ts";
import { SETTINGS_BLOCK } from "../../blocks/ids.ts";
import { settingsView } from "../../blocks/settings-modal.ts";
import { trainStatusView } from "../../blocks/train-modal.ts";
import {
  rememberTypedStudies,
  rememberedStudies,
  rememberedStudyErrors,
} from "../../lift/remembered-for-run.ts";
import { slackActor } from "../../slack-actor.ts";
import { specSigns } from "../../train/advanced-settings.ts";
import { readSettingsStep } from "../../train/read-steps.ts";
import { runRequestOf } from "../../train/run-request.ts";
import { startFromModal, updateView } from "../../train/start-runs.ts";
import { answerFor } from "../../train/submission-answer.ts";
import { decodeDraft, encodeDraft } from "../../train/train-draft.ts";
import { EXPIRED_VIEW } from "./train-mapping-submitted.ts";

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function trainSettingsSubmitted(context: BotContext) {
  return async function onTrainSettings({ ack, body, view, client }: Args): Promise<void> {
    const draft = decodeDraft(view.private_metadata, context.drafts);
    if (!draft?.mapping || !draft.source) {
      await ack({ response_action: "update", view: EXPIRED_VIEW });
      return;
    }
    const submitted = readSettingsStep(view);
    if (Object.keys(submitted.errors).length > 0) {
      await ack({ response_action: "errors", errors: submitted.errors });
      return;
    }
    const { values } = submitted;
    const signs = specSigns(values.signs ?? {}, draft.mapping);
    if (typeof signs === "string") {
      await ack({ response_action: "errors", errors: { [SETTINGS_BLOCK.signs]: signs } });
      return;
    }
    const actor = slackActor(body.user);
    const typed = values.calibration_input ?? [];
    const request = {
      ...runRequestOf(draft, values, actor, `slack-view:${view.id}:${view.hash}`, signs),
      ...(values.leaveOutLiftStudies
        ? {}
        : { liftStudies: await rememberedStudies(context.services.runs, draft.countries, typed) }),
    };
    const withProblem = (problem: string) =>
      settingsView({ draft, metadata: encodeDraft(draft, context.drafts), values, problem });
    const starting = trainStatusView({
      state: "starting",
      headline: `Starting ${draft.countries.length === 1 ? "the run" : `${draft.countries.length} runs`}…`,
    });

    const check = await settleWithin(context.services.lifecycle.check(request), context.ackBudgetMs);
    if (check.status === "failed") {
      // The remembered-studies input is on the form once the settings step counted them.
      const remembered = draft.liftStudyCounts
        ? rememberedStudyErrors(check.error, typed.length, draft.countries)
        : undefined;
      if (remembered) {
        await ack({ response_action: "errors", errors: remembered });
        return;
      }
      const answer = answerFor(check.error, "settings");
      await ack(
        answer.errors
          ? { response_action: "errors", errors: answer.errors }
          : { response_action: "update", view: withProblem(answer.problem) },
      );
      return;
    }
    if (check.status === "pending") {
      await ack({
        response_action: "update",
        view: trainStatusView({
          state: "checking",
          headline: "Checking your data…",
          details: ["The warehouse is taking a while. This view changes as soon as the check is done."],
        }),
      });
      try {
        await check.promise;
      } catch (error) {
        await updateView(
          client,
          view.id,
          withProblem(answerFor(error, "settings").problem),
          context.services.logger,
        );
        return;
      }
      await updateView(client, view.id, starting, context.services.logger);
    } else {
      await ack({ response_action: "update", view: starting });
    }
    // Checked against the data by now: the typed studies are worth remembering.
    if (values.rememberLiftStudies && typed.length > 0)
      await rememberTypedStudies(context.services.runs, draft.countries, typed, actor);
    await startFromModal(context, client, request, draft, values, view.id);
  };
}
