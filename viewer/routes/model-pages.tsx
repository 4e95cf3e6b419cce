/**
 * `/runs/:id/models/:solID…`: a model page (with a response query from its URL's `channel`, `spend`, `dates`), "Pick as best" (with a note, stored with who and when), the
 * budget allocator (computed with `allocateForModel` and kept beside the run's outputs like
 * `mmm allocate` does), its one-pager (drawn on first request when the trainer did not draw it), and
 * downloads of the model's rows of the output files. Handlers sit inline after
 * their routes (Hono's advice), hence the factory's length.
 */
import { Hono, type Context } from "hono";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { allocationProblem } from "../../core/results/allocation-problem.ts";
import {
  allocateForModel,
  modelAllocationJson,
  type ModelAllocation,
} from "../../core/results/model-allocation.ts";
import { assertFullAccess, canSeeRun } from "../auth/access-scope.ts";
import { ModelPage } from "../pages/model-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import { allocationFormRequest, formValues, type AllocationFormState } from "../results/allocation-form.ts";
import { allocationFiles, allocationView, type AllocationView } from "../results/allocation-view.ts";
import type { CsvColumns } from "../../common/csv-columns.ts";
import { marginalView } from "../results/marginal-view.ts";
import { modelHealth } from "../results/model-health.ts";
import { modelScores } from "../results/model-scores.ts";
import { allocationCsv } from "../results/allocation-export.ts";
import { modelOnePager } from "../../core/results/model-onepager.ts";
import { modelCharts } from "../results/model-charts.ts";
import { responseQueryView } from "../results/response-query-view.ts";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { loadRun, modelNotFound, shownLinks } from "./load-run.ts";
import { allocationBase, onePagerFile, robynModelFile } from "../../common/run-folder.ts";
import { robynModelJson } from "../../core/results/robyn-model-export.ts";

const NOTE_LIMIT = 500;

