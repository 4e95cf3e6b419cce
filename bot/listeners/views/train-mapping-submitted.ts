/**
 * Step 2 of the train modal submitted (the variables): checked as a mapping, then against the data with the
 * default settings when that answers within the ack budget (problems land on the exact input), then the
 * settings step is pushed. A mapping the person asked to remember is saved for the table.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { settleWithin } from "../../ack-budget.ts";
import { escapeMrkdwn } from "../../blocks/format.ts";
import { settingsView } from "../../blocks/settings-modal.ts";
import { trainStatusView } from "../../blocks/train-modal.ts";
import { liftStudyCounts } from "../../lift/remembered-for-run.ts";
import { slackActor } from "../../slack-actor.ts";
import { initialSettings } from "../../train/default-settings.ts";
import { savedMappingOf } from "../../train/mapping-step.ts";
import { readMappingStep } from "../../train/read-steps.ts";
import { runRequestOf } from "../../train/run-request.ts";
import { answerFor } from "../../train/submission-answer.ts";
import { decodeDraft, encodeDraft, type TrainDraft } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export const EXPIRED_VIEW = trainStatusView({
  state: "failed",
  headline: "This form has expired",
  details: ["Start again with `/mmm train`."],
});

export function trainMappingSubmitted(context: BotContext) {
  return async function onTrainMapping({ ack, body, view, logger }: Args): Promise<void> {
    const draft = decodeDraft(view.private_metadata, context.drafts);
    if (!draft?.columns || !draft.source) {
      await ack({ response_action: "update", view: EXPIRED_VIEW });
      return;
    }
    const submitted = readMappingStep(view, draft.columns);
    if (!submitted.mapping) {
      await ack({ response_action: "errors", errors: submitted.errors });
      return;
    }
    const next: TrainDraft = {
      ...draft,
      mapping: submitted.mapping,
      saveMapping: submitted.save,
      liftStudyCounts: await liftStudyCounts(context.services.runs, draft.countries),
    };
    const actor = slackActor(body.user);
    const values = initialSettings(next);
    const check = await settleWithin(
      context.services.lifecycle.check(runRequestOf(next, values, actor)),
      context.ackBudgetMs,
    );
    if (check.status === "failed") {
      const answer = answerFor(check.error, "mapping");
      if (answer.errors) {
        await ack({ response_action: "errors", errors: answer.errors });
        return;
      }
      if (answer.step === "source") {
        await ack({
          response_action: "update",
          view: trainStatusView({
            state: "failed",
            headline: "The data does not fit",
            details: [escapeMrkdwn(answer.problem)],
            back: true,
          }),
        });
        return;
      }
      // Settings problems (the window, the engine) are for the next step, which checks again.
    }
    await ack({
      response_action: "push",
      view: settingsView({ draft: next, metadata: encodeDraft(next, context.drafts), values }),
    });
    if (submitted.save && "table" in draft.source) {
      const at = new Date().toISOString();
      await context.services.runs
        .saveMapping({
          table: draft.source.table,
          mapping: savedMappingOf(
            submitted.mapping,
            draft.columns,
            draft.source.table,
            at,
          ) as unknown as Record<string, unknown>,
          by: actor,
          at,
        })
        .catch((error: unknown) => logger.warn(`saving the mapping failed: ${(error as Error).message}`));
    }
  };
}
