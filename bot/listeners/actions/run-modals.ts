/**
 * Buttons in a run's thread that open a modal about the run: Pick as best, Allocate budget, and Re-run with
 * changes (the train modal filled in from the run's spec).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Run } from "../../../core/run.ts";
import type { BotContext } from "../../bot-context.ts";
import { allocateView } from "../../blocks/allocate-modal.ts";
import { errorMessage, noteMessage } from "../../blocks/errors.ts";
import { pickBestView, type RunModalMetadata } from "../../blocks/pick-best-modal.ts";
import { openTrainModal } from "../../train/open-train-modal.ts";
import { draftFromSpec } from "../../train/train-draft.ts";

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

async function runOf(context: BotContext, args: Args, needResults: boolean): Promise<Run | undefined> {
  const run = await context.services.runs.getRun(args.action.value ?? "");
  if (!run) {
    await args.respond({
      response_type: "ephemeral",
      replace_original: false,
      ...noteMessage("That run no longer exists."),
    });
    return undefined;
  }
  if (needResults && run.status !== "succeeded") {
    await args.respond({
      response_type: "ephemeral",
      replace_original: false,
      ...noteMessage(`Run ${run.id} is ${run.status}; this needs a run that has succeeded.`),
    });
    return undefined;
  }
  return run;
}

function metadataOf(run: Run, body: BlockAction): RunModalMetadata {
  const threadTs = run.slack?.ts ?? (body.message?.thread_ts as string | undefined) ?? body.message?.ts;
  const channel = run.slack?.channel ?? body.channel?.id;
  return { runId: run.id, ...(channel ? { channel } : {}), ...(threadTs ? { threadTs } : {}) };
}

export function pickBest(context: BotContext) {
  return async function onPickBest(args: Args): Promise<void> {
    await args.ack();
    const run = await runOf(context, args, true);
    if (run)
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: pickBestView(run, metadataOf(run, args.body)),
      });
  };
}

export function allocate(context: BotContext) {
  return async function onAllocate(args: Args): Promise<void> {
    await args.ack();
    const run = await runOf(context, args, true);
    if (run)
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: allocateView(run, metadataOf(run, args.body)),
      });
  };
}

export function rerun(context: BotContext) {
  return async function onRerun(args: Args): Promise<void> {
    await args.ack();
    const run = await runOf(context, args, false);
    if (!run) return;
    try {
      const draft = draftFromSpec(run.spec, run.tag, run.slack?.channel ?? args.body.channel?.id);
      await openTrainModal(context, args.client, args.body.trigger_id, draft);
    } catch (error) {
      args.logger.warn(`re-run modal failed: ${(error as Error).message}`);
      await args.respond({ response_type: "ephemeral", replace_original: false, ...errorMessage(error) });
    }
  };
}
