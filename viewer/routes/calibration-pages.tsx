/**
 * `/runs/:id/models/:solID/calibration`: one model read against the run's lift studies, as a page and as
 * JSON (`…/calibration.json`).
 */
import { Hono, type Context } from "hono";
import { modelCalibration } from "../../core/results/model-calibration.ts";
import { canSeeRun } from "../auth/access-scope.ts";
import { CalibrationPage } from "../pages/calibration-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { loadRun, modelNotFound } from "./load-run.ts";

export function calibrationPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();

  async function load(c: Context<ViewerEnv>) {
    const solID = c.req.param("solID")!;
    const run = await loadRun(ctx, c.get("access"), c.req.param("id")!, solID);
    if (!(await ctx.results.of(run).paretoModel(solID))) throw modelNotFound(run, solID);
    return { run, solID, calibration: await modelCalibration(ctx.services.artifacts, run, solID) };
  }

  app.get("/:solID/calibration.json", async (c) => {
    const { run, solID, calibration } = await load(c);
    return c.json({ runId: run.id, solID, studies: [], ...calibration }, 200, {
      "cache-control": "private, max-age=300",
    });
  });

  app.get("/:solID/calibration", async (c) => {
    const { run, solID, calibration } = await load(c);
    const access = c.get("access");
    return renderPage(
      c,
      { title: `Calibration of model ${solID}`, scripts: true },
      <CalibrationPage
        run={run}
        solID={solID}
        calibration={calibration}
        full={access.kind === "full"}
        runVisible={canSeeRun(access, run.id)}
      />,
    );
  });

  return app;
}
