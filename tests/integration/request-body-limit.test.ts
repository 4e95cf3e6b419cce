/**
 * Every route that takes a body refuses one larger than the app's limit with 413 while it is still
 * arriving: a chunked body (no Content-Length) sent to the real listening server over a raw socket is
 * answered after about the limit, long before the sender would have finished, whoever the route's
 * authentication would later have refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REQUEST_BODY_BYTES } from "../../viewer/body-limit.ts";
import { startSlackTestApp, type SlackTestApp } from "../slack/slack-test-app.ts";
import { sendChunkedBody } from "./chunked-request.ts";

const TOTAL = 64 * 1024 * 1024;
/** The limit plus what socket buffers on both sides may hold before the answer is read. */
const ANSWERED_WITHIN = MAX_REQUEST_BODY_BYTES + 8 * 1024 * 1024;
const RUN = "20260101T000000Z-de-000000";

let slack: SlackTestApp;
let port: number;
beforeAll(async () => {
  slack = await startSlackTestApp();
  port = Number(new URL(slack.eventsUrl).port);
});
afterAll(() => slack.stop());

describe("request body limit", () => {
  const origin = () => ({ origin: `http://127.0.0.1:${port}` });
  const routes: [string, string, () => Record<string, string>][] = [
    ["Slack events", "/slack/events", () => ({ "content-type": "application/x-www-form-urlencoded" })],
    ["trainer events", `/internal/runs/${RUN}/events`, () => ({ "content-type": "application/json" })],
    ["shard events", `/internal/runs/${RUN}/shards/0/events`, () => ({ "content-type": "application/json" })],
    ["the API", "/api/runs", () => ({ "content-type": "application/json" })],
    [
      "a viewer form",
      "/admin/tokens",
      () => ({ "content-type": "application/x-www-form-urlencoded", ...origin() }),
    ],
  ];

  it.each(routes)("answers 413 to a chunked body to %s before it is all sent", async (_, path, headers) => {
    const answer = await sendChunkedBody(port, { path, headers: headers() }, TOTAL);
    expect(answer.status).toBe(413);
    expect(answer.sentEverything).toBe(false);
    expect(answer.bytesSentBeforeAnswer).toBeLessThan(ANSWERED_WITHIN);
  });

  it("still takes a body under the limit", async () => {
    const answer = await sendChunkedBody(
      port,
      { path: `/internal/runs/${RUN}/events`, headers: { "content-type": "application/json" } },
      256 * 1024,
    );
    expect(answer.sentEverything).toBe(true);
    // Unsigned, so refused, but by the route itself rather than by the limit.
    expect(answer.status).toBe(401);
  });
});
