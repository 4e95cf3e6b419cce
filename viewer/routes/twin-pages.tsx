/**
 * `/runs/:id/models/:solID/twin…`: the known-truth twin of a model in the viewer. `POST` starts it (full
 * access: signed in, or local mode; CSRF-checked like every form) and goes to its page; the page shows
 * its progress, then its recovery table; `status.json` is what the page polls while it trains.
 */
import { Hono, type Context } from "hono";
import { assertFullAccess, canSeeRun } from "../auth/access-scope.ts";
import { renderPage } from "../pages/render-page.tsx";
import { TwinPage } from "../pages/twin-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { loadRun, modelNotFound } from "./load-run.ts";

export function twinPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();

  async function loadModel(c: Context<ViewerEnv>, solID: string) {
    const run = await loadRun(ctx, c.get("access"), c.req.param("id")!, solID);
    if (run.status !== "succeeded" || !(await ctx.results.of(run).paretoModel(solID)))
      throw modelNotFound(run, solID);
    return run;
  }

  app.get("/:solID/twin", async (c) => {
    const access = c.get("access");
    const solID = c.req.param("solID");
    const run = await loadModel(c, solID);
    return renderPage(
      c,
      { title: `Twin · model ${solID}`, scripts: true },
      <TwinPage
        run={run}
        solID={solID}
        twin={await ctx.twins.state(run, solID)}
        full={access.kind === "full"}
        runVisible={canSeeRun(access, run.id)}
        session={access.kind === "full" ? c.get("session") : undefined}
      />,
    );
  });

  app.get("/:solID/twin/status.json", async (c) => {
    const solID = c.req.param("solID");
    const run = await loadModel(c, solID);
    const twin = await ctx.twins.state(run, solID);
    return c.json({ status: twin?.status ?? null, progress: twin?.progress ?? null });
  });

  app.post("/:solID/twin", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const solID = c.req.param("solID");
    const run = await loadModel(c, solID);
    await ctx.twins.start(run, solID, access.actor);
    return c.redirect(`/runs/${run.id}/models/${solID}/twin`, 303);
  });

  return app;
}
