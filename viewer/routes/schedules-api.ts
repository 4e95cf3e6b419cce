/**
 * `/api/schedules`: the scheduled refreshes (`core/schedules/`), listed, and cancelled with
 * `DELETE /api/schedules/:id` by any signed-in person or token, as in Slack (`/mmm schedule cancel`).
 */
import { Hono } from "hono";
import type { ApiEnv } from "../auth/api-auth.ts";
import { ScheduleIdParams } from "../api/api-schemas.ts";
import { success } from "../api/envelope.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function scheduleApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const { schedules } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.get("/", async (c) => success(c, { schedules: await schedules.list() }));

  app.delete("/:id", async (c) => {
    const { id } = validate(ScheduleIdParams, c.req.param(), "path");
    const schedule = await schedules.cancel(id, c.get("actor"));
    return success(c, schedule, `Schedule ${schedule.id} (${schedule.country}) is cancelled.`);
  });

  return app;
}