export function modelPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { runs, artifacts } = ctx.services;
  const app = new Hono<ViewerEnv>();

  async function loadModel(
    c: { get: (key: "access") => ViewerEnv["Variables"]["access"] },
    runId: string,
    solID: string,
  ) {
    const run = await loadRun(ctx, c.get("access"), runId, solID);
    const results = ctx.results.of(run);
    const model = await results.paretoModel(solID);
    if (!model) throw modelNotFound(run, solID);
    return { run, results, model };
  }

  app.get("/:solID", (c) => showModel(c, c.req.param("solID")));

  /** The model page; after a refused allocation, with the allocator form as typed and its problem (422). */
  async function showModel(c: Context<ViewerEnv>, solID: string, allocationForm?: AllocationFormState) {
    const access = c.get("access");
    const { run, results, model } = await loadModel(c, c.req.param("id")!, solID);
    const depVarType = run.spec.dep_var_type;
    const [variables, decomposition, transforms, files, pick, links, response, health, twin, models] =
      await Promise.all([
        results.variables(solID),
        results.decomposition(solID),
        results.mediaTransforms(solID),
        results.files(),
        access.kind === "full" ? runs.getBest(run.country) : Promise.resolve(undefined),
        access.kind === "full" ? runs.listShareLinks(run.id) : Promise.resolve([]),
        responseQueryView(artifacts, run, solID, c.req.query()),
        modelHealth(artifacts, results, solID),
        ctx.twins.state(run, solID),
        results.paretoModels(),
      ]);
    const allocations = (
      await Promise.all(
        allocationFiles(files, solID).map(async (file) => {
          const text = await artifacts.getText(`${run.artifactPrefix}${file}`);
          return text === undefined ? undefined : allocationView(file, text, run.spec);
        }),
      )
    ).filter((a): a is AllocationView => a !== undefined);
    const flash = c.req.query("picked")
      ? `Picked ${solID} as the best model for ${run.country.toUpperCase()}.`
      : undefined;
    return renderPage(
      c,
      { title: `Model ${solID}`, scripts: true, ...(allocationForm ? { status: 422 as const } : {}) },
      <ModelPage
        run={run}
        model={model}
        scores={modelScores(models, Boolean(run.spec.ts_validation)).get(solID)}
        variables={variables}
        charts={modelCharts(model, variables, decomposition, transforms, depVarType)}
        marginal={marginalView(model, variables)}
        response={response}
        onepager={
          files.includes(onePagerFile(solID))
            ? "stored"
            : c.req.query("onepager") === "draw"
              ? "draw"
              : "none"
        }
        allocations={allocations}
        allocationForm={allocationForm}
        pick={pick}
        full={access.kind === "full"}
        runVisible={canSeeRun(access, run.id)}
        session={c.get("session")}
        shareLinks={
          access.kind === "full"
            ? shownLinks(
                ctx,
                links.filter((l) => l.solID === solID),
              )
            : undefined
        }
        depVarType={depVarType}
        flash={flash}
        health={health}
        twin={twin}
      />,
    );
  }

  // Any model's one-pager: the trainer's file, or drawn now and stored for the next request.
  app.get("/:solID/onepager.png", async (c) => {
    const { run, model } = await loadModel(c, c.req.param("id")!, c.req.param("solID"));
    const picture = await modelOnePager(artifacts, run, model.solID);
    return c.body(new Uint8Array(picture), 200, {
      "content-type": "image/png",
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
      ...(c.req.query("download")
        ? { "content-disposition": `attachment; filename="onepager-${model.solID}.png"` }
        : {}),
    });
  });

  app.post("/:solID/pick", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const solID = c.req.param("solID");
    const { run } = await loadModel(c, c.req.param("id")!, solID);
    const form = await c.req.parseBody();
    const note = typeof form.note === "string" ? form.note.trim() : "";
    if (note.length > NOTE_LIMIT)
      throw invalidInput("note", `Keep the note under ${NOTE_LIMIT} characters (it has ${note.length}).`);
    await runs.pickBest({
      country: run.country,
      runId: run.id,
      solID,
      ...(note ? { note } : {}),
      by: access.actor,
      at: ctx.now().toISOString(),
    });
    ctx.services.logger.info({ runId: run.id, solID, by: access.actor.id }, "best model picked");
    return c.redirect(`/runs/${run.id}/models/${solID}?picked=1#pick`, 303);
  });

  app.post("/:solID/allocate", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const solID = c.req.param("solID");
    const { run } = await loadModel(c, c.req.param("id")!, solID);
    const values = formValues(await c.req.parseBody());
    let allocation: ModelAllocation;
    try {
      const request = allocationFormRequest(values, run.spec.paid_media_spends);
      allocation = await allocateForModel(artifacts, run, solID, request);
    } catch (error) {
      const problem = allocationProblem(error, run.spec);
      if (!problem) throw error;
      return showModel(c, solID, { values, problem });
    }
    const key = `${run.artifactPrefix}${allocationBase(solID, allocation.result.scenario)}.json`;
    await artifacts.put(key, JSON.stringify(modelAllocationJson(allocation), null, 2), "application/json");
    return c.redirect(`/runs/${run.id}/models/${solID}#allocator`, 303);
  });

  app.get("/:solID/download/:file", async (c) => {
    const solID = c.req.param("solID");
    const { run, results, model } = await loadModel(c, c.req.param("id")!, solID);
    const file = c.req.param("file");
    const attachment = (name: string, type: string, body: string) =>
      c.body(body, 200, {
        "content-type": type,
        "content-disposition": `attachment; filename="${run.id}_${solID}_${name}"`,
        "cache-control": "private, max-age=300",
      });
    if (file === "model.json") {
      const variables = await results.variables(solID);
      return attachment(
        file,
        "application/json",
        JSON.stringify({ runId: run.id, ...model, variables }, null, 2),
      );
    }
    if (file === "aggregated.csv") {
      const rows = await results.variables(solID);
      const header = Object.keys(rows[0] ?? {});
      return attachment(
        file,
        "text/csv",
        toCsv(
          header,
          rows.map((r) => header.map((h) => r[h])),
        ),
      );
    }
    if (file === robynModelFile(solID)) {
      return c.body(await robynModelJson(artifacts, run, solID, ctx.now()), 200, {
        "content-type": "application/json",
        "content-disposition": `attachment; filename="${file}"`,
        "cache-control": "private, max-age=300",
      });
    }
    const scenario = /^allocation_(max_response|target_efficiency)\.csv$/.exec(file)?.[1];
    if (scenario) {
      const stored = `${allocationBase(solID, scenario)}.json`;
      const text = await artifacts.getText(`${run.artifactPrefix}${stored}`);
      const view = text === undefined ? undefined : allocationView(stored, text, run.spec);
      if (!view) {
        throw new MmmError(
          "not_found",
          `Model ${solID} has no ${scenario} allocation yet: run the allocator first.`,
          {
            context: { field: "file" },
          },
        );
      }
      return attachment(file, "text/csv; charset=utf-8", allocationCsv(view, run.spec.currency));
    }
    if (file === "decomposition.csv" || file === "media_transform.csv") {
      const csv = await (file === "decomposition.csv"
        ? results.decomposition(solID)
        : results.mediaTransforms(solID));
      return attachment(file, "text/csv", columnsToCsv(csv));
    }
    throw new MmmError(
      "not_found",
      `There is no download ${file}: choose model.json, ${robynModelFile(solID)}, aggregated.csv, decomposition.csv, media_transform.csv or allocation_<scenario>.csv.`,
      { context: { field: "file" } },
    );
  });

  return app;
}

function columnsToCsv(csv: CsvColumns | undefined): string {
  if (!csv) return "";
  const columns = csv.header.map((h) => csv.text(h));
  return toCsv(
    csv.header,
    Array.from({ length: csv.length }, (_, i) => columns.map((column) => column[i])),
  );
}

function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => {
    if (typeof v === "number")
      return Number.isNaN(v) ? "NA" : v === Infinity ? "Inf" : v === -Infinity ? "-Inf" : String(v);
    const text = String(v ?? "NA");
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header.map(cell).join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n") + "\n";
}
