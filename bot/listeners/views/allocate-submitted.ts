/**
 * "Allocate budget" submitted: Robyn's allocator on the chosen model. Done within the ack budget, a problem
 * (an infeasible budget, bounds that cannot hold) lands on the input it is about and the table goes into the
 * run's thread; a slower allocation closes the modal and posts the table (or the problem) when done.
 *
 * The handler is kept whole so the order Slack imposes stays visible: check, answer within the budget, then post.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { allocationProblem, type AllocationInput } from "../../../core/results/allocation-problem.ts";
import { formBounds, type ChannelBoundsInput } from "../../../core/results/channel-bounds.ts";
import { allocateForModel, type ModelAllocationRequest } from "../../../core/results/model-allocation.ts";
import type { Run } from "../../../core/run.ts";
import type { BotContext } from "../../bot-context.ts";
import { settleWithin } from "../../ack-budget.ts";
import type { RunModalMetadata } from "../../blocks/pick-best-modal.ts";
import { channelBoundsBlockId, readChannelBounds } from "../../blocks/channel-bounds-input.ts";
import { errorMessage } from "../../blocks/errors.ts";
import { truncate } from "../../blocks/format.ts";
import { ALLOCATE_BLOCK } from "../../blocks/ids.ts";
import { allocationMessage } from "../../blocks/run-results.ts";
import { postInThread } from "../../notifier/run-thread.ts";
import { numberIn, selectedIn, textIn } from "../../train/view-state.ts";

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** The form's inputs (`AllocationProblem.input`) → the block that holds them. */
const INPUT_BLOCKS: Record<AllocationInput, string> = {
  model: ALLOCATE_BLOCK.model,
  scenario: ALLOCATE_BLOCK.scenario,
  budget: ALLOCATE_BLOCK.budget,
  target: ALLOCATE_BLOCK.target,
  low: ALLOCATE_BLOCK.low,
  up: ALLOCATE_BLOCK.high,
  dateRange: ALLOCATE_BLOCK.dateRange,
};

export function allocateSubmitted(context: BotContext) {
  return async function onAllocate({ ack, body, view, client, logger }: Args): Promise<void> {
    const metadata = JSON.parse(view.private_metadata || "{}") as RunModalMetadata;
    const state = view.state;
    const solID = selectedIn(state, ALLOCATE_BLOCK.model);
    const run = await context.services.runs.getRun(metadata.runId);
    if (!run || !solID) {
      await ack({
        response_action: "errors",
        errors: { [ALLOCATE_BLOCK.model]: "Choose a model of the run." },
      });
      return;
    }
    const errors: Record<string, string> = {};
    const positive = (block: string, what: string) => {
      const value = numberIn(state, block);
      if (value !== undefined && !(Number.isFinite(value) && value >= 0))
        errors[block] = `${what} must be a number, 0 or more.`;
      return value !== undefined && Number.isFinite(value) ? value : undefined;
    };
    const budget = positive(ALLOCATE_BLOCK.budget, "The budget");
    const target = positive(ALLOCATE_BLOCK.target, "The target");
    const low = positive(ALLOCATE_BLOCK.low, "The lowest spend");
    const high = positive(ALLOCATE_BLOCK.high, "The highest spend");
    if (low !== undefined && high !== undefined && high < low)
      errors[ALLOCATE_BLOCK.high] = `The highest spend (${high}×) is below the lowest (${low}×).`;
    const channels = run.spec.paid_media_spends;
    const own = readChannelBounds(state, channels);
    Object.assign(errors, own.errors);
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    const scenario =
      selectedIn(state, ALLOCATE_BLOCK.scenario) === "target_efficiency"
        ? "target_efficiency"
        : "max_response";
    const request: ModelAllocationRequest = {
      scenario,
      ...(budget ? { totalBudget: budget } : {}),
      ...(target ? { targetValue: target } : {}),
      ...optionalBounds("low", formBounds(low, own.low, channels)),
      ...optionalBounds("up", formBounds(high, own.up, channels)),
      dateRange: selectedIn(state, ALLOCATE_BLOCK.dateRange) ?? "all",
    };
    const work = allocateForModel(context.services.artifacts, run, solID, request);
    const settled = await settleWithin(work, context.ackBudgetMs);
    const problem = settled.status === "failed" ? allocationProblem(settled.error, run.spec) : undefined;
    if (problem) {
      const index = problem.channel === undefined ? -1 : channels.indexOf(problem.channel);
      const ownBlock = index < 0 ? undefined : channelBoundsBlockId(index);
      const block = ownBlock && textIn(state, ownBlock) ? ownBlock : INPUT_BLOCKS[problem.input];
      await ack({ response_action: "errors", errors: { [block]: truncate(problem.message, 1000) } });
      return;
    }
    await ack();
    const ref = threadOf(run, metadata);
    try {
      const allocation = settled.status === "done" ? settled.value : await work;
      const message = allocationMessage(run, allocation, body.user.id);
      if (ref) await postInThread(client, ref, message);
      else
        await client.chat.postMessage({ channel: body.user.id, text: message.text, blocks: message.blocks });
    } catch (error) {
      logger.warn(`allocation for ${run.id} ${solID} failed: ${(error as Error).message}`);
      const message = errorMessage(error);
      if (ref)
        await client.chat.postEphemeral({
          channel: ref.channel,
          user: body.user.id,
          text: message.text,
          blocks: message.blocks,
        });
    }
  };
}

function optionalBounds(key: "low" | "up", bounds: ChannelBoundsInput | undefined) {
  return bounds === undefined ? {} : { [key]: bounds };
}

function threadOf(run: Run, metadata: RunModalMetadata) {
  return (
    run.slack ??
    (metadata.channel && metadata.threadTs ? { channel: metadata.channel, ts: metadata.threadTs } : undefined)
  );
}
