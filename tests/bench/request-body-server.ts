/**
 * Child process of the request-body memory benchmark (`request-body-memory.bench.ts`): the whole app as
 * `mmm serve` runs it, with the Slack app in HTTP mode, on an ephemeral port. Prints `{"port": …}` once
 * listening and stops on SIGTERM. Run with `node --import tsx`.
 */
import { startSlackTestApp } from "../slack/slack-test-app.ts";

const slack = await startSlackTestApp();
process.stdout.write(`${JSON.stringify({ port: Number(new URL(slack.eventsUrl).port) })}\n`);
process.once("SIGTERM", () => {
  void slack.stop().then(() => process.exit(0));
});
