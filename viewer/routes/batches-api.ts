/**
 * `/api/batches`: start a group of runs from batch settings (a JSON body `{ defaults, runs }`, or
 * `{ csv }` with the CSV file's text; see `core/batches/batch-settings.ts`), every row checked before any run
 * launches, and show a batch's status with its runs.
 */
import { Hono } from "hono";
import { MmmError } from "../../common/errors.ts";
import { parseBatchSettings } from "../../core/batches/batch-settings.ts";
import { batchStatus } from "../../core/batches/batch-status.ts";
import { startBatch } from "../../core/batches/start-batch.ts";
import type { Run } from "../../core/run.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { BatchBody, BatchIdParams, type BatchData } from "../api/batch-schemas.ts";
import { success } from "../api/envelope.ts";
import { jsonBody } from "../api/json-body.ts";
import { runView } from "../api/run-view.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function batchApiRoutes(ctx: ViewerContext, baseUrl: string): Hono<ApiEnv> {
  const { runs, lifecycle } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.post("/", async (c) => {
    const body = validate(BatchBody, await jsonBody(c.req, "batch settings"), "body");
    const rows =
      "csv" in body
        ? parseBatchSettings("batch.csv", body.csv)
        : parseBatchSettings("batch.json", JSON.stringify(body));
    const started = await startBatch(lifecycle, rows, c.get("actor"));
    return success(
      c,
      view(started.batchId, started.runs),
      `Batch ${started.batchId}: ${started.runs.length} run(s) queued.`,
      202,
    );
  });

  app.get("/:id", async (c) => {
    const { id } = validate(BatchIdParams, c.req.param(), "path");
    const { runs: members } = await runs.listRuns({ groupId: id, limit: 200 });
    if (members.length === 0) {
      throw new MmmError("not_found", `There is no batch ${id}.`, { context: { field: "id" } });
    }
    return success(c, view(id, members));
  });

  function view(batchId: string, members: readonly Run[]): BatchData {
    const status = batchStatus(members);
    return {
      batchId,
      state: status.state,
      total: status.total,
      counts: status.counts,
      runs: [...members].sort((a, b) => a.id.localeCompare(b.id)).map((run) => runView(run, baseUrl)),
    };
  }

  return app;
}
