/**
 * A loopback fake of the Snowflake HTTP API that `snowflake-sdk` speaks, for the warehouse contract
 * and fault tests (the SDK is pointed at it with `accessUrl`).
 *
 * What it serves: `POST /session/v1/login-request` (key-pair login: the JWT must be RS256-signed by the
 * registered public key, with Snowflake's issuer `ACCOUNT.USER.SHA256:<fingerprint>`, and not expired),
 * `POST /queries/v1/query-request` (statements with positional bindings), `GET /queries/<id>/result`
 * (polling a statement that is still running), `POST /queries/<id>/abort-request` and
 * `/queries/v1/abort-request`, result chunks (`GET /chunks/<id>/<n>`: results past `inlineRows` rows are
 * split into chunks, as Snowflake does for large results), `POST /session?delete=true`, and telemetry.
 *
 * How it answers statements: an in-process DuckDB holds the bundled demo tables under database
 * `database` (default `MMM_TEST`) and a Snowflake-shaped `INFORMATION_SCHEMA` (TABLES and COLUMNS with
 * Snowflake's column names and type names). Statements run there as sent, with the bindings bound: only
 * the name `INFORMATION_SCHEMA` is redirected, outside string literals. Results come back in Snowflake's
 * JSON result format (rowtype `fixed`/`real`/`text`/`date`/`timestamp_ntz`/`boolean`, values as
 * strings, dates as days since 1970), and DuckDB's errors as Snowflake's codes and messages (002003
 * object does not exist or not authorized, 000904 invalid identifier, 001003 syntax error). External
 * access is switched off in the DuckDB, as in the embedded adapter.
 *
 * Faults: `fail(endpoint, status, times)` answers the next requests of an endpoint with an HTTP status;
 * `hang(pattern)` makes matching statements run until Snowflake's statement timeout
 * (`ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS`, error 000630) or an abort (000604), or forever
 * with `ignoreStatementTimeout`; `clockSkewMs` makes the fake judge JWT expiry at another time;
 * `hiddenTables` exist but the role may not see them (error 002003, left out of INFORMATION_SCHEMA);
 * only `roles` are granted and only `warehouses` exist (a login with another warehouse gets none, and
 * statements then fail with 000606).
 *
 * Everything it saw is recorded (`requests`, `logins`, `statements`, `aborts`, `chunkRequests`) for the
 * tests to check, e.g. that a country is always a binding and never part of the SQL text.
 *
 * The file is long because the rules keep each fake in one file; its parts are the HTTP routing, the
 * login, the statement lifecycle, and the DuckDB translation, in that order.
 */
