/**
 * What each `/mmm` subcommand does, after the ack. Answers go to the person who typed it (ephemeral).
 *
 * `runSubcommand` is one switch with a short case per subcommand, so it passes 60 lines.
 */
import type { RespondFn, SlashCommand } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { MmmError, invalidInput, isMmmError } from "../../../common/errors.ts";
import { parseLiftStudyCsv } from "../../../core/calibration/lift-study-csv.ts";
import { allocationProblem } from "../../../core/results/allocation-problem.ts";
import { allocateForModel, type ModelAllocationRequest } from "../../../core/results/model-allocation.ts";
import { closestNames } from "../../../common/closest-names.ts";
import { responseForRunModel, responseQueryFromText } from "../../../core/results/model-response.ts";
import { responseReading } from "../../../core/results/response-reading.ts";
import { scenarioForRun } from "../../../core/results/model-scenario.ts";
import { splitAcrossMarkets, type MarketSplitRequest } from "../../../core/budget-split/market-split.ts";
import type { Run } from "../../../core/run.ts";
import type { BotContext } from "../../bot-context.ts";
import { bestMessage, compareMessage, runsListMessage } from "../../blocks/command-replies.ts";
import { noteMessage } from "../../blocks/errors.ts";
import { liftImportMessage, liftStudiesView } from "../../blocks/lift-studies-modal.ts";
import { saveLiftStudies } from "../../../core/calibration/save-lift-studies.ts";
import { code } from "../../blocks/format.ts";
import { responseMessage } from "../../blocks/response-message.ts";
import {
  scheduleCancelledMessage,
  scheduleCreatedMessage,
  schedulesListMessage,
} from "../../blocks/schedule-messages.ts";
import { runMessage, type SlackMessage } from "../../blocks/run-message.ts";
import { scenarioMessage } from "../../blocks/scenario-message.ts";
import { splitMessage } from "../../blocks/split-message.ts";
import { allocationMessage } from "../../blocks/run-results.ts";
import { BOUND_EXAMPLE, type ChannelBoundWords } from "../../../core/results/bound-words.ts";
import type { MmmCommand } from "../../mmm-command.ts";
import { postInThread } from "../../notifier/run-thread.ts";
import { commandActor } from "../../slack-actor.ts";
import { openTrainModal } from "../../train/open-train-modal.ts";
import { newDraft } from "../../train/train-draft.ts";

interface CommandArgs {
  command: SlashCommand;
  respond: RespondFn;
  client: WebClient;
}

