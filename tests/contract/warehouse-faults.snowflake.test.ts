/**
 * The Snowflake adapter against its loopback fake, beyond the shared contract: what it sends (a JWT
 * signed with the user's key, countries only as bindings) and how it fails (retried 5xx and 429, the
 * statement timeout, a query that never answers, refused keys, wrong account, missing grants).
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { MmmError } from "../../common/errors.ts";
import {
  openSnowflakeWarehouse,
  type SnowflakeWarehouseOptions,
} from "../../core/warehouse/snowflake/snowflake.ts";
import { FakeSnowflake, type FakeSnowflakeOptions } from "../fakes/fake-snowflake.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";

const ACCOUNT = "mmmtest-acct";
const USER = "mmm_app";
const MULTI = { table: "DEMO.MULTI_COUNTRY_WEEKLY" };
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = (key: KeyObject) => key.export({ type: "pkcs8", format: "pem" }).toString();

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function start(options: Partial<FakeSnowflakeOptions> = {}): Promise<FakeSnowflake> {
  const fake = await FakeSnowflake.start({
    account: ACCOUNT,
    user: USER,
    publicKey: keys.publicKey,
    ...options,
  });
  opened.push(fake);
  return fake;
}

async function open(fake: FakeSnowflake, options: Partial<SnowflakeWarehouseOptions> = {}) {
  const warehouse = await openSnowflakeWarehouse({
    account: ACCOUNT,
    user: USER,
    role: "MMM_READER",
    warehouse: "MMM_WH",
    database: "MMM_TEST",
    privateKey: { setting: "SNOWFLAKE_PRIVATE_KEY_SECRET", load: async () => pem(keys.privateKey) },
    accessUrl: fake.url,
    loginRetries: 2,
    ...options,
  });
  opened.push(warehouse);
  return warehouse;
}

describe("Snowflake adapter: what it sends", () => {
  it("logs in with a JWT signed by the user's private key, with the configured role and warehouse", async () => {
    const fake = await start();
    const warehouse = await open(fake);
    await warehouse.listTables();
    expect(fake.logins).toHaveLength(1);
    expect(fake.logins[0]).toMatchObject({ role: "MMM_READER", warehouse: "MMM_WH" });
    expect(fake.logins[0]!.claims.sub).toBe(`${ACCOUNT.toUpperCase()}.${USER.toUpperCase()}`);
    expect(fake.statements[0]!.sql).toBe("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 120");
  });

  it("sends countries only as bound parameters, never in the SQL text", async () => {
    const fake = await start();
    const warehouse = await open(fake);
    const countries = ["de", "DE' OR '1'='1", "GB'; DROP TABLE DEMO.SIMULATED_WEEKLY; --"];
    for (const country of countries) await warehouse.query(MULTI, { country }).catch(() => undefined);
    await warehouse.query(
      { sql: "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY WHERE COUNTRY = '{country}'" },
      { country: "fr" },
    );
    for (const statement of fake.statements) {
      for (const value of [...countries, "fr"]) {
        // A two-letter code may only appear as part of a longer word (FROM, ORDER).
        if (value.length === 2) expect(statement.sql).not.toMatch(new RegExp(`\\b${value}\\b`, "i"));
        else expect(statement.sql.toUpperCase()).not.toContain(value.toUpperCase());
      }
    }
    const bound = fake.statements.flatMap((s) => s.bindings);
    for (const value of [...countries, "fr"]) expect(bound).toContain(value.toUpperCase());
  });

  it("streams result chunks and stops fetching them once the byte limit is passed", async () => {
    const fake = await start({ inlineRows: 20, chunkRows: 20 });
    const warehouse = await open(fake);
    expect((await warehouse.query(MULTI)).rowCount).toBe(832);
    const chunksForAll = fake.chunkRequests;
    expect(chunksForAll).toBe(Math.ceil((832 - 20) / 20));
    await expectMmmError(warehouse.query(MULTI, { maxBytes: 10_000 }), "invalid_input", "data.table");
    expect(fake.chunkRequests - chunksForAll).toBeLessThan(chunksForAll / 2);
  });
});

describe("Snowflake adapter: faults", () => {
  it("retries a query answered with 500 once, then succeeds", async () => {
    const fake = await start();
    const warehouse = await open(fake);
    await warehouse.listTables();
    fake.fail("query", 500);
    expect((await warehouse.query(MULTI, { country: "US" })).rowCount).toBe(208);
    expect(fake.requests.some((r) => r.endpoint === "query" && r.retryCount === 1)).toBe(true);
  });

  it("retries a query answered with 429 (too many requests), then succeeds", async () => {
    const fake = await start();
    const warehouse = await open(fake);
    await warehouse.listTables();
    fake.fail("query", 429);
    expect((await warehouse.query(MULTI, { country: "FR" })).rowCount).toBe(208);
  });

  it("retries a login answered with 503 once", async () => {
    const fake = await start();
    fake.fail("login", 503);
    const warehouse = await open(fake);
    expect((await warehouse.listTables()).length).toBe(2);
    expect(fake.requests.filter((r) => r.endpoint === "login")).toHaveLength(2);
  });

  it("logs in again when Snowflake has ended the session", async () => {
    const fake = await start();
    const warehouse = await open(fake);
    await warehouse.listTables();
    fake.expireSessions();
    expect((await warehouse.query(MULTI, { country: "DE" })).rowCount).toBe(208);
    expect(fake.logins).toHaveLength(2);
  });

  it("reports a query Snowflake cancelled at the statement timeout, naming the timeout", async () => {
    const fake = await start();
    fake.hang(/LIMIT 1001\b/);
    const warehouse = await open(fake, { queryTimeoutSeconds: 1 });
    const error = await expectMmmError(
      warehouse.query(MULTI, { maxRows: 1000 }),
      "invalid_input",
      "data.table",
    );
    expect(error.message).toContain("longer than 1 s (WAREHOUSE_QUERY_TIMEOUT_SECONDS)");
    expect(error.context.timeoutSeconds).toBe(1);
    expect(fake.statements[0]!.sql).toBe("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 1");
  });

  it("cancels a query that never answers, as unavailable naming the timeout, and stays usable", async () => {
    const fake = await start();
    fake.hang(/LIMIT 1001\b/);
    fake.ignoreStatementTimeout = true;
    const warehouse = await open(fake, { queryTimeoutSeconds: 1, clientGraceMs: 200 });
    const error = await expectMmmError(
      warehouse.query(MULTI, { maxRows: 1000 }),
      "unavailable",
      "data.table",
    );
    expect(error.retry).toBe(true);
    expect(error.message).toContain("WAREHOUSE_QUERY_TIMEOUT_SECONDS");
    await waitFor(() => fake.aborts.length === 1);
    expect((await warehouse.query(MULTI, { country: "GB" })).rowCount).toBe(208);
  });

  it("says which key setting to fix when Snowflake finds the JWT expired", async () => {
    const fake = await start();
    fake.clockSkewMs = 10 * 60 * 1000;
    const warehouse = await open(fake);
    const error = await expectMmmError(
      warehouse.listTables(),
      "unauthorized",
      "SNOWFLAKE_PRIVATE_KEY_SECRET",
    );
    expect(error.message).toContain("JWT token is invalid");
    expect(error.message).toContain(`ALTER USER ${USER} SET RSA_PUBLIC_KEY`);
  });

  it("says the same when the key is not the one registered for the user", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const fake = await start();
    const warehouse = await open(fake, {
      privateKey: { setting: "SNOWFLAKE_PRIVATE_KEY_PATH", load: async () => pem(other.privateKey) },
    });
    await expectMmmError(warehouse.listTables(), "unauthorized", "SNOWFLAKE_PRIVATE_KEY_PATH");
  });

  it("points at SNOWFLAKE_ACCOUNT when the login is refused with 403 (wrong account)", async () => {
    const fake = await start();
    fake.fail("login", 403);
    const warehouse = await open(fake);
    const error = await expectMmmError(warehouse.listTables(), "unavailable", "SNOWFLAKE_ACCOUNT");
    expect(error.retry).toBe(false);
    expect(error.message).toContain("account identifier is probably wrong");
  });

  it("names the grant when the role is not granted to the user", async () => {
    const fake = await start();
    const warehouse = await open(fake, { role: "ANALYST" });
    const error = await expectMmmError(warehouse.listTables(), "forbidden", "SNOWFLAKE_ROLE");
    expect(error.message).toContain(`GRANT ROLE ANALYST TO USER ${USER}`);
  });

  it("names the grant when the role cannot use the warehouse", async () => {
    const fake = await start();
    const warehouse = await open(fake, { warehouse: "OTHER_WH" });
    const error = await expectMmmError(warehouse.query(MULTI), "forbidden", "SNOWFLAKE_WAREHOUSE");
    expect(error.message).toContain("GRANT USAGE ON WAREHOUSE OTHER_WH TO ROLE MMM_READER");
  });

  it("says which role lacks which grants for a table it may not read", async () => {
    const fake = await start({ hiddenTables: ["DEMO.MULTI_COUNTRY_WEEKLY"] });
    const warehouse = await open(fake);
    const byName = await expectMmmError(warehouse.query(MULTI), "invalid_input", "data.table");
    expect(byName.message).toContain("DEMO.MULTI_COUNTRY_WEEKLY was not found");
    expect(byName.message).toContain("GRANT SELECT ON TABLE DEMO.MULTI_COUNTRY_WEEKLY TO ROLE MMM_READER");
    const bySql: MmmError = await expectMmmError(
      warehouse.query({ sql: "SELECT * FROM DEMO.MULTI_COUNTRY_WEEKLY" }),
      "invalid_input",
      "data.sql",
    );
    expect(bySql.message).toContain("does not exist or not authorized");
    expect(bySql.message).toContain("GRANT USAGE ON SCHEMA MMM_TEST.DEMO TO ROLE MMM_READER");
    expect((await warehouse.listTables()).map((t) => t.name)).toEqual(["DEMO.SIMULATED_WEEKLY"]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}
