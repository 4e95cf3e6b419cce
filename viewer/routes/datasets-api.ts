/**
 * `/api/datasets`: upload a file as a dataset (multipart field `file`, optional `name` and `sheet`), list
 * datasets, show one (its versions, first rows and the auto-mapping of its columns) and delete one
 * (admins only: the person at this machine in local mode, or an `MMM_API_TOKENS` token; refused while a
 * run that has not ended reads it). The upload is streamed to a temporary file, never held in memory.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import type { ApiEnv } from "../auth/api-auth.ts";
import { assertApiAdmin } from "../auth/api-admin.ts";
import { datasetPreview, datasetView } from "../api/dataset-view.ts";
import { success } from "../api/envelope.ts";
import { receiveUpload } from "../api/multipart-upload.ts";
import type { ViewerContext } from "../viewer-context.ts";

/** Rows read for the auto-mapping; the first `PREVIEW_ROWS` of them are shown. */
const MAPPING_ROWS = 500;
const PREVIEW_ROWS = 20;

export function datasetApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const { datasets, config } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.post("/", async (c) => {
    const dir = await mkdtemp(join(tmpdir(), "mmm-upload-"));
    try {
      const upload = await receiveUpload(c.req.raw, dir, config.DATASET_MAX_BYTES);
      const name = upload.fields.name?.trim() || undefined;
      const sheet = upload.fields.sheet?.trim() || undefined;
      const dataset = await datasets.add(
        { path: upload.path, fileName: upload.fileName, bytes: upload.bytes, ...(sheet ? { sheet } : {}) },
        { actor: c.get("actor"), ...(name ? { name } : {}) },
      );
      return success(
        c,
        datasetView(dataset),
        `Dataset ${dataset.name} version ${dataset.version}: ${dataset.rows} rows, ${dataset.columns.length} columns, ` +
          `${dataset.dateRange.start} to ${dataset.dateRange.end}.`,
        201,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.get("/", async (c) => success(c, { datasets: (await datasets.list()).map(datasetView) }));

  app.get("/:ref", async (c) => {
    const dataset = await datasets.get(c.req.param("ref"), "name");
    const versions = await datasets.versions(dataset.name);
    const preview = await datasets.preview(dataset, MAPPING_ROWS);
    return success(c, {
      ...datasetView(dataset),
      versions: versions.map((v) => ({
        version: v.version,
        uploadedAt: v.uploadedAt,
        uploadedBy: v.uploadedBy,
        rows: v.rows,
      })),
      preview: datasetPreview(preview, PREVIEW_ROWS),
    });
  });

  app.delete("/:name", async (c) => {
    assertApiAdmin(c.get("actor"), "delete datasets");
    const removed = await datasets.delete(c.req.param("name"));
    return success(
      c,
      { name: removed[0]!.name, versions: removed.length },
      `Dataset ${removed[0]!.name} deleted.`,
    );
  });

  return app;
}