export async function runSubcommand(
  context: BotContext,
  parsed: MmmCommand,
  args: CommandArgs,
): Promise<void> {
  const { runs, lifecycle, artifacts } = context.services;
  const reply = (message: SlackMessage) => args.respond({ response_type: "ephemeral", ...message });
  const actor = commandActor(args.command);
  switch (parsed.name) {
    case "help":
      return;
    case "train":
      await openTrainModal(
        context,
        args.client,
        args.command.trigger_id,
        newDraft({ channel: args.command.channel_id }),
      );
      return;
    case "runs": {
      const page = await runs.listRuns({ limit: 15, ...(parsed.country ? { country: parsed.country } : {}) });
      await reply(runsListMessage(page.runs, parsed.country, context.link));
      return;
    }
    case "status": {
      const run = await requireRun(context, parsed.runId);
      await reply(runMessage(run, { viewerUrl: context.link({ run: run.id }) }));
      return;
    }
    case "cancel": {
      const run = await lifecycle.cancel(parsed.runId, actor);
      await reply(noteMessage(`Run ${code(run.id)} (${run.country}) is cancelled.`));
      return;
    }
    case "best": {
      const picks = parsed.country
        ? [await runs.getBest(parsed.country)].filter((p) => p !== undefined)
        : await runs.listBest();
      await reply(bestMessage(picks, parsed.country, context.link));
      return;
    }
    case "allocate": {
      const run = await requireRun(context, parsed.runId);
      const allocation = await inFormWords(run, () =>
        allocateForModel(artifacts, run, parsed.solID, {
          ...(parsed.budget !== undefined ? { totalBudget: parsed.budget } : {}),
          ...typedBounds(run, parsed.bounds),
        }),
      );
      await share(
        run,
        allocationMessage(run, allocation, actor.id),
        `The allocation for model ${code(parsed.solID)}`,
      );
      return;
    }
    case "response": {
      const run = await requireRun(context, parsed.runId);
      const report = await namingArguments(() =>
        responseForRunModel(
          artifacts,
          run,
          parsed.solID,
          responseQueryFromText({
            metric_name: parsed.channel,
            metric_value: String(parsed.spend),
            date_range: parsed.dateRange ?? "last",
          }),
        ),
      );
      const reading = responseReading(report, parsed.spend);
      const modelUrl = context.link({ run: run.id, model: parsed.solID });
      const message = responseMessage({ run, solID: parsed.solID, reading, modelUrl, by: actor.id });
      await share(
        run,
        message,
        `The response of ${code(report.metric_name)} for model ${code(parsed.solID)}`,
      );
      return;
    }
    case "scenario": {
      const run = await requireRun(context, parsed.runId);
      const report = await scenarioForRun(artifacts, run, {
        solIDs: [parsed.solID],
        plan: { periods: parsed.weeks, multiplier: parsed.multiplier },
      });
      const pageUrl = `${context.link({ run: run.id, model: parsed.solID })}/scenarios`;
      const { multiplier, weeks } = parsed;
      const message = scenarioMessage({
        run,
        solID: parsed.solID,
        multiplier,
        weeks,
        report,
        pageUrl,
        by: actor.id,
      });
      await share(run, message, `The scenario for model ${code(parsed.solID)}`);
      return;
    }
    case "schedule":
      await reply(await scheduleAnswer(context, parsed, args.command));
      return;
    case "split": {
      const request = splitRequestOf(parsed);
      const split = await splitAcrossMarkets(context.services, request);
      const pageUrl = context.link({ budgetSplit: splitPageQuery(parsed) });
      await args.respond({ response_type: "in_channel", ...splitMessage(split, pageUrl, actor.id) });
      return;
    }
    case "compare": {
      const [a, b] = await Promise.all(parsed.runIds.map((id) => requireRun(context, id)));
      await reply(compareMessage(a!, b!, context.link));
      return;
    }
    case "lift":
      await args.client.views.open({
        trigger_id: args.command.trigger_id,
        view: liftStudiesView(parsed.country, await runs.listLiftStudies(parsed.country)),
      });
      return;
    case "lift_import": {
      const studies = parseLiftStudyCsv(parsed.csv);
      const saved = await saveLiftStudies(runs, parsed.country, studies, actor);
      // In the channel: the team sees which experiments the next runs of the country calibrate with.
      await args.respond({
        response_type: "in_channel",
        ...liftImportMessage(parsed.country, saved, studies.length - saved.length, actor.id),
      });
      return;
    }
  }

  /** The answer goes to the run's thread when it has one (with a note to the asker), else to the channel. */
  async function share(run: Run, message: SlackMessage, what: string): Promise<void> {
    if (run.slack) {
      await postInThread(args.client, run.slack, message);
      await reply(noteMessage(`${what} is in the run's thread.`));
    } else {
      await args.respond({ response_type: "in_channel", ...message });
    }
  }
}

/** Makes, lists or cancels a schedule; a new one posts its results in the channel it was made in. */
async function scheduleAnswer(
  context: BotContext,
  parsed: Extract<MmmCommand, { name: "schedule" }>,
  command: SlashCommand,
): Promise<SlackMessage> {
  const { schedules } = context.services;
  const actor = commandActor(command);
  if (parsed.action === "list") return schedulesListMessage(await schedules.list());
  if (parsed.action === "cancel") return scheduleCancelledMessage(await schedules.cancel(parsed.id, actor));
  const schedule = await schedules.create({
    country: parsed.country,
    cadence: parsed.cadence,
    timezone: parsed.timezone,
    channel: command.channel_id,
    actor,
  });
  return scheduleCreatedMessage(schedule, context.link);
}

/**
 * `tv_S=0.8-1.2` words as the allocator's per-channel bounds, after checking that each names a paid channel of
 * the run (by its spend or its modelled column), so that a typo is answered with the channels to choose from.
 */