import { createHash, randomUUID, verify as verifySignature, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { DEMO_DATA_DIR, DEMO_TABLES } from "../../core/warehouse/demo-tables.ts";

export interface FakeSnowflakeOptions {
  /** Account identifier as the SDK is given it (compared in upper case, as the JWT carries it). */
  readonly account: string;
  readonly user: string;
  /** The public key registered for the user (`ALTER USER … SET RSA_PUBLIC_KEY`). */
  readonly publicKey: KeyObject;
  readonly database?: string;
  /** Roles granted to the user (default `MMM_READER`). */
  readonly roles?: readonly string[];
  /** Warehouses that exist and the roles may use (default `MMM_WH`). */
  readonly warehouses?: readonly string[];
  /** `SCHEMA.TABLE` names that exist but the role may not read. */
  readonly hiddenTables?: readonly string[];
  /** Rows returned in the query response; the rest goes into chunks (default 50). */
  readonly inlineRows?: number;
  /** Rows per result chunk (default 100). */
  readonly chunkRows?: number;
  /** How long a poll of a running statement is held before "still running" (default 50 ms). */
  readonly pollHoldMs?: number;
}

export type FakeSnowflakeEndpoint = "login" | "query" | "result" | "abort" | "chunk";

export interface RecordedStatement {
  readonly sql: string;
  /** Bound values, in `?` order. */
  readonly bindings: readonly unknown[];
  readonly parameters?: Record<string, unknown>;
}

interface Session {
  readonly token: string;
  readonly role: string;
  readonly warehouse: string | null;
  readonly database: string | null;
  readonly schema: string | null;
  readonly parameters: Record<string, string>;
}

interface Statement {
  readonly id: string;
  readonly requestId: string | undefined;
  state: "running" | "done";
  /** The response body once done (a result or an error). */
  body?: unknown;
  timer?: NodeJS.Timeout;
  readonly waiters: Set<() => void>;
}

interface SnowflakeFailure {
  readonly code: string;
  readonly sqlState: string;
  readonly message: string;
}

const DEFAULT_DATABASE = "MMM_TEST";

export class FakeSnowflake {
  readonly requests: { method: string; path: string; endpoint: string; retryCount?: number }[] = [];
  readonly logins: { claims: Record<string, unknown>; role: string; warehouse: string | null }[] = [];
  readonly statements: RecordedStatement[] = [];
  readonly aborts: string[] = [];
  chunkRequests = 0;
  /** Hanging statements run forever, past Snowflake's statement timeout. */
  ignoreStatementTimeout = false;
  /** Added to the clock when checking a JWT's expiry. */
  clockSkewMs = 0;

  readonly #options: FakeSnowflakeOptions;
  readonly #database: string;
  readonly #server: Server;
  readonly #duck: DuckDBConnection;
  readonly #instance: DuckDBInstance;
  readonly #sessions = new Map<string, Session>();
  readonly #statementsById = new Map<string, Statement>();
  readonly #chunks = new Map<string, string>();
  readonly #faults: { endpoint: FakeSnowflakeEndpoint; status: number; times: number }[] = [];
  readonly #hangs: RegExp[] = [];
  #duckQueue: Promise<unknown> = Promise.resolve();
  #url = "";

  private constructor(options: FakeSnowflakeOptions, instance: DuckDBInstance, duck: DuckDBConnection) {
    this.#options = options;
    this.#database = options.database ?? DEFAULT_DATABASE;
    this.#instance = instance;
    this.#duck = duck;
    this.#server = createServer((req, res) => {
      void this.#handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  }

  static async start(options: FakeSnowflakeOptions): Promise<FakeSnowflake> {
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const duck = await instance.connect();
    const fake = new FakeSnowflake(options, instance, duck);
    await fake.#loadTables();
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    fake.#url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The `accessUrl` to give the SDK. */
  get url(): string {
    return this.#url;
  }

  /** Answers the next `times` requests to `endpoint` with HTTP `status`. */
  fail(endpoint: FakeSnowflakeEndpoint, status: number, times = 1): void {
    this.#faults.push({ endpoint, status, times });
  }

  /** Statements whose SQL matches `pattern` keep running (see the file comment). */
  hang(pattern: RegExp): void {
    this.#hangs.push(pattern);
  }

  /** Ends every session, as Snowflake does after its idle timeout (the next statement gets 390111). */
  expireSessions(): void {
    this.#sessions.clear();
  }

  async close(): Promise<void> {
    for (const statement of this.#statementsById.values()) clearTimeout(statement.timer);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await this.#duckQueue.catch(() => undefined);
    this.#duck.closeSync();
    this.#instance.closeSync();
  }

  // ---- HTTP routing ------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    const path = url.pathname;
    const endpoint = endpointOf(req.method ?? "GET", path, url.searchParams);
    const retry = url.searchParams.get("retryCount");
    this.requests.push({
      method: req.method ?? "GET",
      path,
      endpoint,
      ...(retry !== null ? { retryCount: Number(retry) } : {}),
    });
    const fault = this.#faults.find((f) => f.endpoint === endpoint && f.times > 0);
    if (fault) {
      fault.times -= 1;
      res.statusCode = fault.status;
      res.setHeader("content-type", "text/html");
      res.end(`<html><body>${fault.status} injected by the fake</body></html>`);
      return;
    }
    if (endpoint === "chunk") return this.#chunk(path, res);
    if (endpoint === "login") return json(res, this.#login(url.searchParams, body));
    if (endpoint === "telemetry") return json(res, { success: true, data: null });
    const session = this.#session(req);
    if (session === undefined) {
      return json(res, failure({ code: "390111", sqlState: "", message: "Session no longer exists." }));
    }
    switch (endpoint) {
      case "query":
        return json(res, await this.#query(session, body, url.searchParams.get("requestId") ?? undefined));
      case "result":
        return json(res, await this.#poll(path.split("/")[2]!));
      case "abort":
        return json(res, this.#abort(path, body));
      case "logout":
        this.#sessions.delete(session.token);
        return json(res, { success: true, data: null });
      default:
        res.statusCode = 404;
        res.end(`the fake does not serve ${req.method} ${path}`);
    }
  }

  #session(req: IncomingMessage): Session | undefined {
    const token = /Snowflake Token="([^"]+)"/.exec(req.headers.authorization ?? "")?.[1];
    return token === undefined ? undefined : this.#sessions.get(token);
  }

  #chunk(path: string, res: ServerResponse): void {
    this.chunkRequests += 1;
    const text = this.#chunks.get(path);
    if (text === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", "text/plain");
    res.end(text);
  }

  // ---- login -------------------------------------------------------------------------------------

  #login(params: URLSearchParams, body: Record<string, unknown>): unknown {
    const data = (body.data ?? {}) as Record<string, unknown>;
    const account = this.#options.account.toUpperCase();
    const user = this.#options.user.toUpperCase();
    if (
      String(data.ACCOUNT_NAME).toUpperCase() !== account ||
      String(data.LOGIN_NAME).toUpperCase() !== user
    ) {
      return failure({
        code: "390100",
        sqlState: "08004",
        message: "Incorrect username or password was specified.",
      });
    }
    const claims =
      data.AUTHENTICATOR === "SNOWFLAKE_JWT"
        ? verifyJwt(String(data.TOKEN), this.#options.publicKey, account, user, Date.now() + this.clockSkewMs)
        : undefined;
    if (claims === undefined) {
      return failure({
        code: "390144",
        sqlState: "08004",
        message: `JWT token is invalid. [${randomUUID()}]`,
      });
    }
    const roles = this.#options.roles ?? ["MMM_READER"];
    const role = params.get("roleName")?.toUpperCase() ?? roles[0]!;
    if (!roles.includes(role)) {
      return failure({
        code: "390189",
        sqlState: "08004",
        message: `Role '${role}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
      });
    }
    const wanted = params.get("warehouse")?.toUpperCase() ?? null;
    const warehouse =
      wanted !== null && (this.#options.warehouses ?? ["MMM_WH"]).includes(wanted) ? wanted : null;
    const database = params.get("databaseName")?.toUpperCase() === this.#database ? this.#database : null;
    const session: Session = {
      token: randomUUID(),
      role,
      warehouse,
      database,
      schema: database ? (params.get("schemaName")?.toUpperCase() ?? null) : null,
      parameters: {},
    };
    this.#sessions.set(session.token, session);
    this.logins.push({ claims, role, warehouse });
    return {
      success: true,
      code: null,
      message: null,
      data: {
        token: session.token,
        masterToken: randomUUID(),
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        sessionId: this.#sessions.size,
        healthCheckInterval: 45,
        parameters: [{ name: "TIMEZONE", value: "UTC" }],
        sessionInfo: {
          databaseName: session.database,
          schemaName: session.schema,
          warehouseName: session.warehouse,
          roleName: session.role,
        },
      },
    };
  }

  // ---- statements --------------------------------------------------------------------------------

  async #query(
    session: Session,
    body: Record<string, unknown>,
    requestId: string | undefined,
  ): Promise<unknown> {
    // A retried request carries the same requestId: it joins the statement already started.
    const earlier = [...this.#statementsById.values()].find((s) => requestId && s.requestId === requestId);
    if (earlier) return this.#wait(earlier);
    const sql = String(body.sqlText ?? "");
    const bindings = bindingValues(body.bindings);
    this.statements.push({
      sql,
      bindings,
      ...(body.parameters ? { parameters: body.parameters as Record<string, unknown> } : {}),
    });
    const statement: Statement = { id: randomUUID(), requestId, state: "running", waiters: new Set() };
    this.#statementsById.set(statement.id, statement);
    const alter = /^\s*ALTER\s+SESSION\s+SET\s+([A-Z_]+)\s*=\s*'?([^';\s]+)'?\s*;?\s*$/i.exec(sql);
    if (alter) {
      session.parameters[alter[1]!.toUpperCase()] = alter[2]!;
      return this.#finish(
        statement,
        resultBody(statement.id, [{ name: "status", type: "text" }], [["Statement executed successfully."]]),
      );
    }
    if (session.warehouse === null) {
      return this.#finish(
        statement,
        failure(
          {
            code: "000606",
            sqlState: "57P03",
            message:
              "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.",
          },
          statement.id,
        ),
      );
    }
    const hidden = this.#hiddenTableIn(sql);
    if (hidden) {
      return this.#finish(
        statement,
        failure(
          {
            code: "002003",
            sqlState: "42S02",
            message: `SQL compilation error:\nObject '${this.#database}.${hidden}' does not exist or not authorized.`,
          },
          statement.id,
        ),
      );
    }
    if (this.#hangs.some((pattern) => pattern.test(sql))) {
      const seconds = Number(session.parameters.STATEMENT_TIMEOUT_IN_SECONDS ?? 0);
      if (seconds > 0 && !this.ignoreStatementTimeout) {
        statement.timer = setTimeout(() => {
          this.#finish(
            statement,
            failure(
              {
                code: "000630",
                sqlState: "57014",
                message: `Statement reached its statement or warehouse timeout of ${seconds} second(s) and was canceled.`,
              },
              statement.id,
            ),
          );
        }, seconds * 1000);
      }
      return this.#wait(statement);
    }
    const outcome = await this.#runInDuckDb(session, sql, bindings);
    return this.#finish(
      statement,
      "failure" in outcome ? failure(outcome.failure, statement.id) : this.#result(statement.id, outcome),
    );
  }

  async #poll(id: string): Promise<unknown> {
    const statement = this.#statementsById.get(id);
    if (statement === undefined)
      return failure({ code: "000709", sqlState: "02000", message: `Statement ${id} not found` });
    return this.#wait(statement);
  }

  /** The statement's body once done, or "still running" after holding the request a little. */
  async #wait(statement: Statement): Promise<unknown> {
    if (statement.state === "running") {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.#options.pollHoldMs ?? 50);
        function done() {
          clearTimeout(timer);
          statement.waiters.delete(done);
          resolve();
        }
        statement.waiters.add(done);
      });
    }
    if (statement.state === "done") return statement.body;
    return {
      success: true,
      code: "333334",
      message:
        "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
      data: {
        queryId: statement.id,
        getResultUrl: `/queries/${statement.id}/result`,
        queryAbortsAfterSecs: 300,
      },
    };
  }

  #finish(statement: Statement, body: unknown): unknown {
    clearTimeout(statement.timer);
    if (statement.state === "done") return statement.body;
    statement.state = "done";
    statement.body = body;
    for (const wake of [...statement.waiters]) wake();
    return body;
  }

  #abort(path: string, body: Record<string, unknown>): unknown {
    const id = /^\/queries\/([^/]+)\/abort-request$/.exec(path)?.[1];
    const statement =
      id !== undefined && id !== "v1"
        ? this.#statementsById.get(id)
        : [...this.#statementsById.values()].find((s) => s.requestId === body.requestId);
    if (statement !== undefined) {
      this.aborts.push(statement.id);
      this.#finish(
        statement,
        failure({ code: "000604", sqlState: "57014", message: "SQL execution canceled" }, statement.id),
      );
    }
    return { success: true, data: null };
  }

  #hiddenTableIn(sql: string): string | undefined {
    const code = sql
      .split(/('(?:[^']|'')*')/)
      .map((part, i) => (i % 2 === 1 ? "''" : part))
      .join("");
    return (this.#options.hiddenTables ?? []).find((name) => {
      const table = name.split(".").at(-1)!;
      return new RegExp(`(^|[^A-Za-z0-9_$])"?${table}"?($|[^A-Za-z0-9_$])`, "i").test(code);
    });
  }

  #result(id: string, outcome: DuckOutcome): unknown {
    const inline = this.#options.inlineRows ?? 50;
    const size = this.#options.chunkRows ?? 100;
    const rest = outcome.rows.slice(inline);
    const chunks: { url: string; rowCount: number; uncompressedSize: number; compressedSize: number }[] = [];
    for (let start = 0; start < rest.length; start += size) {
      const path = `/chunks/${id}/${chunks.length}`;
      const text = rest
        .slice(start, start + size)
        .map((row) => JSON.stringify(row))
        .join(",");
      this.#chunks.set(path, text);
      chunks.push({
        url: `${this.#url}${path}`,
        rowCount: Math.min(size, rest.length - start),
        uncompressedSize: text.length,
        compressedSize: text.length,
      });
    }
    const body = resultBody(id, outcome.rowtype, outcome.rows.slice(0, inline)) as {
      data: Record<string, unknown>;
    };
    body.data.total = outcome.rows.length;
    body.data.returned = outcome.rows.length;
    if (chunks.length > 0) body.data.chunks = chunks;
    return body;
  }

  // ---- DuckDB ------------------------------------------------------------------------------------

  /** Loads the demo tables into database `#database`, builds its INFORMATION_SCHEMA, and locks DuckDB down. */
  async #loadTables(): Promise<void> {
    const db = quote(this.#database);
    await this.#duck.run(`ATTACH ':memory:' AS ${db}`);
    await this.#duck.run(`USE ${db}`);
    for (const demo of DEMO_TABLES) {
      const [schema, table] = demo.name.split(".") as [string, string];
      await this.#duck.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
      await this.#duck.run(
        `CREATE TABLE ${quote(schema)}.${quote(table)} AS SELECT * FROM read_csv('${join(DEMO_DATA_DIR, demo.file).replaceAll("'", "''")}', header = true, auto_detect = true)`,
      );
    }
    await this.#buildInformationSchema();
    await this.#duck.run("SET enable_external_access = false");
    await this.#duck.run("SET lock_configuration = true");
  }

  /** Snowflake's INFORMATION_SCHEMA.TABLES and COLUMNS (the parts the adapter reads), as tables. */
  async #buildInformationSchema(): Promise<void> {
    const hidden = new Set((this.#options.hiddenTables ?? []).map((n) => n.toUpperCase()));
    const visible = (schema: string, table: string) => !hidden.has(`${schema}.${table}`.toUpperCase());
    const tables = (
      await this.#duck.runAndReadAll(
        "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE database_name = current_database()",
      )
    ).getRowsJS() as [string, string, bigint][];
    const columns = (
      await this.#duck.runAndReadAll(
        "SELECT schema_name, table_name, column_name, column_index, is_nullable, data_type, numeric_precision, numeric_scale " +
          "FROM duckdb_columns() WHERE database_name = current_database() ORDER BY schema_name, table_name, column_index",
      )
    ).getRowsJS() as [string, string, string, number, boolean, string, number | null, number | null][];
    await this.#duck.run("CREATE SCHEMA SF_INFORMATION_SCHEMA");
    await this.#duck.run(
      "CREATE TABLE SF_INFORMATION_SCHEMA.TABLES (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR, " +
        "TABLE_TYPE VARCHAR, ROW_COUNT BIGINT, BYTES BIGINT)",
    );
    await this.#duck.run(
      "CREATE TABLE SF_INFORMATION_SCHEMA.COLUMNS (TABLE_CATALOG VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR, " +
        "COLUMN_NAME VARCHAR, ORDINAL_POSITION BIGINT, IS_NULLABLE VARCHAR, DATA_TYPE VARCHAR, " +
        "CHARACTER_MAXIMUM_LENGTH BIGINT, NUMERIC_PRECISION BIGINT, NUMERIC_SCALE BIGINT)",
    );
    const insertTable = await this.#duck.prepare(
      "INSERT INTO SF_INFORMATION_SCHEMA.TABLES VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const [schema, table, rows] of tables.filter(([s, t]) => visible(s, t))) {
      insertTable.bind([this.#database, schema, table, "BASE TABLE", Number(rows), Number(rows) * 100]);
      await insertTable.run();
    }
    for (const view of ["TABLES", "COLUMNS"]) {
      insertTable.bind([this.#database, "INFORMATION_SCHEMA", view, "VIEW", null, null]);
      await insertTable.run();
    }
    const insertColumn = await this.#duck.prepare(
      "INSERT INTO SF_INFORMATION_SCHEMA.COLUMNS VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const [schema, table, column, index, nullable, type, precision, scale] of columns) {
      if (!visible(schema, table)) continue;
      const sf = snowflakeDataType(type, precision, scale);
      insertColumn.bind([
        this.#database,
        schema,
        table,
        column,
        Number(index),
        nullable ? "YES" : "NO",
        sf.dataType,
        sf.length,
        sf.precision,
        sf.scale,
      ]);
      await insertColumn.run();
    }
  }

  /** Runs one statement in DuckDB (one at a time, on the fake's one connection). */
  #runInDuckDb(
    session: Session,
    sql: string,
    bindings: readonly unknown[],
  ): Promise<DuckOutcome | { failure: SnowflakeFailure }> {
    const work = async (): Promise<DuckOutcome | { failure: SnowflakeFailure }> => {
      const translated = outsideStrings(sql, (code) =>
        code.replace(/\bINFORMATION_SCHEMA\b/gi, "SF_INFORMATION_SCHEMA"),
      );
      try {
        // A session without the fake's database sees no tables unless it names them in full.
        const schema = session.schema ? `.${quote(session.schema)}` : "";
        await this.#duck.run(session.database ? `USE ${quote(this.#database)}${schema}` : "USE memory");
        const prepared = await this.#duck.prepare(translated);
        if (bindings.length > 0) prepared.bind(bindings as DuckDBValue[]);
        const reader = await prepared.runAndReadAll();
        const types = reader.columnTypes();
        const rowtype = reader.columnNames().map((name, i) => rowTypeOf(name, types[i]!));
        const rows = reader
          .getRows()
          .map((row) => row.map((value, i) => encodeValue(value, rowtype[i]!.type)));
        return { rowtype, rows };
      } catch (error) {
        return { failure: snowflakeFailure(error instanceof Error ? error.message : String(error)) };
      }
    };
    const run = this.#duckQueue.then(work, work);
    this.#duckQueue = run.catch(() => undefined);
    return run;
  }
}

interface RowType {
  readonly name: string;
  readonly type: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly length?: number;
  readonly nullable: boolean;
}

interface DuckOutcome {
  readonly rowtype: readonly RowType[];
  readonly rows: (string | null)[][];
}

function endpointOf(method: string, path: string, params: URLSearchParams): string {
  if (path === "/session/v1/login-request") return "login";
  if (path === "/queries/v1/query-request") return "query";
  if (/^\/queries\/[^/]+\/result$/.test(path)) return "result";
  if (/^\/queries\/[^/]+\/abort-request$/.test(path)) return "abort";
  if (path.startsWith("/chunks/")) return "chunk";
  if (path === "/session" && params.get("delete") === "true") return "logout";
  if (path === "/telemetry/send" || path === "/session/heartbeat") return "telemetry";
  return `${method} ${path}`;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let buffer = Buffer.concat(chunks);
  // The SDK gzips bodies when its compression wins the race with the send (its header may not say so).
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) buffer = gunzipSync(buffer);
  const text = buffer.toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function json(res: ServerResponse, body: unknown): void {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}

function failure(f: SnowflakeFailure, queryId?: string): unknown {
  return {
    success: false,
    code: f.code,
    message: f.message,
    data: { errorCode: f.code, sqlState: f.sqlState, internalError: false, ...(queryId ? { queryId } : {}) },
  };
}

function resultBody(
  id: string,
  rowtype: readonly Partial<RowType>[],
  rows: readonly (string | null)[][],
): unknown {
  return {
    success: true,
    code: null,
    message: null,
    data: {
      parameters: [
        { name: "TIMEZONE", value: "UTC" },
        { name: "DATE_OUTPUT_FORMAT", value: "YYYY-MM-DD" },
      ],
      rowtype: rowtype.map((t) => ({ nullable: true, precision: null, scale: null, length: null, ...t })),
      rowset: rows,
      total: rows.length,
      returned: rows.length,
      queryId: id,
      statementTypeId: 4096,
      version: 1,
      queryResultFormat: "json",
    },
  };
}

/** The bound values of a query request, in `?` order (`{"1": {type, value}, "2": …}`). */
function bindingValues(bindings: unknown): unknown[] {
  if (bindings === undefined || bindings === null) return [];
  return Object.entries(bindings as Record<string, { type: string; value: unknown }>)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, { type, value }]) =>
      value === null
        ? null
        : type === "FIXED" || type === "REAL"
          ? Number(value)
          : type === "BOOLEAN"
            ? value === "true"
            : value,
    );
}

