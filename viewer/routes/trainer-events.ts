/**
 * `POST /internal/runs/:id/events`: where trainers report. The body must be signed with the run's own
 * token (`core/trainer-auth.ts`); events are idempotent by sequence number, so a retried post is harmless.
 * The lifecycle refuses what a token alone must not do (409): complete a run whose outputs are not
 * stored, report a shard of a run that is finished or not sharded (`run-lifecycle.ts`).
 */
import { Hono } from "hono";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, runToken, verifyEvent } from "../../core/trainer-auth.ts";
import { TrainerEventSchema, type TrainerEvent } from "../../core/events.ts";
import type { Services } from "../../core/services.ts";
import { EVENT_ROUTES } from "../../common/run-folder.ts";

/** Verifies a trainer's signed body and parses it as an event; a Response when it must be refused. */
async function readEvent(
  services: Pick<Services, "eventKey" | "logger">,
  runId: string,
  request: { text(): Promise<string>; header(name: string): string | undefined },
  now: () => number,
): Promise<{ event: TrainerEvent } | { status: 400 | 401; message: string }> {
  const body = await request.text();
  const verdict = verifyEvent(
    runToken(services.eventKey, runId),
    { signature: request.header(SIGNATURE_HEADER), timestamp: request.header(TIMESTAMP_HEADER) },
    body,
    Math.floor(now() / 1000),
  );
  if (!verdict.ok) {
    services.logger.warn({ runId, reason: verdict.reason }, "trainer event refused");
    return { status: 401, message: `Event refused: signature ${verdict.reason}.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, message: "The event is not JSON." };
  }
  const event = TrainerEventSchema.safeParse(parsed);
  if (!event.success)
    return { status: 400, message: `Not a trainer event: ${event.error.issues[0]?.message}` };
  return { event: event.data };
}

export function trainerEventRoutes(
  services: Pick<Services, "eventKey" | "lifecycle" | "logger">,
  now: () => number = Date.now,
): Hono {
  const app = new Hono();
  app.post(EVENT_ROUTES.run, async (c) => {
    const runId = c.req.param("id");
    const read = await readEvent(services, runId, c.req, now);
    if (!("event" in read)) return c.json({ status: "error", message: read.message }, read.status);
    const change = await services.lifecycle.recordEvent(runId, read.event);
    return c.json({ status: "success", data: { applied: change.applied, runStatus: change.run.status } });
  });
  // The tasks of a sharded run each count their own sequence numbers, so they report on their own channel.
  app.post(EVENT_ROUTES.shard, async (c) => {
    const runId = c.req.param("id");
    const index = c.req.param("index");
    if (!/^\d{1,4}$/.test(index))
      return c.json({ status: "error", message: "The shard index must be a whole number." }, 400);
    const read = await readEvent(services, runId, c.req, now);
    if (!("event" in read)) return c.json({ status: "error", message: read.message }, read.status);
    await services.lifecycle.recordShardEvent(runId, Number(index), read.event);
    return c.json({ status: "success", data: { recorded: true } });
  });
  return app;
}
