/**
 * How the BigQuery adapter uses BigQuery, beyond the Warehouse contract: the dry-run byte cap, the
 * country as a query parameter, the byte cap and timeout on every job, free previews, paging that stops
 * at the row limit, the read-only rules BigQuery's own SQL needs, and what a person is told when
 * credentials, grants, BigQuery itself or the deadline fail. Against the loopback fake of the REST API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  openBigQueryWarehouse,
  type BigQueryWarehouseOptions,
} from "../../core/warehouse/bigquery/bigquery.ts";
import type { Warehouse } from "../../core/warehouse/port.ts";
import { FakeBigQuery } from "../fakes/fake-bigquery.ts";
import { mmmRejectionOf } from "../support/expect-mmm-error.ts";
import { bigQueryTestAuth } from "../support/bigquery-test-auth.ts";

const PROJECT = "mmm-test";
const TOKEN = "faults-token";
const MULTI = { table: "DEMO.MULTI_COUNTRY_WEEKLY" };
const ROBYN = { table: "DEMO.SIMULATED_WEEKLY" };

let fake: FakeBigQuery;
const open: Warehouse[] = [];

beforeAll(async () => {
  fake = await FakeBigQuery.start({
    project: PROJECT,
    token: TOKEN,
    pageRows: 50,
    views: { "DEMO.GERMANY_WEEKLY": "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE COUNTRY = 'DE'" },
  });
});
afterEach(async () => {
  for (const warehouse of open.splice(0)) await warehouse.close();
  fake.clearFaults();
  fake.jobs.splice(0);
  fake.requests.splice(0);
});
afterAll(async () => {
  await fake?.close();
});

function warehouse(options: Partial<BigQueryWarehouseOptions> = {}): Warehouse {
  const opened = openBigQueryWarehouse({
    project: PROJECT,
    dataset: "DEMO",
    apiEndpoint: fake.url,
    authClient: bigQueryTestAuth(TOKEN),
    ...options,
  });
  open.push(opened);
  return opened;
}

const realJobs = () => fake.jobs.filter((j) => !j.dryRun);

describe("BigQuery: the byte cap", () => {
  it("refuses a query whose dry run estimates more than the cap, naming the cap and the estimate", async () => {
    const multiBytes = fake.tableBytes("DEMO.MULTI_COUNTRY_WEEKLY");
    const cap = 50_000;
    expect(multiBytes).toBeGreaterThan(cap);
    const bq = warehouse({ maxBytesBilled: cap });
    const error = await mmmRejectionOf(bq.query(MULTI, { country: "DE" }));
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe("data.table");
    expect(error.message).toContain("would scan 97.5 KB (BigQuery's dry-run estimate)");
    expect(error.message).toContain("the cap of 48.8 KB per query (BIGQUERY_MAX_BYTES_BILLED)");
    expect(error.message).toContain("was not run");
    expect(error.context).toMatchObject({
      limit: "bytes_billed",
      maxBytesBilled: cap,
      estimatedBytes: multiBytes,
    });
    expect(realJobs()).toEqual([]);
    // A smaller table fits under the same cap, and its job carries the cap for BigQuery to enforce too.
    expect((await bq.query(ROBYN)).rowCount).toBe(208);
    expect(realJobs().map((j) => j.maximumBytesBilled)).toEqual([String(cap)]);
  });
});

describe("BigQuery: parameters and jobs", () => {
  it("binds the country as the named parameter @country, never in the SQL text", async () => {
    const bq = warehouse();
    await bq.query(MULTI, { country: "de" });
    await bq.query(
      { sql: "SELECT DATE, REVENUE FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE COUNTRY = '{country}'" },
      { country: "fr" },
    );
    const jobs = realJobs();
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(job.sql).toContain("@country");
      expect(job.sql).not.toMatch(/'DE'|'FR'/i);
    }
    expect(jobs.map((j) => j.parameters)).toEqual([{ country: "DE" }, { country: "FR" }]);
  });

  it("gives every job the byte cap, the query timeout and the default dataset", async () => {
    const bq = warehouse({ maxBytesBilled: 123_456_789, queryTimeoutSeconds: 42 });
    await bq.query({ sql: "SELECT * FROM SIMULATED_WEEKLY" });
    const [job] = realJobs();
    expect(job).toMatchObject({
      maximumBytesBilled: "123456789",
      jobTimeoutMs: "42000",
      defaultDataset: { projectId: PROJECT, datasetId: "DEMO" },
    });
    // Each query is dry-run first, with the same SQL.
    expect(fake.jobs.filter((j) => j.dryRun).map((j) => j.sql)).toContain(job!.sql);
  });

  it("previews a table with tabledata.list, running no query", async () => {
    const bq = warehouse();
    const preview = await bq.preview("demo.simulated_weekly", 5);
    expect(preview.data.DATE).toEqual(["2015-11-23", "2015-11-30", "2015-12-07", "2015-12-14", "2015-12-21"]);
    expect(fake.jobs).toEqual([]);
    expect(fake.requests.map((r) => r.endpoint)).toContain("tabledata.list");
  });

  it("previews a view with a query, as tabledata.list cannot read views", async () => {
    const bq = warehouse();
    expect(await bq.listTables("germany")).toEqual([{ name: "DEMO.GERMANY_WEEKLY", kind: "view" }]);
    const preview = await bq.preview("DEMO.GERMANY_WEEKLY", 3);
    expect(preview.data.COUNTRY).toEqual(["DE", "DE", "DE"]);
    expect(realJobs().map((j) => j.sql)).toEqual([
      "SELECT * FROM `mmm-test`.`DEMO`.`GERMANY_WEEKLY` LIMIT 3",
    ]);
    expect(fake.requests.map((r) => r.endpoint)).not.toContain("tabledata.list");
  });

  it("stops fetching pages once the row limit is passed", async () => {
    const bq = warehouse();
    const error = await mmmRejectionOf(bq.query(MULTI, { maxRows: 60 }));
    expect(error.context).toMatchObject({ limit: "rows", maxRows: 60 });
    // 61 rows asked for (LIMIT maxRows + 1), pages of 50: the second page passes the limit.
    expect(fake.requests.filter((r) => r.endpoint === "jobs.getQueryResults")).toHaveLength(2);
  });
});

describe("BigQuery: SQL it refuses before sending anything", () => {
  it.each([
    [
      "a second statement hidden in a name in backticks",
      "SELECT `'`; DELETE FROM DEMO.SIMULATED_WEEKLY; SELECT `'`",
    ],
    ["a query parameter", "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE COUNTRY = @other"],
    ["a system variable", "SELECT @@project_id"],
    ["INFORMATION_SCHEMA", "SELECT query FROM `region-us`.INFORMATION_SCHEMA.JOBS"],
    ["a hidden dataset of cached results", "SELECT * FROM _0a1b2c.anon_result"],
    ["a connection to another database", "SELECT * FROM EXTERNAL_QUERY('eu.crm', 'SELECT * FROM users')"],
  ])("%s", async (_what, sql) => {
    const error = await mmmRejectionOf(warehouse().query({ sql }));
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe("data.sql");
    expect(fake.jobs).toEqual([]);
  });
});

describe("BigQuery: failures, in words a person can act on", () => {
  it("names the credentials when BigQuery rejects them", async () => {
    const error = await mmmRejectionOf(warehouse({ authClient: bigQueryTestAuth("stale") }).listTables());
    expect(error.code).toBe("unauthorized");
    expect(error.field).toBe("BIGQUERY_KEY_FILE");
    expect(error.message).toContain("BigQuery did not accept the credentials");
  });

  it("names BIGQUERY_KEY_FILE when the key file is missing", async () => {
    const keyFile = "/nonexistent/mmm-bigquery-key.json";
    const error = await mmmRejectionOf(warehouse({ keyFile, authClient: undefined }).listTables());
    expect(error.field).toBe("BIGQUERY_KEY_FILE");
    expect(error.message).toContain(`BIGQUERY_KEY_FILE names ${keyFile}, which does not exist`);
    expect(fake.requests).toEqual([]);
  });

  it("names BIGQUERY_DATASET when the default dataset does not exist", async () => {
    const error = await mmmRejectionOf(warehouse({ dataset: "MARKETNG" }).listTables());
    expect(error.field).toBe("BIGQUERY_DATASET");
    expect(error.message).toContain("BigQuery has no dataset MARKETNG in project mmm-test");
  });

  it("gives the roles to grant when access is denied", async () => {
    const error = await mmmRejectionOf(warehouse().describe('"other-project".SALES.WEEKLY'));
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain("roles/bigquery.jobUser on project mmm-test");
    expect(error.message).toContain("roles/bigquery.dataViewer");
  });

  it("is unavailable (retry later) when BigQuery answers 503, and retries it once by itself", async () => {
    fake.fail("jobs.insert", 503, 1);
    expect((await warehouse({ retries: 1 }).query(ROBYN)).rowCount).toBe(208);
    fake.fail("jobs.insert", 503, 5);
    const error = await mmmRejectionOf(warehouse({ retries: 0 }).query(ROBYN));
    expect(error.code).toBe("unavailable");
    expect(error.retry).toBe(true);
    expect(error.message).toContain("could not be reached or is busy (HTTP 503)");
  });

  it("cancels a job that outlives the deadline and says so", async () => {
    fake.hang(/HANG_ME/);
    const bq = warehouse({ queryTimeoutSeconds: 1, clientGraceMs: 100 });
    const error = await mmmRejectionOf(bq.query({ sql: "SELECT 1 AS HANG_ME" }));
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("got no answer from BigQuery within 1 s");
    await expect.poll(() => fake.cancels.length).toBe(1);
  });

  it("fails after close", async () => {
    const bq = warehouse();
    await bq.close();
    expect((await mmmRejectionOf(bq.listTables())).code).toBe("internal");
  });
});
