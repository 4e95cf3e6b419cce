/**
 * `/runs/:id/models/:solID/scenarios…`: the forward-scenario page of a model (see `pages/scenario-page.tsx`):
 * show it (with a saved scenario's answer, or two or three side by side: `?compare=NAME&compare=…`), forecast a
 * plan from the form and optionally save it, delete a saved one, and export the compared ones as CSV.
 */
import { Hono, type Context } from "hono";
import { MmmError } from "../../common/errors.ts";
import { scenarioForRun } from "../../core/results/model-scenario.ts";
import { saveModelScenario, savedModelScenario } from "../../core/results/saved-scenarios.ts";
import { assertFullAccess, canSeeRun } from "../auth/access-scope.ts";
import { renderPage } from "../pages/render-page.tsx";
import { ScenarioPage, type ScenarioPageProps } from "../pages/scenario-page.tsx";
import {
  scenarioFormPlan,
  scenarioFormValues,
  scenarioProblem,
  type ScenarioFormState,
} from "../results/scenario-form.ts";
import {
  scenarioComparison,
  scenarioCsv,
  scenarioView,
  type NamedScenario,
} from "../results/scenario-view.ts";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { loadRun, modelNotFound } from "./load-run.ts";

/** At most this many saved scenarios side by side. */
const COMPARE_LIMIT = 3;

export function scenarioPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { runs, artifacts } = ctx.services;
  const app = new Hono<ViewerEnv>();

  async function loadModel(c: Context<ViewerEnv>, solID: string) {
    const run = await loadRun(ctx, c.get("access"), c.req.param("id")!, solID);
    if (run.status !== "succeeded" || !(await ctx.results.of(run).paretoModel(solID)))
      throw modelNotFound(run, solID);
    return run;
  }

  /** The picked saved scenarios with their answers; a name that is not saved is a 404 naming it. */
  async function picked(c: Context<ViewerEnv>, runId: string, solID: string): Promise<NamedScenario[]> {
    const names = [...new Set(c.req.queries("compare") ?? [])];
    if (names.length > COMPARE_LIMIT)
      throw new MmmError(
        "invalid_input",
        `Compare at most ${COMPARE_LIMIT} scenarios at once (${names.length} are ticked).`,
        {
          context: { field: "compare" },
        },
      );
    const run = (await runs.getRun(runId))!;
    return Promise.all(
      names.map(async (name) => ({
        name,
        report: (await savedModelScenario({ runs, artifacts }, run, solID, name)).report,
      })),
    );
  }

  async function show(
    c: Context<ViewerEnv>,
    solID: string,
    extra: Partial<ScenarioPageProps> & { status?: 200 | 422 } = {},
  ) {
    const access = c.get("access");
    const run = await loadModel(c, solID);
    const compared = extra.form ? [] : await picked(c, run.id, solID);
    const { status, ...props } = extra;
    const single = compared.length === 1 ? compared[0] : undefined;
    return renderPage(
      c,
      { title: `Scenarios · model ${solID}`, scripts: true, ...(status ? { status } : {}) },
      <ScenarioPage
        run={run}
        solID={solID}
        channels={run.spec.paid_media_spends}
        full={access.kind === "full"}
        runVisible={canSeeRun(access, run.id)}
        session={access.kind === "full" ? c.get("session") : undefined}
        saved={await runs.listScenarios(run.id, solID)}
        picked={compared.map((s) => s.name)}
        {...(single
          ? { result: { title: `Scenario “${single.name}”`, view: scenarioView(single.report) } }
          : {})}
        {...(compared.length > 1 ? { comparison: scenarioComparison(compared) } : {})}
        {...(c.req.query("saved") ? { flash: `Saved scenario “${c.req.query("saved")}”.` } : {})}
        {...props}
      />,
    );
  }

  app.get("/:solID/scenarios", (c) => show(c, c.req.param("solID")));

  app.post("/:solID/scenarios", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const solID = c.req.param("solID");
    const run = await loadModel(c, solID);
    const values = await scenarioFormValues(await c.req.parseBody());
    const save = values.action === "save";
    try {
      const plan = scenarioFormPlan(values, run.spec.paid_media_spends);
      if (save) {
        const name = values.name ?? "";
        await saveModelScenario({ runs, artifacts }, run, { solID, name, plan, by: access.actor });
        const query = new URLSearchParams({ saved: name, compare: name });
        return c.redirect(`/runs/${run.id}/models/${solID}/scenarios?${query.toString()}#result`, 303);
      }
      const report = await scenarioForRun(artifacts, run, { solIDs: [solID], plan });
      const form: ScenarioFormState = { values };
      return show(c, solID, { form, result: { title: "Forecast", view: scenarioView(report) } });
    } catch (error) {
      const problem = scenarioProblem(error);
      if (!problem) throw error;
      return show(c, solID, { form: { values, problem }, status: 422 });
    }
  });

  app.post("/:solID/scenarios/:name/delete", async (c) => {
    assertFullAccess(c.get("access"));
    const solID = c.req.param("solID");
    const run = await loadModel(c, solID);
    const name = c.req.param("name");
    await runs.deleteScenario(run.id, solID, name);
    return c.redirect(`/runs/${run.id}/models/${solID}/scenarios#saved`, 303);
  });

  app.get("/:solID/scenarios/export.csv", async (c) => {
    const solID = c.req.param("solID");
    const run = await loadModel(c, solID);
    const scenarios = await picked(c, run.id, solID);
    if (scenarios.length === 0)
      throw new MmmError("invalid_input", "Name the saved scenarios to export: ?compare=NAME (up to 3).", {
        context: { field: "compare" },
      });
    return c.body(scenarioCsv(scenarios), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${run.id}_${solID}_scenarios.csv"`,
    });
  });

  return app;
}
