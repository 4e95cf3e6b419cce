/**
 * `/compare?m=<runId>~<solID>&m=…` (models) and `?run=<runId>&run=…` (each run's best model): side by
 * side. Every model must be visible to the visitor (a share link compares within its own scope only).
 */
import { Hono } from "hono";
import { invalidInput } from "../../common/errors.ts";
import { modelScores } from "../results/model-scores.ts";
import { ComparePage, type ComparedModel } from "../pages/compare-page.tsx";
import { bestModelOf } from "../pages/run-best-model.ts";
import { renderPage } from "../pages/render-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { loadRun, modelNotFound } from "./load-run.ts";

const MAX_MODELS = 8;

export function comparePage(ctx: ViewerContext): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();
  app.get("/", async (c) => {
    const access = c.get("access");
    const wanted: { runId: string; solID?: string }[] = [
      ...(c.req.queries("m") ?? []).map((pair) => {
        const [runId, solID] = pair.split("~");
        if (!runId || !solID)
          throw invalidInput("m", `Name a model as <run id>~<solID>, not ${pair}.`, { location: "query" });
        return { runId, solID };
      }),
      ...(c.req.queries("run") ?? []).map((runId) => ({ runId })),
    ];
    if (wanted.length > MAX_MODELS) {
      throw invalidInput(
        "m",
        `Compare at most ${MAX_MODELS} models at a time (${wanted.length} were ticked).`,
        { location: "query" },
      );
    }
    const models: ComparedModel[] = [];
    for (const want of wanted) {
      let run = await loadRun(ctx, access, want.runId, want.solID);
      const solID = want.solID ?? bestModelOf(run)?.model_id;
      if (!solID) throw modelNotFound(run, "(best)");
      if (want.solID === undefined) run = await loadRun(ctx, access, want.runId, solID);
      const results = ctx.results.of(run);
      const model = await results.paretoModel(solID);
      if (!model) throw modelNotFound(run, solID);
      const scores = modelScores(await results.paretoModels(), Boolean(run.spec.ts_validation)).get(solID);
      models.push({ run, model, scores, variables: await results.variables(solID) });
    }
    return renderPage(c, { title: "Compare models", scripts: true }, <ComparePage models={models} />);
  });
  return app;
}
