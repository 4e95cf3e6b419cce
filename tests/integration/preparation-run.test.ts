/**
 * Saved preparations through the real server (`startApp`: Hono on a port, the embedded DuckDB warehouse
 * with the demo tables, SQLite, the child-process trainer): a preparation of the demo table is saved over
 * the API, a run started from it trains on exactly its kept and derived columns (the snapshot's header and
 * the spec's mapping), and every bad draft is refused naming its field, with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/data/csv.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import { DEMO_TABLE } from "../../core/lifecycle/demo-run.ts";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";

const TOKEN = "preparation-test-token-0123456789abcdef";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data differs per answer
type ApiBody = { status: string; message: string; data: any };

let local: LocalApp;
beforeAll(async () => {
  local = await startLocalApp("mmm-preparation-", { MMM_API_TOKENS: TOKEN });
});
afterAll(async () => {
  await local?.stop();
});

async function api(path: string, method = "GET", body?: unknown): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${local.app.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

/** Offline spends combined into one channel; print and the events factor left out; facebook modelled on its spend. */
const DRAFT = {
  name: "us-offline",
  source: { table: DEMO_TABLE },
  market: "us",
  goal: { column: "revenue", type: "revenue" },
  drop: ["tv_S", "ooh_S", "print_S", "events"],
  derived: [{ name: "offline_S", sum: ["tv_S", "ooh_S"], tag: "offline" }],
  media_response: { facebook_S: "facebook_S" },
};

const KEPT = [
  "DATE",
  "revenue",
  "facebook_I",
  "search_clicks_P",
  "search_S",
  "competitor_sales_B",
  "facebook_S",
  "newsletter",
];