/**
 * Checks a key-pair login token the way Snowflake does: RS256, signed by the registered key, issuer
 * `ACCOUNT.USER.SHA256:<base64 SHA-256 of the public key's DER>`, subject `ACCOUNT.USER`, not expired.
 * The SDK writes `iat` and `exp` in milliseconds; seconds are accepted too. Returns the claims, or
 * undefined when the token is not valid.
 */
function verifyJwt(
  token: string,
  publicKey: KeyObject,
  account: string,
  user: string,
  now: number,
): Record<string, unknown> | undefined {
  const [header, payload, signature] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  try {
    if ((JSON.parse(Buffer.from(header, "base64url").toString()) as { alg?: string }).alg !== "RS256")
      return undefined;
    const signed = Buffer.from(`${header}.${payload}`);
    if (!verifySignature("RSA-SHA256", signed, publicKey, Buffer.from(signature, "base64url")))
      return undefined;
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const fingerprint = createHash("sha256")
      .update(publicKey.export({ type: "spki", format: "der" }))
      .digest("base64");
    if (claims.iss !== `${account}.${user}.SHA256:${fingerprint}` || claims.sub !== `${account}.${user}`)
      return undefined;
    const exp = Number(claims.exp);
    return (exp > 1e12 ? exp : exp * 1000) > now ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** Applies `change` to the SQL outside string literals ('…', with '' escapes). */
function outsideStrings(sql: string, change: (code: string) => string): string {
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : change(part)))
    .join("");
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Snowflake's `INFORMATION_SCHEMA.COLUMNS` type for a DuckDB column type. */
function snowflakeDataType(
  type: string,
  precision: number | null,
  scale: number | null,
): { dataType: string; precision: number | null; scale: number | null; length: number | null } {
  const name = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(name)) {
    return { dataType: "NUMBER", precision: 38, scale: 0, length: null };
  }
  if (name.startsWith("DECIMAL")) return { dataType: "NUMBER", precision, scale, length: null };
  if (name === "DOUBLE" || name === "FLOAT")
    return { dataType: "FLOAT", precision: null, scale: null, length: null };
  if (name === "DATE" || name === "BOOLEAN")
    return { dataType: name, precision: null, scale: null, length: null };
  if (name.startsWith("TIMESTAMP"))
    return { dataType: "TIMESTAMP_NTZ", precision: null, scale: null, length: null };
  return { dataType: "TEXT", precision: null, scale: null, length: 16_777_216 };
}

