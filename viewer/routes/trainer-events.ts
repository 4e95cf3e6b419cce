/**
 * `POST /internal/runs/:id/events`: where trainers report. The body must be signed with the run's own
 * token (`core/trainer-auth.ts`); events are idempotent by sequence number, so a retried post is harmless.
 */
import { Hono } from "hono";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, runToken, verifyEvent } from "../../core/trainer-auth.ts";
import { TrainerEventSchema } from "../../core/events.ts";
import type { Services } from "../../core/services.ts";

export function trainerEventRoutes(
  services: Pick<Services, "secret" | "lifecycle" | "logger">,
  now: () => number = Date.now,
): Hono {
  const app = new Hono();
  app.post("/internal/runs/:id/events", async (c) => {
    const runId = c.req.param("id");
    const body = await c.req.text();
    const verdict = verifyEvent(
      runToken(services.secret, runId),
      { signature: c.req.header(SIGNATURE_HEADER), timestamp: c.req.header(TIMESTAMP_HEADER) },
      body,
      Math.floor(now() / 1000),
    );
    if (!verdict.ok) {
      services.logger.warn({ runId, reason: verdict.reason }, "trainer event refused");
      return c.json({ status: "error", message: `Event refused: signature ${verdict.reason}.` }, 401);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return c.json({ status: "error", message: "The event is not JSON." }, 400);
    }
    const event = TrainerEventSchema.safeParse(parsed);
    if (!event.success)
      return c.json(
        { status: "error", message: `Not a trainer event: ${event.error.issues[0]?.message}` },
        400,
      );
    const change = await services.lifecycle.recordEvent(runId, event.data);
    return c.json({ status: "success", data: { applied: change.applied, runStatus: change.run.status } });
  });
  return app;
}
