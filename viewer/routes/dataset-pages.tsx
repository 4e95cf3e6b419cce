/**
 * `/datasets`: the datasets and the upload form; `POST /datasets` streams the file to disk (the CSRF token
 * is checked before any of it is written) and adds it through `Datasets.add`, as `POST /api/datasets`
 * does, then opens its page. `/datasets/:ref` shows a version (what was read, the first rows, the column
 * types, the auto-mapping with its reasons, the data checks a run would make) and the "New run" form;
 * `POST /datasets/:ref/runs` checks the form's run again ("Check the data") or starts it through the
 * same request and checks as `POST /api/runs`. A refused upload or run comes back as the page with the
 * problem beside its input and the form as it was typed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "hono";
import { Hono } from "hono";
import { isMmmError, type MmmError } from "../../common/errors.ts";
import { formatDatasetRef, type Dataset } from "../../core/datasets/dataset.ts";
import { profileTable } from "../../core/data-profile/profile-table.ts";
import type { CheckedRun } from "../../core/lifecycle/check-run.ts";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import type { Actor } from "../../core/run.ts";
import { CSRF_FIELD, assertFormToken } from "../auth/form-token.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { datasetPreview } from "../api/dataset-view.ts";
import { receiveUpload } from "../api/multipart-upload.ts";
import { runRequestFromBody } from "../api/run-request-body.ts";
import {
  formFromSuggestion,
  formValues,
  runBodyFromForm,
  type RunFormValues,
} from "../data/dataset-run-form.ts";
import { httpStatusOf } from "../http-status.ts";
import { DatasetPage, type DatasetChecks } from "../pages/dataset-page.tsx";
import { DatasetsPage } from "../pages/datasets-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

/** The upload route, for the body limit and the streamed CSRF check (`app.ts`). */
export const DATASET_UPLOAD_PATH = "/datasets";

/** Rows read for the auto-mapping; the first `PREVIEW_ROWS` of them are shown. */
const MAPPING_ROWS = 500;
const PREVIEW_ROWS = 20;

/** Problems a person can fix in the form; anything else is the error page. */
const FORM_CODES = new Set(["invalid_input", "not_found", "conflict"]);

