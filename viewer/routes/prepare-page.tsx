/**
 * `/prepare?table=T|dataset=D|sql=Q&market=M&goal=G` (full access, like Explore): the data profile of a source for
 * one market and the form that saves it as a preparation; its POST checks and stores the preparation
 * (`core/preparations/`, the same as `POST /api/preparations`) and shows the profile again with what was
 * saved, with a form that starts a run from it (`POST /prepare/runs`: the goal, main or secondary, and the
 * search's budget). A bad parameter or draft is shown above the form, named, with the status the API would
 * answer.
 */
import { Hono, type Context } from "hono";
import { MmmError } from "../../common/errors.ts";
import { loadDataProfile } from "../../core/data-profile/load-data-profile.ts";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import { PreparationDraftSchema } from "../../core/preparations/preparation-draft.ts";
import type { Preparation } from "../../core/preparations/preparation.ts";
import type { Actor } from "../../core/run.ts";
import { duckDbBounds } from "../../core/warehouse/duckdb/duckdb-bounds.ts";
import { runRequestFromBody } from "../api/run-request-body.ts";
import { validate } from "../api/validate.ts";
import { assertFullAccess } from "../auth/access-scope.ts";
import { httpStatusOf } from "../http-status.ts";
import { PreparePage, type DerivedRow, type PrepareForm } from "../pages/prepare-page.tsx";
import { renderPage } from "../pages/render-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

export function preparePage(ctx: ViewerContext): Hono<ViewerEnv> {
  const { warehouse, datasets, preparations, config, lifecycle, runs } = ctx.services;
  const limits = {
    maxRows: config.WAREHOUSE_MAX_ROWS,
    maxBytes: config.WAREHOUSE_MAX_BYTES,
    ...duckDbBounds(config),
  };
  const app = new Hono<ViewerEnv>();

  /** The profile for the form, or the problem with its parameters; nothing when no source is named yet. */
  const profileOf = async (form: PrepareForm, actor: Actor): Promise<DataProfile | undefined> => {
    if (form.table === "" && form.dataset === "" && form.sql === "") return undefined;
    return loadDataProfile(
      { warehouse, datasets, limits },
      {
        ...(form.table ? { table: form.table } : {}),
        ...(form.dataset ? { dataset: form.dataset } : {}),
        ...(form.sql ? { sql: form.sql } : {}),
        market: form.market,
        ...(form.goal ? { goal: form.goal } : {}),
        secondary: columnList(form.secondary),
      },
      actor,
    );
  };

  const page = async (
    c: Context<ViewerEnv>,
    form: PrepareForm,
    saving?: (actor: Actor) => Promise<Preparation>,
  ) => {
    const access = c.get("access");
    assertFullAccess(access);
    let profile: DataProfile | undefined;
    let saved: Preparation | undefined;
    let error: MmmError | undefined;
    try {
      saved = await saving?.(access.actor);
      profile = await profileOf(form, access.actor);
    } catch (caught) {
      if (!(caught instanceof MmmError) || !["invalid_input", "not_found", "conflict"].includes(caught.code))
        throw caught;
      error = caught;
      profile = await profileOf(form, access.actor).catch(() => undefined);
    }
    return renderPage(
      c,
      { title: "Prepare data", status: error ? httpStatusOf(error) : saved ? 201 : 200 },
      <PreparePage session={c.get("session")} form={form} profile={profile} saved={saved} error={error} />,
    );
  };

  app.get("/", (c) => page(c, formOf(c.req.query())));

  app.post("/", async (c) => {
    const fields = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === "string" ? v.trim() : ""]),
    );
    const derived = derivedRowsOf(fields);
    const form = { ...formOf(fields), derived };
    return page(c, form, (actor) => {
      const draft = validate(
        PreparationDraftSchema,
        {
          name: fields.name ?? "",
          source: form.dataset
            ? { dataset: form.dataset }
            : form.sql
              ? { sql: form.sql }
              : { table: form.table },
          market: form.market,
          goal: { column: form.goal, type: fields.goal_type || "revenue" },
          secondary_goals: columnList(form.secondary).map((column) => ({
            column,
            type: fields[`secondary_type:${column}`] || "revenue",
          })),
          drop: Object.keys(fields)
            .filter((k) => k.startsWith("drop:"))
            .map((k) => k.slice("drop:".length)),
          derived: derived.map((row) => ({
            name: row.name,
            sum: columnList(row.sum),
            ...(row.tag !== "" ? { tag: row.tag } : {}),
          })),
          media_response: Object.fromEntries(
            Object.entries(fields)
              .filter(([k]) => k.startsWith("response:"))
              .map(([k, v]) => [k.slice("response:".length), v]),
          ),
        },
        "body",
      );
      return preparations.create(draft, actor);
    });
  });

  // A run from a saved preparation, through the same checks as `POST /api/runs` (the goal may be a secondary one).
  app.post("/runs", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const fields = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === "string" ? v.trim() : ""]),
    );
    const name = fields.preparation ?? "";
    try {
      const request = await runRequestFromBody(
        {
          data: { preparation: name },
          ...(fields.dep_var ? { dep_var: fields.dep_var } : {}),
          iterations: Number(fields.iterations),
          trials: Number(fields.trials),
        },
        { runs, warehouse, preparations },
        access.actor,
        undefined,
      );
      const started = await lifecycle.start(request);
      return c.redirect(`/runs/${started.runs[0]!.id}`, 303);
    } catch (caught) {
      if (!(caught instanceof MmmError) || !["invalid_input", "not_found"].includes(caught.code))
        throw caught;
      const saved = await preparations.get(name, "preparation").catch(() => undefined);
      return renderPage(
        c,
        { title: "Prepare data", status: httpStatusOf(caught) },
        <PreparePage
          session={c.get("session")}
          form={formOf({})}
          {...(saved ? { saved } : {})}
          error={caught}
          run={{
            dep_var: fields.dep_var ?? "",
            iterations: fields.iterations ?? "",
            trials: fields.trials ?? "",
          }}
        />,
      );
    }
  });

  return app;
}

function formOf(query: Record<string, string | undefined>): PrepareForm {
  const value = (name: string) => (query[name] ?? "").trim();
  return {
    table: value("table"),
    dataset: value("dataset"),
    sql: value("sql"),
    market: value("market"),
    goal: value("goal"),
    secondary: value("secondary"),
  };
}

/**
 * The filled derived-channel rows (`derived[i].name`, `.sum`, `.tag`) in the form's order; empty rows are
 * dropped, so row i of the answer is `derived[i]` of the draft and an error naming `derived[i]` names the
 * row the page shows again at that place.
 */
function derivedRowsOf(fields: Record<string, string>): DerivedRow[] {
  const indices = new Set<number>();
  for (const key of Object.keys(fields)) {
    const match = /^derived\[(\d+)\]\.(name|sum|tag)$/.exec(key);
    if (match) indices.add(Number(match[1]));
  }
  return [...indices]
    .sort((a, b) => a - b)
    .map((i) => ({
      name: fields[`derived[${i}].name`] ?? "",
      sum: fields[`derived[${i}].sum`] ?? "",
      tag: fields[`derived[${i}].tag`] ?? "",
    }))
    .filter((row) => row.name !== "" || row.sum !== "" || row.tag !== "");
}

/** Column names typed with commas between them. */
function columnList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
