/**
 * Scheduled refreshes in their Slack channel: the refresh run's message is posted there and followed like a
 * run started from the button (results, one-pagers and "What changed" in its thread, by the Slack notifier);
 * a slot that could not run and channels whose ROI left the previous range are said in the channel.
 * Schedules made outside Slack (no channel) are left to the log.
 */
import type { WebClient } from "@slack/web-api";
import type { Run } from "../core/run.ts";
import type { Schedule } from "../core/schedules/schedule.ts";
import type { ScheduleReporter } from "../core/schedules/schedule-reporter.ts";
import { scheduleFailedAlert, scheduleOutsideAlert } from "./blocks/schedule-messages.ts";
import type { SlackMessage } from "./blocks/run-message.ts";
import type { SlackNotifier } from "./slack-notifier.ts";
import type { ViewerTarget } from "./viewer-link.ts";

export function slackScheduleReporter(options: {
  client: WebClient;
  notifier: SlackNotifier;
  link: (target: ViewerTarget) => string;
}): ScheduleReporter {
  const post = async (channel: string, message: SlackMessage) => {
    await options.client.chat.postMessage({ channel, ...message, unfurl_links: false });
  };
  return {
    async started(schedule: Schedule, run: Run) {
      if (schedule.channel) await options.notifier.announce(run, schedule.channel);
    },
    async failed(schedule: Schedule, reason: string) {
      if (schedule.channel) await post(schedule.channel, scheduleFailedAlert(schedule, reason));
    },
    async finished(schedule: Schedule, run: Run, outside: string[]) {
      if (schedule.channel && outside.length > 0)
        await post(schedule.channel, scheduleOutsideAlert(schedule, run, outside, options.link));
    },
  };
}
