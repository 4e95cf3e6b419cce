/**
 * What each `/mmm` subcommand does, after the ack. Answers go to the person who typed it (ephemeral).
 *
 * `runSubcommand` is one switch with a short case per subcommand, so it passes 60 lines.
 */
import type { RespondFn, SlashCommand } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { MmmError, invalidInput, isMmmError } from "../../../common/errors.ts";
import { parseLiftStudyCsv } from "../../../core/calibration/lift-study-csv.ts";
import { allocateForModel } from "../../../core/results/model-allocation.ts";
import { responseForRunModel, responseQueryFromText } from "../../../core/results/model-response.ts";
import { responseReading } from "../../../core/results/response-reading.ts";
import { scenarioForRun } from "../../../core/results/model-scenario.ts";
import type { Run } from "../../../core/run.ts";
import type { BotContext } from "../../bot-context.ts";
import { bestMessage, compareMessage, runsListMessage } from "../../blocks/command-replies.ts";
import { noteMessage } from "../../blocks/errors.ts";
import { liftImportMessage, liftStudiesView } from "../../blocks/lift-studies-modal.ts";
import { saveLiftStudies } from "../../lift/save-lift-studies.ts";
import { code } from "../../blocks/format.ts";
import { responseMessage } from "../../blocks/response-message.ts";
import {
  scheduleCancelledMessage,
  scheduleCreatedMessage,
  schedulesListMessage,
} from "../../blocks/schedule-messages.ts";
import { runMessage, type SlackMessage } from "../../blocks/run-message.ts";
import { scenarioMessage } from "../../blocks/scenario-message.ts";
import { allocationMessage } from "../../blocks/run-results.ts";
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
      const allocation = await allocateForModel(artifacts, run, parsed.solID, {
        ...(parsed.budget !== undefined ? { totalBudget: parsed.budget } : {}),
      });
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
