/**
 * Step 1 of the train modal submitted (data, countries, channel): checked, then the variables step is pushed
 * at once as a loading view, and filled with `views.update` once the data is read and mapped (a warehouse
 * may take longer than Slack's 3 seconds).
 *
 * A saved preparation picked in the table picker sets the market and the variables: the settings step is
 * pushed at once instead (`preparationStep`).
 *
 * The handler is kept whole so the order Slack imposes stays visible: check, answer within 3 s, then load.
 */
import { randomBytes } from "node:crypto";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotContext } from "../../bot-context.ts";
import { errorText, mrkdwnToPlain } from "../../blocks/errors.ts";
import { escapeMrkdwn } from "../../blocks/format.ts";
import { SOURCE_BLOCK } from "../../blocks/ids.ts";
import { mappingView } from "../../blocks/mapping-modal.ts";
import { trainStatusView } from "../../blocks/train-modal.ts";
import { slackActor } from "../../slack-actor.ts";
import { mappingStepFor, sourceLabel } from "../../train/mapping-step.ts";
import { readSourceStep } from "../../train/read-steps.ts";
import { preparationStep } from "../../train/preparation-step.ts";
import { preparationFromOptionValue, tableFromOptionValue } from "../../train/table-option.ts";
import { decodeDraft, newDraft, type SourceChoice, type TrainDraft } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function trainSourceSubmitted(context: BotContext) {
  return async function onTrainSource({ ack, body, view, client, logger }: Args): Promise<void> {
    const draft = decodeDraft(view.private_metadata, context.drafts) ?? newDraft();
    const submitted = readSourceStep(view);
    const errors = { ...submitted.errors };
    const actor = slackActor(body.user);
    let source: SourceChoice | undefined;
    if (submitted.source && "sql" in submitted.source) source = { sql: submitted.source.sql };
    if (submitted.source && "dataset" in submitted.source) source = { dataset: submitted.source.dataset };
    const preparation =
      submitted.source && "tableValue" in submitted.source
        ? preparationFromOptionValue(submitted.source.tableValue)
        : undefined;
    if (preparation !== undefined && Object.keys(errors).length === 0) {
      await ack(await preparationStep(context, draft, preparation, submitted));
      return;
    }
    if (submitted.source && "tableValue" in submitted.source && preparation === undefined) {
      const table = await tableFromOptionValue(submitted.source.tableValue, context.services.warehouse).catch(
        () => undefined,
      );
      if (table) source = { table };
      else errors[SOURCE_BLOCK.table] = "That table is no longer in the warehouse: pick it again.";
    }
    if (submitted.channel && !errors[SOURCE_BLOCK.channel]) {
      const verdict = await context.access.check({ userId: actor.id, channel: { id: submitted.channel } });
      if (!verdict.ok) errors[SOURCE_BLOCK.channel] = mrkdwnToPlain(verdict.reason);
    }
    if (Object.keys(errors).length > 0 || !source) {
      await ack({ response_action: "errors", errors });
      return;
    }
    const sameData =
      JSON.stringify(source) === JSON.stringify(draft.source) &&
      submitted.countries[0] === draft.countries[0];
    const next: TrainDraft = {
      ...draft,
      source,
      countries: submitted.countries,
      ...(submitted.channel ? { channel: submitted.channel } : {}),
      ...(sameData ? {} : { columns: undefined, mapping: undefined }),
    };
    const externalId = `mmm-${next.id}-${randomBytes(4).toString("hex")}`;
    const label = "table" in source ? source.table : sourceLabel(source);
    await ack({
      response_action: "push",
      view: trainStatusView({
        state: "loading",
        headline: `Reading ${label} for ${next.countries[0]}…`,
        details: ["The variables step opens here as soon as the data is read."],
        externalId,
        back: true,
      }),
    });
    try {
      const step = await mappingStepFor(context, next, actor, externalId);
      await client.views.update({ external_id: externalId, view: mappingView(step) });
    } catch (error) {
      logger.info(`train modal: data not read: ${(error as Error).message}`);
      await client.views
        .update({
          external_id: externalId,
          view: trainStatusView({
            state: "failed",
            headline: "The data could not be read",
            details: [escapeMrkdwn(errorText(error)), "Press *Back* to change the data."],
            externalId,
            back: true,
          }),
        })
        .catch((e: unknown) => context.services.logger.warn({ err: e }, "train modal: views.update failed"));
    }
  };
}
