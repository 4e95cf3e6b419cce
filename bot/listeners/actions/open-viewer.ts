/** Link buttons ("Open in viewer") also send an interaction, which Slack wants acknowledged. */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";

export async function openViewer({ ack }: AllMiddlewareArgs & SlackActionMiddlewareArgs): Promise<void> {
  await ack();
}