/** Snowflake's result column type for a DuckDB result column. */
function rowTypeOf(name: string, type: DuckDBType): RowType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { name, type: "boolean", nullable: true };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
      return { name, type: "fixed", precision: 38, scale: 0, nullable: true };
    case DuckDBTypeId.DECIMAL:
      return { name, type: "fixed", precision: type.width, scale: type.scale, nullable: true };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { name, type: "real", nullable: true };
    case DuckDBTypeId.DATE:
      return { name, type: "date", nullable: true };
    case DuckDBTypeId.TIMESTAMP:
      return { name, type: "timestamp_ntz", scale: 9, nullable: true };
    default:
      return { name, type: "text", length: 16_777_216, nullable: true };
  }
}

/** A value as Snowflake's JSON result format writes it. */
function encodeValue(value: DuckDBValue, type: string): string | null {
  if (value === null) return null;
  if (type === "boolean") return value ? "1" : "0";
  if (type === "date" && value instanceof DuckDBDateValue) return String(value.days);
  if (type === "timestamp_ntz" && value instanceof DuckDBTimestampValue) {
    const micros = value.micros;
    const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
    const fraction = micros - seconds * 1_000_000n;
    return `${seconds}.${(fraction * 1000n).toString().padStart(9, "0")}`;
  }
  if (type === "real" && typeof value === "number") {
    return Number.isNaN(value)
      ? "NaN"
      : value === Infinity
        ? "inf"
        : value === -Infinity
          ? "-inf"
          : String(value);
  }
  if (value instanceof DuckDBDecimalValue) return value.toString();
  return String(value);
}

