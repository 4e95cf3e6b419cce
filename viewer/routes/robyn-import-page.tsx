/**
 * `/runs/import-robyn`: the upload form for a Robyn model file, and its POST, which starts the one-model
 * run (`startRobynImport`, the same as `POST /api/robyn-models`) and opens the run's page.
 */
import { Hono } from "hono";
import { invalidInput } from "../../common/errors.ts";
import { startRobynImport } from "../../core/lifecycle/robyn-import-run.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { renderPage } from "../pages/render-page.tsx";
import { RobynImportPage } from "../pages/robyn-import-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

/** Robyn's files are ~90 KB with their data; a model file larger than this is not one. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function robynImportPage(ctx: ViewerContext): Hono<ViewerEnv> {
  const { lifecycle, warehouse } = ctx.services;
  const app = new Hono<ViewerEnv>();

  app.get("/", async (c) => {
    assertFullAccess(c.get("access"));
    const tables = (await warehouse.listTables()).map((t) => t.name);
    return renderPage(
      c,
      { title: "Import a Robyn model" },
      <RobynImportPage session={c.get("session")} tables={tables} />,
    );
  });

  app.post("/", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const form = await c.req.parseBody();
    const upload = form.model;
    if (!(upload instanceof File) || upload.size === 0)
      throw invalidInput("model", "Choose the RobynModel-<solID>.json file to import.");
    if (upload.size > MAX_FILE_BYTES)
      throw invalidInput("model", `${upload.name} is larger than 20 MB: it is not a Robyn model file.`);
    let document: unknown;
    try {
      document = JSON.parse(await upload.text());
    } catch (error) {
      throw invalidInput("model", `${upload.name} is not valid JSON: ${(error as Error).message}.`);
    }
    const table = typeof form.table === "string" ? form.table.trim() : "";
    if (table === "") throw invalidInput("table", "Name the warehouse table that holds the model's data.");
    const country = typeof form.country === "string" ? form.country.trim() : "";
    const imported = await startRobynImport(lifecycle, {
      document,
      data: { table },
      country: country || undefined,
      actor: access.actor,
    });
    const run = imported.started.runs[0]!;
    ctx.services.logger.info({ runId: run.id, robynSolID: imported.robynSolID }, "Robyn model imported");
    return c.redirect(`/runs/${run.id}`, 303);
  });

  return app;
}
