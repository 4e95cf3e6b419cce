/** `/schedules` (full access): list the scheduled refreshes and cancel one (`POST /schedules/:id/cancel`). */
import { Hono } from "hono";
import { assertFullAccess } from "../auth/access-scope.ts";
import { renderPage } from "../pages/render-page.tsx";
import { SchedulesPage } from "../pages/schedules-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

export function schedulePages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { schedules } = ctx.services;
  const app = new Hono<ViewerEnv>();
  app.use("*", async function fullAccessOnly(c, next) {
    assertFullAccess(c.get("access"));
    await next();
  });

  app.get("/", async (c) =>
    renderPage(
      c,
      { title: "Scheduled refreshes" },
      <SchedulesPage schedules={await schedules.list()} session={c.get("session")} />,
    ),
  );

  app.post("/:id/cancel", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    await schedules.cancel(c.req.param("id"), access.actor);
    return c.redirect("/schedules", 303);
  });

  return app;
}