/** DuckDB's error as the Snowflake error a real warehouse would give for the same mistake. */
function snowflakeFailure(message: string): SnowflakeFailure {
  const missingTable = /^Catalog Error: (Table|Schema) with name "?([^"\s!]+)"? does not exist/i.exec(
    message,
  );
  if (missingTable) {
    return {
      code: "002003",
      sqlState: "42S02",
      message: `SQL compilation error:\n${missingTable[1]} '${missingTable[2]!.toUpperCase()}' does not exist or not authorized.`,
    };
  }
  const missingColumn = /^Binder Error: Referenced column "?([^"\s]+)"? not found/i.exec(message);
  if (missingColumn) {
    return {
      code: "000904",
      sqlState: "42000",
      message: `SQL compilation error: error line 1 at position 7\ninvalid identifier '${missingColumn[1]!.toUpperCase()}'`,
    };
  }
  const syntax = /^Parser Error: syntax error at or near "([^"]*)"/i.exec(message);
  if (syntax) {
    return {
      code: "001003",
      sqlState: "42000",
      message: `SQL compilation error:\nsyntax error line 1 at position 0 unexpected '${syntax[1]}'.`,
    };
  }
  const first = message.split("\n")[0]!.replace(/^[A-Za-z ]*Error:\s*/, "");
  return { code: "002140", sqlState: "42601", message: `SQL compilation error:\n${first}` };
}