export function datasetPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { datasets, config, lifecycle, runs, warehouse } = ctx.services;
  const app = new Hono<ViewerEnv>();

  const listPage = async (c: Context<ViewerEnv>, form?: { values: RunFormValues; problem: MmmError }) =>
    renderPage(
      c,
      {
        title: "Datasets",
        ...(form ? { status: httpStatusOf(form.problem) as 422 } : {}),
      },
      <DatasetsPage
        session={c.get("session")}
        datasets={await datasets.list()}
        maxBytes={config.DATASET_MAX_BYTES}
        {...(form ? { form } : {})}
      />,
    );

  app.get("/", async (c) => {
    assertFullAccess(c.get("access"));
    return listPage(c);
  });

  app.post("/", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const session = c.get("session");
    const dir = await mkdtemp(join(tmpdir(), "mmm-upload-"));
    let fields: Readonly<Record<string, string>> = {};
    try {
      const upload = await receiveUpload(c.req.raw, dir, config.DATASET_MAX_BYTES, (sent) => {
        fields = sent;
        assertFormToken(sent[CSRF_FIELD], session);
      });
      fields = upload.fields;
      const name = upload.fields.name?.trim() || undefined;
      const sheet = upload.fields.sheet?.trim() || undefined;
      const dataset = await datasets.add(
        { path: upload.path, fileName: upload.fileName, bytes: upload.bytes, ...(sheet ? { sheet } : {}) },
        { actor: access.actor, ...(name ? { name } : {}) },
      );
      ctx.services.logger.info(
        { dataset: formatDatasetRef(dataset), rows: dataset.rows, by: access.actor.id },
        "dataset uploaded",
      );
      return c.redirect(`/datasets/${formatDatasetRef(dataset)}`, 303);
    } catch (error) {
      if (!isMmmError(error) || !FORM_CODES.has(error.code)) throw error;
      return listPage(c, { values: formValues({ ...fields, [CSRF_FIELD]: undefined }), problem: error });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  /** The page of a version, with the form as given (default: from the auto-mapping) and its checks. */
  const showDataset = async (
    c: Context<ViewerEnv>,
    dataset: Dataset,
    posted?: { values: RunFormValues; problem?: MmmError },
  ) => {
    const table = await datasets.preview(dataset, MAPPING_ROWS);
    const preview = datasetPreview(table, PREVIEW_ROWS);
    const values =
      posted?.values ??
      formFromSuggestion(preview.mapping, firstMarket(preview, preview.mapping.country_column));
    const checks =
      posted?.problem === undefined ? await dataChecks(dataset, values, c.get("access")) : undefined;
    return renderPage(
      c,
      {
        title: `Dataset ${formatDatasetRef(dataset)}`,
        ...(posted?.problem ? { status: httpStatusOf(posted.problem) as 422 } : {}),
      },
      <DatasetPage
        session={c.get("session")}
        dataset={dataset}
        versions={await datasets.versions(dataset.name)}
        preview={preview}
        values={values}
        {...(checks ? { checks } : {})}
        {...(posted?.problem ? { problem: posted.problem } : {})}
      />,
    );
  };

  /** The checks `POST /api/runs` would make for the form's run, without starting it. */
  const dataChecks = async (
    dataset: Dataset,
    values: RunFormValues,
    access: ViewerEnv["Variables"]["access"],
  ): Promise<DatasetChecks> => {
    assertFullAccess(access);
    try {
      const request = await formRequest(dataset, values, access.actor);
      const [checked] = await lifecycle.check(request);
      return { ok: summaryOf(checked!) };
    } catch (error) {
      if (!isMmmError(error) || !FORM_CODES.has(error.code)) throw error;
      return { problem: error };
    }
  };

  const formRequest = (dataset: Dataset, values: RunFormValues, actor: Actor): Promise<RunRequest> =>
    runRequestFromBody(
      runBodyFromForm(
        formatDatasetRef(dataset),
        dataset.columns.map((column) => column.name),
        values,
      ),
      { runs, warehouse, preparations: ctx.services.preparations },
      actor,
      undefined,
    );

  app.get("/:ref", async (c) => {
    assertFullAccess(c.get("access"));
    return showDataset(c, await datasets.get(c.req.param("ref"), "name"));
  });

  app.post("/:ref/runs", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const dataset = await datasets.get(c.req.param("ref"), "name");
    const values = formValues(await c.req.parseBody());
    if (values.intent === "check") return showDataset(c, dataset, { values });
    try {
      const started = await lifecycle.start(await formRequest(dataset, values, access.actor));
      const run = started.runs[0]!;
      ctx.services.logger.info(
        { runId: run.id, dataset: formatDatasetRef(dataset), by: access.actor.id },
        "run started from a dataset",
      );
      return c.redirect(`/runs/${run.id}`, 303);
    } catch (error) {
      if (!isMmmError(error) || !FORM_CODES.has(error.code)) throw error;
      return showDataset(c, dataset, { values, problem: error });
    }
  });

  return app;
}

/** The first market value of the preview's country column that is a country code, for the form. */
function firstMarket(preview: ReturnType<typeof datasetPreview>, column: string | undefined): string {
  if (column === undefined) return "";
  const index = preview.columns.indexOf(column);
  for (const row of preview.rows) {
    const value = String(row[index] ?? "").trim();
    if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
  }
  return "";
}

/** What the checks found, with the data profile of the run's rows against its goal (its findings). */
function summaryOf(checked: CheckedRun): NonNullable<DatasetChecks["ok"]> {
  const { spec } = checked;
  const profile = profileTable({
    table: checked.table,
    goal: spec.dep_var,
    market: spec.market,
    source: checked.dataSummary.source,
    ...(spec.data && "country_column" in spec.data && spec.data.country_column
      ? { countryColumn: spec.data.country_column }
      : {}),
  });
  return {
    ...checked.dataSummary,
    warnings: checked.warnings,
    country: spec.market,
    findings: profile.findings,
  };
}
