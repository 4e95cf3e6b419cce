/**
 * `POST /internal/schedules/tick`: Cloud Scheduler's call (SCHEDULER=cloud-scheduler), authenticated by the
 * OIDC token of its service account (`core/schedules/tick-auth.ts`). Runs the due slots and answers what
 * ran. With the in-app scheduler the route does not exist (404): nothing outside the app may tick it.
 */
import { Hono } from "hono";
import type { Services } from "../../core/services.ts";
import { tickVerifier, type TickVerifier } from "../../core/schedules/tick-auth.ts";

export const TICK_PATH = "/internal/schedules/tick";

export function scheduleTickRoutes(services: Services, verifier?: TickVerifier): Hono {
  const app = new Hono();
  const { config } = services;
  if (config.SCHEDULER !== "cloud-scheduler" || config.SCHEDULER_SERVICE_ACCOUNT === undefined) return app;
  const verify =
    verifier ??
    tickVerifier({
      audience: config.SCHEDULER_AUDIENCE ?? `${services.baseUrl}${TICK_PATH}`,
      serviceAccount: config.SCHEDULER_SERVICE_ACCOUNT,
    });
  app.post(TICK_PATH, async (c) => {
    const verdict = await verify(c.req.header("authorization"));
    if (!verdict.ok) {
      services.logger.warn({ reason: verdict.reason }, "schedule tick refused");
      return c.json({ ok: false, error: "The tick must carry the scheduler's OIDC token." }, 401);
    }
    const ran = await services.schedules.scheduler.tick();
    return c.json({ ok: true, data: { ran } });
  });
  return app;
}
