/**
 * `GET /api/data/profile` through the real server (`startApp`: Hono on a port, the embedded DuckDB warehouse
 * with the demo tables, SQLite, the local artifact folder): a demo table and an uploaded daily dataset are
 * profiled with a bearer token, the numbers are the ones the core computes from the same rows, an infinite
 * VIF arrives as "Infinity", and every bad request is refused naming its parameter.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/data/csv.ts";
import { profileTable } from "../../core/data-profile/profile-table.ts";
import { startLocalApp, type LocalApp } from "../../tests/support/local-app.ts";

const TOKEN = "data-profile-test-token-0123456789abcdef";
const auth = { authorization: `Bearer ${TOKEN}` };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data differs per answer
type ApiBody = { status: string; message: string; data: any };

let local: LocalApp;
beforeAll(async () => {
  local = await startLocalApp("mmm-data-profile-", { MMM_API_TOKENS: TOKEN });
});
afterAll(async () => {
  await local?.stop();
});

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${local.app.url}/api${path}`, {
    ...init,
    headers: { ...auth, ...init.headers },
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

/** Three years of daily rows for one market: two channels that move sales, and a radio channel never used. */
function dailyCsv(): string {
  const lines = ["DATE,COUNTRY,SALES,FACEBOOK_S,FACEBOOK_I,SEARCH_S,RADIO_S,PRICE_INDEX"];
  for (let d = 0; d < 1095; d++) {
    const date = new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10);
    const facebook = 200 + ((d * 37) % 150);
    const search = 100 + ((d * 53) % 90);
    const price = 100 + ((d * 7) % 13);
    const sales = 5000 + 4 * facebook + 6 * search - 10 * price + ((d * 97) % 300);
    lines.push(`${date},NL,${sales},${facebook},${facebook * 120 + (d % 7)},${search},0,${price}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("GET /api/data/profile", () => {
  it("profiles a demo table with the core's numbers", async () => {
    const { status, body } = await api("/data/profile?table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenue");
    expect(status).toBe(200);
    const csv = readFileSync(
      join(import.meta.dirname, "../../core/warehouse/demo-data/simulated_weekly.csv"),
      "utf8",
    );
    const expected = profileTable({ table: parseCsv(csv), goal: "revenue", market: "US", source: "x" });
    expect(body.data).toMatchObject({
      source: "table DEMO.SIMULATED_WEEKLY",
      market: "US",
      goal: "revenue",
      rows: 208,
    });
    const tv = body.data.columns.find((c: { name: string }) => c.name === "tv_S");
    const want = expected.columns.find((c) => c.name === "tv_S")!;
    expect(tv).toMatchObject({ role: "paid_spend", nulls: 0, zeros: want.zeros, distinct: want.distinct });
    for (const key of ["spearman", "r2", "nmae", "median", "p25", "p75", "vif"] as const) {
      expect(tv[key], key).toBeCloseTo(want[key] as number, 9);
    }
    expect(body.data.condition_number).toBeCloseTo(expected.condition_number!, 9);
    expect(body.data.vif.map((v: { column: string }) => v.column)).toEqual(expected.vif.map((v) => v.column));
    expect(body.data.driver_ratio).toEqual(expected.driver_ratio);
  });

  it("profiles a market of an uploaded daily dataset, and the guard's infinite VIF is written out", async () => {
    const form = new FormData();
    form.set("file", new Blob([dailyCsv()]), "daily.csv");
    const uploaded = await api("/datasets", { method: "POST", body: form });
    expect(uploaded.status).toBe(201);
    const { status, body } = await api("/data/profile?dataset=daily&market=nl&goal=SALES");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      source: "dataset daily@1",
      rows: 1095,
      date_range: { start: "2022-01-01", end: "2024-12-30" },
    });
    const radio = body.data.cleaning.find((c: { column: string }) => c.column === "RADIO_S");
    expect(radio).toMatchObject({ action: "keep", rule: "all_zero" });
    expect(radio.reason).toMatch(/only paid variable of channel radio/);
    expect(body.data.vif.find((v: { column: string }) => v.column === "RADIO_S")).toMatchObject({
      vif: "Infinity",
      band: "problem",
    });
    expect(body.data.condition_number).toBe("Infinity");
    const facebook = body.data.columns.find((c: { name: string }) => c.name === "FACEBOOK_S");
    expect(
      facebook.media_response.options.map((o: { column: string; kind: string }) => `${o.column} ${o.kind}`),
    ).toEqual(["FACEBOOK_S spend", "FACEBOOK_I impressions"]);
    expect(facebook.sparkline).toHaveLength(60);
    expect(body.data.findings[0]).toMatchObject({ level: "problem", column: "RADIO_S" });
  });

  it("profiles a read-only SQL query's rows for a market, as a run reads them", async () => {
    const sql = "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE DATE >= '2022-01-01'";
    const { status, body } = await api(`/data/profile?sql=${encodeURIComponent(sql)}&market=DE&goal=REVENUE`);
    expect(status).toBe(200);
    const table = await local.app.services.warehouse.query({ sql }, { country: "DE" });
    const expected = profileTable({
      table: table.table,
      goal: "REVENUE",
      market: "DE",
      source: "the SQL query",
      countryColumn: "COUNTRY",
    });
    expect(body.data).toMatchObject({ source: "the SQL query", market: "DE", rows: table.rowCount });
    expect(body.data.date_range.start >= "2022-01-01").toBe(true);
    const tv = body.data.columns.find((c: { name: string }) => c.name === "TV_S");
    const want = expected.columns.find((c) => c.name === "TV_S")!;
    for (const key of ["spearman", "r2", "nmae", "median"] as const) {
      expect(tv[key], key).toBeCloseTo(want[key] as number, 9);
    }
    expect(body.data.vif.map((v: { column: string }) => v.column)).toEqual(expected.vif.map((v) => v.column));
  });

  it("profiles secondary goals: never regressors, each with every variable's fit to it", async () => {
    const { status, body } = await api(
      "/data/profile?table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenue&secondary=competitor_sales_B",
    );
    expect(status).toBe(200);
    const csv = readFileSync(
      join(import.meta.dirname, "../../core/warehouse/demo-data/simulated_weekly.csv"),
      "utf8",
    );
    const expected = profileTable({
      table: parseCsv(csv),
      goal: "revenue",
      market: "US",
      source: "x",
      secondaryGoals: ["competitor_sales_B"],
    });
    expect(body.data.columns.find((c: { name: string }) => c.name === "competitor_sales_B").role).toBe(
      "secondary_goal",
    );
    expect(body.data.vif.map((v: { column: string }) => v.column)).not.toContain("competitor_sales_B");
    expect(body.data.secondary_goals).toEqual(JSON.parse(JSON.stringify(expected.secondary_goals)));
    expect(body.data.secondary_goals[0].fits.map((f: { column: string }) => f.column)).toContain("tv_S");
  });

  it("refuses bad requests naming the parameter", async () => {
    const cases: [string, number, string, RegExp][] = [
      ["market=US", 422, "table", /table .*, dataset .* or sql/],
      ["table=DEMO.SIMULATED_WEEKLY&dataset=daily&market=US", 422, "dataset", /not table and dataset/],
      [
        `table=DEMO.SIMULATED_WEEKLY&sql=${encodeURIComponent("SELECT 1")}&market=US`,
        422,
        "sql",
        /not table and sql/,
      ],
      [
        `sql=${encodeURIComponent("DELETE FROM DEMO.SIMULATED_WEEKLY")}&market=US`,
        422,
        "sql",
        /read-only query that starts with SELECT/,
      ],
      [`sql=${encodeURIComponent("SELECT 1; SELECT 2")}&market=US`, 422, "sql", /2 statements/],
      [`sql=${encodeURIComponent("SELECT * FROM DEMO.NOPE")}&market=US`, 422, "sql", /NOPE/],
      ["table=DEMO.NOPE&market=US", 422, "table", /DEMO.NOPE was not found/],
      ["dataset=nope&market=US", 404, "dataset", /no dataset nope/],
      [
        "table=DEMO.MULTI_COUNTRY_WEEKLY&market=XX",
        422,
        "market",
        /No rows for country "XX".*DE, FR, GB, US/,
      ],
      ["table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenu", 422, "goal", /Did you mean revenue/],
      ["table=DEMO.SIMULATED_WEEKLY&market=US&goal=events", 422, "goal", /must hold numbers/],
      ["table=DEMO.SIMULATED_WEEKLY", 400, "market", /market/],
      [
        "table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenue&secondary=revenu",
        422,
        "secondary",
        /Did you mean revenue/,
      ],
      ["table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenue&secondary=revenue", 422, "secondary", /main goal/],
      [
        "table=DEMO.SIMULATED_WEEKLY&market=US&goal=revenue&secondary=events",
        422,
        "secondary",
        /must hold numbers/,
      ],
    ];
    for (const [query, status, field, message] of cases) {
      const answer = await api(`/data/profile?${query}`);
      expect(answer.status, query).toBe(status);
      expect(answer.body.status).toBe("error");
      expect(answer.body.data.field, query).toBe(field);
      expect(answer.body.message, query).toMatch(message);
    }
  });

  it("needs a token like every API read", async () => {
    const response = await fetch(`${local.app.url}/api/data/profile?table=DEMO.SIMULATED_WEEKLY&market=US`);
    expect(response.status).toBe(401);
  });
});