describe("saved preparations", () => {
  it("saves a preparation of a demo table with its roles resolved, and lists and shows it", async () => {
    const saved = await api("/preparations", "POST", DRAFT);
    expect(saved.status, saved.body.message).toBe(201);
    expect(saved.body.data).toMatchObject({
      name: "us-offline",
      source: { table: DEMO_TABLE },
      market: "US",
      date_column: "DATE",
      goal: { column: "revenue", type: "revenue" },
      columns: KEPT,
      derived: [{ name: "offline_S", sum: ["tv_S", "ooh_S"], tag: "offline" }],
      organic_vars: ["newsletter"],
      context_vars: ["competitor_sales_B"],
      factor_vars: [],
      created_by: { kind: "api" },
    });
    expect(saved.body.data.paid_media).toEqual([
      { spend: "search_S", response: "search_clicks_P" },
      { spend: "facebook_S", response: "facebook_S" },
      { spend: "offline_S", response: "offline_S" },
    ]);
    const list = await api("/preparations");
    expect(list.body.data.preparations.map((p: { name: string }) => p.name)).toEqual(["us-offline"]);
    const one = await api("/preparations/us-offline");
    expect(one.body.data).toEqual(saved.body.data);
    expect((await api("/preparations/nope")).status).toBe(404);
  });

  it("starts a run that trains on exactly the kept and derived columns", async () => {
    const started = await api("/runs", "POST", {
      data: { preparation: "us-offline" },
      iterations: 20,
      trials: 1,
      min_candidates: 1,
    });
    expect(started.status, started.body.message).toBe(202);
    const runId = started.body.data.runs[0].id as string;
    expect(await finalStatus(local.app, runId, 240_000)).toBe("succeeded");
    const run = (await local.app.services.runs.getRun(runId))!;
    expect(run.country).toBe("US");
    expect(run.spec).toMatchObject({
      data: { preparation: "us-offline" },
      dep_var: "revenue",
      dep_var_type: "revenue",
      paid_media_spends: ["search_S", "facebook_S", "offline_S"],
      paid_media_vars: ["search_clicks_P", "facebook_S", "offline_S"],
      organic_vars: ["newsletter"],
      context_vars: ["competitor_sales_B"],
      factor_vars: [],
    });
    const input = parseCsv(
      (await local.app.services.artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`))!,
    );
    expect(input.columns).toEqual([...KEPT, "offline_S"]);
    const demo = (
      await local.app.services.warehouse.query({ table: DEMO_TABLE }, { maxRows: 1000, maxBytes: 1e8 })
    ).table;
    expect(input.data.offline_S!.slice(0, 5)).toEqual(
      [0, 1, 2, 3, 4].map((i) => (demo.data.tv_S![i] as number) + (demo.data.ooh_S![i] as number)),
    );
    // The data summary the run was queued with says what the preparation did.
    expect(started.body.data.runs[0].summary.data.notes.join(" ")).toMatch(
      /Preparation us-offline: 8 of 12 columns kept, offline_S = tv_S \+ ooh_S/,
    );
  }, 300_000);

  it("refuses a run that also sets the mapping, another market or an unknown preparation", async () => {
    const cases: [unknown, number, string][] = [
      [{ data: { preparation: "us-offline" }, dep_var_type: "conversion" }, 422, "dep_var_type"],
      [{ data: { preparation: "us-offline" }, paid_media_spends: ["tv_S"] }, 422, "paid_media_spends"],
      // The preparation has no secondary goal: the goal cannot be switched to a regressor.
      [{ data: { preparation: "us-offline" }, dep_var: "search_S" }, 422, "dep_var"],
      [{ data: { preparation: "us-offline" }, country: "DE" }, 422, "country"],
      [{ data: { preparation: "nope" } }, 404, "data.preparation"],
    ];
    for (const [body, status, field] of cases) {
      const answer = await api("/runs", "POST", body);
      expect([answer.status, answer.body.data.field], answer.body.message).toEqual([status, field]);
    }
  });

  it("refuses bad drafts naming the field, and stores nothing", async () => {
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ columns: ["DATE", "revenue", "tv_s"] }, 422, "columns", /tv_s is not in table .*Did you mean tv_S/],
      [
        { derived: [{ name: "facebook_S", sum: ["tv_S"] }] },
        422,
        "derived[0].name",
        /has a column facebook_S already/,
      ],
      [
        { derived: [{ name: "mix", sum: ["tv_S", "events"] }] },
        422,
        "derived[0].sum",
        /events: it does not hold numbers/,
      ],
      [{ drop: ["revenue"] }, 422, "drop", /Keep revenue, the goal/],
      [{ columns: ["revenue", "tv_S"] }, 422, "columns", /Keep DATE, the date column/],
      [{ media_response: { tv_S: "revenue" } }, 422, "media_response.tv_S", /not a kept paid spend/],
      [{ goal: { column: "revenu" } }, 422, "goal.column", /Did you mean revenue/],
      [{ source: { table: "DEMO.NOPE" } }, 422, "source.table", /DEMO.NOPE/],
      [{ market: "Germany" }, 422, "market", /two-letter/],
      [{ name: "us-offline" }, 409, "name", /exists/],
    ];
    for (const [change, status, field, message] of cases) {
      const answer = await api("/preparations", "POST", { ...DRAFT, name: "bad", ...change });
      expect([answer.status, answer.body.data.field], answer.body.message).toEqual([status, field]);
      expect(answer.body.message).toMatch(message);
    }
    expect((await api("/preparations")).body.data.preparations).toHaveLength(1);
  });

  it("saves from the profile's cleaning suggestions, and deletes for an admin", async () => {
    const saved = await api("/preparations", "POST", {
      name: "from-profile",
      source: { table: DEMO_TABLE },
      market: "US",
      goal: { column: "revenue", type: "revenue" },
      from_profile: true,
    });
    expect(saved.status, saved.body.message).toBe(201);
    const profile = await api(`/data/profile?table=${DEMO_TABLE}&market=US&goal=revenue`);
    const drops = profile.body.data.cleaning
      .filter((s: { action: string }) => s.action === "drop")
      .map((s: { column: string }) => s.column);
    const all = profile.body.data.columns.map((c: { name: string }) => c.name);
    expect(saved.body.data.columns).toEqual(all.filter((c: string) => !drops.includes(c)));
    const removed = await api("/preparations/from-profile", "DELETE", {});
    expect(removed.status).toBe(200);
    expect((await api("/preparations/from-profile")).status).toBe(404);
    expect((await api("/preparations/from-profile", "DELETE", {})).status).toBe(404);
  });

  it("pins a dataset's version, and keeps the dataset while a preparation is made on it", async () => {
    const lines = ["DATE,COUNTRY,SALES,FB_A_S,FB_B_S,SEARCH_S,NOTE"];
    for (let w = 0; w < 60; w++) {
      const date = new Date(Date.UTC(2023, 0, 2 + 7 * w)).toISOString().slice(0, 10);
      for (const [country, base] of [
        ["NL", 100],
        ["BE", 50],
      ] as const) {
        lines.push(
          `${date},${country},${base * 90 + 7 * ((w * 13) % 17)},${base + ((w * 7) % 11)},${(w * 5) % 9},${base / 2 + ((w * 3) % 7)},x`,
        );
      }
    }
    const form = new FormData();
    form.set("file", new Blob([`${lines.join("\n")}\n`]), "weekly.csv");
    const uploaded = await fetch(`${local.app.url}/api/datasets`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const saved = await api("/preparations", "POST", {
      name: "nl-facebook",
      source: { dataset: "weekly" },
      market: "NL",
      goal: { column: "SALES", type: "revenue" },
      drop: ["FB_A_S", "FB_B_S", "NOTE"],
      derived: [{ name: "FACEBOOK_S", sum: ["FB_A_S", "FB_B_S"] }],
    });
    expect(saved.status, saved.body.message).toBe(201);
    expect(saved.body.data).toMatchObject({
      source: { dataset: "weekly@1" },
      country_column: "COUNTRY",
      columns: ["DATE", "COUNTRY", "SALES", "SEARCH_S"],
      paid_media: [
        { spend: "SEARCH_S", response: "SEARCH_S" },
        { spend: "FACEBOOK_S", response: "FACEBOOK_S" },
      ],
    });
    const refused = await api("/datasets/weekly", "DELETE", {});
    expect([refused.status, refused.body.message]).toEqual([409, expect.stringMatching(/nl-facebook/)]);
    expect((await api("/preparations/nl-facebook", "DELETE", {})).status).toBe(200);
    expect((await api("/datasets/weekly", "DELETE", {})).status).toBe(200);
  });

  it("switches a run from a preparation to one of its secondary goals, with that goal's type", async () => {
    const lines = ["DATE,SALES,ORDERS,TV_S,SEARCH_S"];
    for (let w = 0; w < 104; w++) {
      const date = new Date(Date.UTC(2023, 0, 2 + 7 * w)).toISOString().slice(0, 10);
      const tv = 1000 + ((w * 37) % 500);
      const search = 400 + ((w * 53) % 300);
      const orders = 200 + Math.round(tv / 20 + search / 8) + ((w * 11) % 15);
      lines.push(`${date},${orders * 45 + ((w * 17) % 200)},${orders},${tv},${search}`);
    }
    const form = new FormData();
    form.set("file", new Blob([`${lines.join("\n")}\n`]), "goals.csv");
    const uploaded = await fetch(`${local.app.url}/api/datasets`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const saved = await api("/preparations", "POST", {
      name: "two-goals",
      source: { dataset: "goals" },
      market: "NL",
      goal: { column: "SALES", type: "revenue" },
      secondary_goals: [{ column: "ORDERS", type: "conversion" }],
    });
    expect(saved.status, saved.body.message).toBe(201);
    // ORDERS is a goal, never a regressor, whichever goal a run explains.
    expect(saved.body.data.context_vars).not.toContain("ORDERS");
    expect(saved.body.data.organic_vars).not.toContain("ORDERS");

    const wrong = await api("/runs", "POST", { data: { preparation: "two-goals" }, dep_var: "TV_S" });
    expect([wrong.status, wrong.body.data.field]).toEqual([422, "dep_var"]);
    expect(wrong.body.message).toMatch(/can explain SALES, ORDERS, not TV_S/);

    const started = await api("/runs", "POST", {
      data: { preparation: "two-goals" },
      dep_var: "ORDERS",
      iterations: 20,
      trials: 1,
      min_candidates: 1,
    });
    expect(started.status, started.body.message).toBe(202);
    const runId = started.body.data.runs[0].id as string;
    expect(await finalStatus(local.app, runId, 240_000)).toBe("succeeded");
    const run = (await local.app.services.runs.getRun(runId))!;
    expect(run.spec).toMatchObject({
      data: { preparation: "two-goals" },
      dep_var: "ORDERS",
      dep_var_type: "conversion",
      paid_media_spends: ["TV_S", "SEARCH_S"],
    });
    expect(run.spec.context_vars).not.toContain("SALES");
  }, 300_000);
});