function typedBounds(
  run: Run,
  bounds: ChannelBoundWords | undefined,
): Pick<ModelAllocationRequest, "low" | "up"> {
  if (bounds === undefined) return {};
  const { paid_media_spends: spends, paid_media_vars: vars } = run.spec;
  for (const channel of Object.keys(bounds.low)) {
    if (spends.includes(channel) || vars?.includes(channel)) continue;
    const suggestion = closestNames(channel, spends)[0] ?? spends[0];
    throw invalidInput(
      `channel_constr_low.${channel}`,
      `\`${channel}\` is not a paid channel of this run: bound one of ${spends.join(", ")}, ` +
        `such as ${suggestion}=0.8-1.2.`,
      { channel },
    );
  }
  return { low: bounds.low, up: bounds.up };
}

/**
 * The allocator's refusals in the words of the command (the lowest/highest spend, the budget) rather than
 * Robyn's argument names, starting with the channel when one bound is the cause.
 */
async function inFormWords<T>(run: Run, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const problem = allocationProblem(error, run.spec);
    if (!problem || !isMmmError(error) || error.field?.startsWith("channel_constr_low.")) throw error;
    const about = problem.channel === undefined ? "" : `${problem.channel}: `;
    const how =
      problem.input === "low" || problem.input === "up"
        ? ` Bounds are typed after the budget as channel=low-high, such as ${BOUND_EXAMPLE}.`
        : "";
    throw invalidInput(error.field ?? problem.input, `${about}${problem.message}${how}`, error.context);
  }
}

/** `/mmm split` as the service's request: bound words become multiples per market and per channel. */
function splitRequestOf(parsed: Extract<MmmCommand, { name: "split" }>): MarketSplitRequest {
  const bounds = (words: ChannelBoundWords) =>
    Object.fromEntries(Object.keys(words.low).map((k) => [k, { low: words.low[k]!, up: words.up[k]! }]));
  const request: MarketSplitRequest = {};
  if (parsed.countries.length > 0) request.countries = parsed.countries;
  if (parsed.budget !== undefined) request.totalBudget = parsed.budget;
  if (parsed.targetRoas !== undefined) request.targetRoas = parsed.targetRoas;
  if (Object.keys(parsed.marketBounds.low).length > 0) request.marketBounds = bounds(parsed.marketBounds);
  if (Object.keys(parsed.channelBounds.low).length > 0) request.channelBounds = bounds(parsed.channelBounds);
  return request;
}

/** The same split as the viewer page's form query, so the link shows it with its picture. */
function splitPageQuery(parsed: Extract<MmmCommand, { name: "split" }>): string {
  const query = new URLSearchParams();
  for (const country of parsed.countries) query.append("country", country);
  if (parsed.budget !== undefined) query.set("budget", String(parsed.budget));
  if (parsed.targetRoas !== undefined) query.set("roas", String(parsed.targetRoas));
  const words = (bounds: ChannelBoundWords) =>
    Object.keys(bounds.low)
      .map((k) =>
        bounds.low[k] === bounds.up[k] ? `${k}=${bounds.low[k]}` : `${k}=${bounds.low[k]}-${bounds.up[k]}`,
      )
      .join(" ");
  if (Object.keys(parsed.marketBounds.low).length > 0) query.set("markets", words(parsed.marketBounds));
  if (Object.keys(parsed.channelBounds.low).length > 0) query.set("channels", words(parsed.channelBounds));
  if ([...query.keys()].length === 0) query.set("split", "1");
  return query.toString();
}

/** The argument each of Robyn's query fields comes from in `/mmm response`, for error messages. */
const RESPONSE_ARGUMENTS: Record<string, string> = {
  metric_name: "channel",
  metric_value: "spend",
  date_range: "date range",
};

/** Re-labels the engine's errors (named by Robyn's arguments) with the argument the person typed. */
async function namingArguments<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const argument = isMmmError(error) && error.field ? RESPONSE_ARGUMENTS[error.field] : undefined;
    if (!argument || !isMmmError(error)) throw error;
    throw invalidInput(argument, `<${argument}>: ${error.message}`, error.context);
  }
}

async function requireRun(context: BotContext, runId: string): Promise<Run> {
  const run = await context.services.runs.getRun(runId);
  if (!run)
    throw new MmmError("not_found", `There is no run ${runId}. See \`/mmm runs\` for the latest.`, {
      context: { field: "runId" },
    });
  return run;
}
