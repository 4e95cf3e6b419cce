/**
 * A loopback fake of the BigQuery REST API (v2) that `@google-cloud/bigquery` speaks, for the warehouse
 * contract and fault tests (the client is pointed at it with `apiEndpoint`).
 *
 * What it serves, under `/bigquery/v2/projects/<project>`: `datasets.list` (`GET /datasets`),
 * `tables.list` (`GET /datasets/<d>/tables`), `tables.get` (`GET /datasets/<d>/tables/<t>`),
 * `tabledata.list` (`GET …/tables/<t>/data`), `jobs.insert` (`POST /jobs`, query jobs, with `dryRun`),
 * `jobs.getQueryResults` (`GET /queries/<jobId>`, paged by `maxResults` and `pageToken`) and
 * `jobs.cancel` (`POST /jobs/<jobId>/cancel`). `views` adds views (listed as VIEW; `tabledata.list` refuses
 * them, as BigQuery does). Every request must carry `Authorization: Bearer <token>`.
 *
 * How it answers queries: an in-process DuckDB holds the bundled demo tables in dataset `DEMO` of the
 * project (a DuckDB database named after the project, schemas as datasets). GoogleSQL is translated as
 * far as the adapter and the contract need: names in backticks become double-quoted names, "strings"
 * become 'strings', named parameters `@name` become DuckDB's `$name` (bound with the job's
 * `queryParameters`); the job's `defaultDataset` becomes DuckDB's current schema. A dry run prepares the
 * statement without running it and answers its schema, its statement type and an estimate of the bytes
 * it would scan: the full size of every table it names (8 bytes per cell), as BigQuery bills a full scan
 * of the columns read. A real job over `maximumBytesBilled` fails with `bytesBilledLimitExceeded`, as
 * BigQuery's does. Results come back in BigQuery's JSON format (values as strings, legacy type names,
 * timestamps as microseconds), DuckDB's errors as BigQuery's (404 `notFound`, 400 `invalidQuery`
 * "Unrecognized name: … at [1:8]"). External access is switched off in the DuckDB.
 *
 * Faults: `fail(endpoint, status, times)` answers the next requests of an endpoint with an error status;
 * `hang(pattern)` keeps matching jobs running (`jobComplete: false`) until they are cancelled.
 * Everything it saw is recorded (`requests`, `jobs`, `cancels`) for the tests to check, e.g. that a
 * country is always a parameter and never part of the SQL text, and that every job carries the byte cap.
 *
 * The file is long because the rules keep each fake in one file; its parts are the HTTP routing, the
 * catalog, the jobs, and the DuckDB translation, in that order.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  DuckDBTypeId,
  StatementType,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { DEMO_DATA_DIR, DEMO_TABLES } from "../../core/warehouse/demo-tables.ts";

export interface FakeBigQueryOptions {
  readonly project: string;
  /** The bearer token requests must carry. */
  readonly token: string;
  /** Most rows in one page of results, whatever `maxResults` asks (default 100). */
  readonly pageRows?: number;
  readonly location?: string;
  /** Views to create, `DATASET.NAME` → their query (DuckDB SQL over the demo tables). */
  readonly views?: Readonly<Record<string, string>>;
}

export type FakeBigQueryEndpoint =
  | "datasets.list"
  | "tables.list"
  | "tables.get"
  | "tabledata.list"
  | "jobs.insert"
  | "jobs.getQueryResults"
  | "jobs.cancel";

export interface RecordedJob {
  readonly id: string;
  readonly sql: string;
  readonly dryRun: boolean;
  /** Named parameters, name → value. */
  readonly parameters: Record<string, string | null>;
  readonly maximumBytesBilled?: string;
  readonly jobTimeoutMs?: string;
  readonly defaultDataset?: { readonly projectId?: string; readonly datasetId?: string };
}

interface Field {
  readonly name: string;
  readonly type: string;
  readonly mode: "NULLABLE";
}

interface Result {
  readonly fields: readonly Field[];
  readonly rows: readonly (string | null)[][];
  readonly bytes: number;
}

interface RunningJob {
  readonly id: string;
  result?: Result;
  error?: BigQueryFailure;
  done: boolean;
}

interface BigQueryFailure {
  readonly status: number;
  readonly reason: string;
  readonly message: string;
}

interface TableInfo {
  readonly dataset: string;
  readonly name: string;
  readonly type: "TABLE" | "VIEW";
  readonly rows: number;
  readonly bytes: number;
}

export class FakeBigQuery {
  readonly requests: { method: string; path: string; endpoint: string; query: URLSearchParams }[] = [];
  readonly jobs: RecordedJob[] = [];
  readonly cancels: string[] = [];

  readonly #options: FakeBigQueryOptions;
  readonly #server: Server;
  readonly #instance: DuckDBInstance;
  readonly #duck: DuckDBConnection;
  readonly #running = new Map<string, RunningJob>();
  readonly #faults: { endpoint: FakeBigQueryEndpoint; status: number; times: number }[] = [];
  readonly #hangs: RegExp[] = [];
  #tables: TableInfo[] = [];
  #duckQueue: Promise<unknown> = Promise.resolve();
  #url = "";

  private constructor(options: FakeBigQueryOptions, instance: DuckDBInstance, duck: DuckDBConnection) {
    this.#options = options;
    this.#instance = instance;
    this.#duck = duck;
    this.#server = createServer((req, res) => {
      void this.#handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  }

  static async start(options: FakeBigQueryOptions): Promise<FakeBigQuery> {
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const duck = await instance.connect();
    const fake = new FakeBigQuery(options, instance, duck);
    await fake.#loadTables();
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    fake.#url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The `apiEndpoint` to give the client. */
  get url(): string {
    return this.#url;
  }

  /** The estimate a dry run gives for a query naming `table` (`DATASET.TABLE`), in bytes. */
  tableBytes(table: string): number {
    const found = this.#tables.find((t) => `${t.dataset}.${t.name}` === table.toUpperCase());
    if (found === undefined) throw new Error(`the fake has no table ${table}`);
    return found.bytes;
  }

  /** Answers the next `times` requests to `endpoint` with HTTP `status`. */
  fail(endpoint: FakeBigQueryEndpoint, status: number, times = 1): void {
    this.#faults.push({ endpoint, status, times });
  }

  /** Forgets the faults not yet answered. */
  clearFaults(): void {
    this.#faults.splice(0);
  }

  /** Jobs whose SQL matches `pattern` keep running until cancelled. */
  hang(pattern: RegExp): void {
    this.#hangs.push(pattern);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await this.#duckQueue.catch(() => undefined);
    this.#duck.closeSync();
    this.#instance.closeSync();
  }

  // ---- HTTP routing ------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const route = routeOf(method, url.pathname);
    this.requests.push({
      method,
      path: url.pathname,
      endpoint: route?.endpoint ?? "",
      query: url.searchParams,
    });
    if (route === undefined)
      return fail(res, { status: 404, reason: "notFound", message: `Not found: ${method} ${url.pathname}` });
    const fault = this.#faults.find((f) => f.endpoint === route.endpoint && f.times > 0);
    if (fault) {
      fault.times -= 1;
      return fail(res, {
        status: fault.status,
        reason: fault.status === 429 ? "rateLimitExceeded" : fault.status >= 500 ? "backendError" : "invalid",
        message: `${fault.status} injected by the fake`,
      });
    }
    if (req.headers.authorization !== `Bearer ${this.#options.token}`) {
      return fail(res, {
        status: 401,
        reason: "authError",
        message: "Request had invalid authentication credentials. Expected OAuth 2 access token.",
      });
    }
    if (route.project !== this.#options.project) {
      return fail(res, {
        status: 403,
        reason: "accessDenied",
        message: `Access Denied: Project ${route.project}: User does not have bigquery.jobs.create permission in project ${route.project}.`,
      });
    }
    const [dataset, table, jobId] = route.ids;
    switch (route.endpoint) {
      case "datasets.list":
        return json(res, this.#datasetList());
      case "tables.list":
        return this.#withDataset(res, dataset!, () => this.#tableList(dataset!));
      case "tables.get":
        return this.#withTable(res, dataset!, table!, (t) => this.#tableResource(t));
      case "tabledata.list":
        return this.#withTable(res, dataset!, table!, async (t) => this.#tableData(t, url.searchParams));
      case "jobs.insert":
        return this.#insert(res, body);
      case "jobs.getQueryResults":
        return this.#queryResults(res, jobId!, url.searchParams);
      case "jobs.cancel":
        return this.#cancel(res, jobId!);
    }
  }

  #withDataset(res: ServerResponse, dataset: string, answer: () => unknown): void {
    if (!this.#tables.some((t) => t.dataset === dataset)) {
      return fail(res, {
        status: 404,
        reason: "notFound",
        message: `Not found: Dataset ${this.#options.project}:${dataset}`,
      });
    }
    json(res, answer());
  }

  async #withTable(
    res: ServerResponse,
    dataset: string,
    name: string,
    answer: (table: TableInfo) => unknown,
  ): Promise<void> {
    const table = this.#tables.find((t) => t.dataset === dataset && t.name === name);
    if (table?.type === "VIEW" && res.req.url?.includes("/data")) {
      return fail(res, { status: 400, reason: "invalid", message: "Cannot list a table of type VIEW." });
    }
    if (table === undefined) {
      return fail(res, {
        status: 404,
        reason: "notFound",
        message: `Not found: Table ${this.#options.project}:${dataset}.${name}`,
      });
    }
    json(res, await answer(table));
  }

  // ---- catalog -----------------------------------------------------------------------------------

  #datasetList(): unknown {
    const project = this.#options.project;
    const datasets = [...new Set(this.#tables.map((t) => t.dataset))].sort();
    return {
      kind: "bigquery#datasetList",
      etag: randomUUID(),
      datasets: datasets.map((datasetId) => ({
        kind: "bigquery#dataset",
        id: `${project}:${datasetId}`,
        datasetReference: { datasetId, projectId: project },
        location: this.#location(),
      })),
    };
  }

  #tableList(dataset: string): unknown {
    const tables = this.#tables.filter((t) => t.dataset === dataset);
    return {
      kind: "bigquery#tableList",
      etag: randomUUID(),
      tables: tables.map((t) => ({
        kind: "bigquery#table",
        id: `${this.#options.project}:${t.dataset}.${t.name}`,
        tableReference: { projectId: this.#options.project, datasetId: t.dataset, tableId: t.name },
        type: t.type,
        creationTime: "1700000000000",
      })),
      totalItems: tables.length,
    };
  }

  async #tableResource(table: TableInfo): Promise<unknown> {
    const { fields } = await this.#runInDuckDb(`SELECT * FROM ${tableRef(table)} LIMIT 0`, {}, undefined);
    return {
      kind: "bigquery#table",
      id: `${this.#options.project}:${table.dataset}.${table.name}`,
      tableReference: { projectId: this.#options.project, datasetId: table.dataset, tableId: table.name },
      schema: { fields },
      ...(table.type === "TABLE" ? { numRows: String(table.rows), numBytes: String(table.bytes) } : {}),
      type: table.type,
      location: this.#location(),
    };
  }

  async #tableData(table: TableInfo, params: URLSearchParams): Promise<unknown> {
    const result = await this.#runInDuckDb(`SELECT * FROM ${tableRef(table)}`, {}, undefined);
    return {
      kind: "bigquery#tableDataList",
      etag: randomUUID(),
      totalRows: String(result.rows.length),
      ...this.#page(result, params),
    };
  }

  // ---- jobs --------------------------------------------------------------------------------------

  async #insert(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const configuration = (body.configuration ?? {}) as Record<string, unknown>;
    const query = (configuration.query ?? {}) as Record<string, unknown>;
    const reference = (body.jobReference ?? {}) as { jobId?: string };
    const id = reference.jobId ?? randomUUID();
    const dryRun = configuration.dryRun === true;
    const recorded: RecordedJob = {
      id,
      sql: String(query.query ?? ""),
      dryRun,
      parameters: parametersOf(query.queryParameters),
      ...(query.maximumBytesBilled !== undefined
        ? { maximumBytesBilled: String(query.maximumBytesBilled) }
        : {}),
      ...(configuration.jobTimeoutMs !== undefined
        ? { jobTimeoutMs: String(configuration.jobTimeoutMs) }
        : {}),
      ...(query.defaultDataset
        ? { defaultDataset: query.defaultDataset as RecordedJob["defaultDataset"] }
        : {}),
    };
    this.jobs.push(recorded);
    if (query.useLegacySql !== false) {
      return fail(res, {
        status: 400,
        reason: "invalidQuery",
        message: "The fake only speaks GoogleSQL (useLegacySql: false).",
      });
    }
    const sql = toDuckDb(recorded.sql);
    const schema = recorded.defaultDataset?.datasetId;
    const estimate = this.#estimate(recorded.sql);
    let outcome: Result & { statementType?: string };
    try {
      outcome = dryRun
        ? await this.#prepareOnly(sql, schema)
        : await this.#runInDuckDb(sql, recorded.parameters, schema);
    } catch (error) {
      return fail(
        res,
        bigQueryFailure(error instanceof Error ? error.message : String(error), this.#options.project),
      );
    }
    if (
      !dryRun &&
      recorded.maximumBytesBilled !== undefined &&
      estimate > Number(recorded.maximumBytesBilled)
    ) {
      return fail(res, {
        status: 400,
        reason: "bytesBilledLimitExceeded",
        message: `Query exceeded limit for bytes billed: ${recorded.maximumBytesBilled}. ${estimate} or higher required.`,
      });
    }
    const job: RunningJob = { id, done: !this.#hangs.some((p) => p.test(recorded.sql)) };
    job.result = outcome;
    if (!dryRun) this.#running.set(id, job);
    json(res, {
      kind: "bigquery#job",
      id: `${this.#options.project}:${this.#location()}.${id}`,
      jobReference: { projectId: this.#options.project, jobId: id, location: this.#location() },
      configuration: { ...configuration, jobType: "QUERY" },
      status: { state: dryRun || job.done ? "DONE" : "RUNNING" },
      statistics: {
        creationTime: String(Date.now()),
        totalBytesProcessed: String(estimate),
        query: {
          totalBytesProcessed: String(estimate),
          statementType: outcome.statementType ?? "SELECT",
          ...(dryRun ? { schema: { fields: outcome.fields } } : {}),
        },
      },
    });
  }

  #queryResults(res: ServerResponse, id: string, params: URLSearchParams): void {
    const job = this.#running.get(id);
    if (job === undefined)
      return fail(res, {
        status: 404,
        reason: "notFound",
        message: `Not found: Job ${this.#options.project}:${id}`,
      });
    if (job.error) return fail(res, job.error);
    const reference = { projectId: this.#options.project, jobId: id, location: this.#location() };
    if (!job.done) {
      setTimeout(
        () =>
          json(res, {
            kind: "bigquery#getQueryResultsResponse",
            jobReference: reference,
            jobComplete: false,
          }),
        50,
      );
      return;
    }
    const result = job.result!;
    json(res, {
      kind: "bigquery#getQueryResultsResponse",
      etag: randomUUID(),
      jobReference: reference,
      schema: { fields: result.fields },
      totalRows: String(result.rows.length),
      totalBytesProcessed: String(result.bytes),
      jobComplete: true,
      cacheHit: false,
      ...this.#page(result, params),
    });
  }

  #cancel(res: ServerResponse, id: string): void {
    const job = this.#running.get(id);
    if (job === undefined)
      return fail(res, {
        status: 404,
        reason: "notFound",
        message: `Not found: Job ${this.#options.project}:${id}`,
      });
    this.cancels.push(id);
    job.done = true;
    job.error = {
      status: 400,
      reason: "stopped",
      message: "Job execution was cancelled: User requested cancellation",
    };
    json(res, {
      kind: "bigquery#jobCancelResponse",
      job: { jobReference: { projectId: this.#options.project, jobId: id } },
    });
  }

  #page(result: Result, params: URLSearchParams): { rows: unknown[]; pageToken?: string } {
    const start = Number(params.get("pageToken") ?? params.get("startIndex") ?? 0);
    const asked = Number(params.get("maxResults") ?? Infinity);
    const size = Math.min(asked, this.#options.pageRows ?? 100);
    const end = Math.min(result.rows.length, start + size);
    return {
      rows: result.rows.slice(start, end).map((row) => ({ f: row.map((v) => ({ v })) })),
      ...(end < result.rows.length ? { pageToken: String(end) } : {}),
    };
  }

  /** BigQuery bills the columns a query reads in full: here, every table the SQL names, whole. */
  #estimate(sql: string): number {
    const code = sql.replace(/'(?:[^'\\]|\\.)*'/g, "''").toUpperCase();
    return this.#tables
      .filter((t) =>
        new RegExp(`(^|[^A-Z0-9_])\`?${t.dataset}\`?\\s*\\.\\s*\`?${t.name}\`?($|[^A-Z0-9_])`).test(code),
      )
      .reduce((sum, t) => sum + t.bytes, 0);
  }

  #location(): string {
    return this.#options.location ?? "US";
  }

  // ---- DuckDB ------------------------------------------------------------------------------------

  async #loadTables(): Promise<void> {
    const db = quote(this.#options.project);
    await this.#duck.run(`ATTACH ':memory:' AS ${db}`);
    await this.#duck.run(`USE ${db}`);
    for (const demo of DEMO_TABLES) {
      const [schema, table] = demo.name.split(".") as [string, string];
      await this.#duck.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
      await this.#duck.run(
        `CREATE TABLE ${quote(schema)}.${quote(table)} AS SELECT * FROM read_csv('${join(DEMO_DATA_DIR, demo.file).replaceAll("'", "''")}', header = true, auto_detect = true)`,
      );
      const reader = await this.#duck.runAndReadAll(`SELECT * FROM ${quote(schema)}.${quote(table)}`);
      const rows = reader.currentRowCount;
      this.#tables.push({
        dataset: schema,
        name: table,
        type: "TABLE",
        rows,
        bytes: rows * reader.columnCount * 8,
      });
    }
    for (const [name, query] of Object.entries(this.#options.views ?? {})) {
      const [schema, view] = name.split(".") as [string, string];
      await this.#duck.run(`CREATE VIEW ${quote(schema)}.${quote(view)} AS ${query}`);
      // A view scans what its query reads: here, the tables it names.
      this.#tables.push({ dataset: schema, name: view, type: "VIEW", rows: 0, bytes: this.#estimate(query) });
    }
    await this.#duck.run("SET enable_external_access = false");
    await this.#duck.run("SET lock_configuration = true");
  }

  /** Prepares (compiles) a statement without running it: its schema and statement type. */
  #prepareOnly(sql: string, schema: string | undefined): Promise<Result & { statementType: string }> {
    return this.#queued(async () => {
      await this.#use(schema);
      const prepared = await this.#duck.prepare(sql);
      const fields = Array.from({ length: prepared.columnCount }, (_, i) =>
        fieldOf(prepared.columnName(i), prepared.columnType(i)),
      );
      const statementType = prepared.statementType === StatementType.SELECT ? "SELECT" : "SCRIPT";
      return { fields, rows: [], bytes: 0, statementType };
    });
  }

  /** Runs one statement in DuckDB (one at a time, on the fake's one connection). */
  #runInDuckDb(
    sql: string,
    parameters: Record<string, string | null>,
    schema: string | undefined,
  ): Promise<Result> {
    return this.#queued(async () => {
      await this.#use(schema);
      const prepared = await this.#duck.prepare(sql);
      if (prepared.parameterCount > 0) prepared.bind(parameters as Record<string, DuckDBValue>);
      const reader = await prepared.runAndReadAll();
      const types = reader.columnTypes();
      const fields = reader.columnNames().map((name, i) => fieldOf(name, types[i]!));
      const rows = reader.getRows().map((row) => row.map((value, i) => encodeValue(value, fields[i]!.type)));
      return { fields, rows, bytes: 0 };
    });
  }

  async #use(schema: string | undefined): Promise<void> {
    await this.#duck.run(`USE ${quote(this.#options.project)}${schema ? `.${quote(schema)}` : ""}`);
  }

  #queued<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#duckQueue.then(work, work);
    this.#duckQueue = run.catch(() => undefined);
    return run;
  }
}

interface Route {
  readonly endpoint: FakeBigQueryEndpoint;
  readonly project: string;
  /** Dataset, table and job ids, as the path gives them. */
  readonly ids: (string | undefined)[];
}

function routeOf(method: string, path: string): Route | undefined {
  const m = /^\/bigquery\/v2\/projects\/([^/]+)(\/.*)$/.exec(path);
  if (!m) return undefined;
  const project = decodeURIComponent(m[1]!);
  const rest = m[2]!.split("/").slice(1).map(decodeURIComponent);
  const [a, b, c, d, e] = rest;
  if (method === "GET" && a === "datasets" && rest.length === 1)
    return { endpoint: "datasets.list", project, ids: [] };
  if (method === "GET" && a === "datasets" && c === "tables") {
    if (rest.length === 3) return { endpoint: "tables.list", project, ids: [b] };
    if (rest.length === 4) return { endpoint: "tables.get", project, ids: [b, d] };
    if (rest.length === 5 && e === "data") return { endpoint: "tabledata.list", project, ids: [b, d] };
  }
  if (method === "POST" && a === "jobs" && rest.length === 1)
    return { endpoint: "jobs.insert", project, ids: [] };
  if (method === "POST" && a === "jobs" && c === "cancel")
    return { endpoint: "jobs.cancel", project, ids: [undefined, undefined, b] };
  if (method === "GET" && a === "queries" && rest.length === 2) {
    return { endpoint: "jobs.getQueryResults", project, ids: [undefined, undefined, b] };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function json(res: ServerResponse, body: unknown): void {
  res.setHeader("content-type", "application/json; charset=UTF-8");
  res.end(JSON.stringify(body));
}

/** An error in the shape of Google APIs' JSON errors. */
function fail(res: ServerResponse, f: BigQueryFailure): void {
  res.statusCode = f.status;
  json(res, {
    error: {
      code: f.status,
      message: f.message,
      errors: [{ message: f.message, domain: "global", reason: f.reason }],
      status:
        f.status === 404
          ? "NOT_FOUND"
          : f.status === 401
            ? "UNAUTHENTICATED"
            : f.status === 403
              ? "PERMISSION_DENIED"
              : f.status >= 500
                ? "INTERNAL"
                : "INVALID_ARGUMENT",
    },
  });
}

/** `queryParameters` of a named-parameter job as name → value. */
function parametersOf(parameters: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of (parameters ?? []) as { name?: string; parameterValue?: { value?: string | null } }[]) {
    if (p.name) out[p.name] = p.parameterValue?.value ?? null;
  }
  return out;
}

/**
 * GoogleSQL to DuckDB, outside comments: `` `name` `` to `"name"`, `"text"` to `'text'`, `@name` to
 * `$name`; 'text' is kept.
 */
function toDuckDb(sql: string): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "`" || c === '"' || c === "'") {
      let text = "";
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) {
        if (sql[j] === "\\") j += 1;
        text += sql[j] ?? "";
        j += 1;
      }
      out += c === "`" ? quote(text) : `'${text.replaceAll("'", "''")}'`;
      i = j + 1;
    } else if (c === "@" && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      out += "$";
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function tableRef(table: TableInfo): string {
  return `${quote(table.dataset)}.${quote(table.name)}`;
}

/** BigQuery's (legacy) type name for a DuckDB column. */
function fieldOf(name: string, type: DuckDBType): Field {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { name, type: "BOOLEAN", mode: "NULLABLE" };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
      return { name, type: "INTEGER", mode: "NULLABLE" };
    case DuckDBTypeId.DECIMAL:
      return { name, type: "NUMERIC", mode: "NULLABLE" };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { name, type: "FLOAT", mode: "NULLABLE" };
    case DuckDBTypeId.DATE:
      return { name, type: "DATE", mode: "NULLABLE" };
    case DuckDBTypeId.TIMESTAMP:
      return { name, type: "DATETIME", mode: "NULLABLE" };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { name, type: "TIMESTAMP", mode: "NULLABLE" };
    default:
      return { name, type: "STRING", mode: "NULLABLE" };
  }
}

/** A value as BigQuery's JSON rows write it. */
function encodeValue(value: DuckDBValue, type: string): string | null {
  if (value === null) return null;
  if (type === "BOOLEAN") return value ? "true" : "false";
  if (type === "DATE" && value instanceof DuckDBDateValue) return value.toString();
  if (type === "DATETIME" && value instanceof DuckDBTimestampValue) return value.toString().replace(" ", "T");
  if (type === "TIMESTAMP" && typeof value === "object" && "micros" in value) return String(value.micros);
  if (type === "FLOAT" && typeof value === "number") {
    return Number.isNaN(value)
      ? "NaN"
      : value === Infinity
        ? "Infinity"
        : value === -Infinity
          ? "-Infinity"
          : String(value);
  }
  if (value instanceof DuckDBDecimalValue) return value.toString();
  return String(value);
}

/** DuckDB's error as the error BigQuery would give for the same mistake. */
function bigQueryFailure(message: string, project: string): BigQueryFailure {
  const missingTable = /^Catalog Error: (Table|Schema) with name "?([^"\s!]+)"? does not exist/i.exec(
    message,
  );
  if (missingTable) {
    return {
      status: 404,
      reason: "notFound",
      message: `Not found: ${missingTable[1]} ${project}:${missingTable[2]} was not found in location US`,
    };
  }
  const missingColumn = /^Binder Error: Referenced column "?([^"\s]+)"? not found/i.exec(message);
  if (missingColumn) {
    return {
      status: 400,
      reason: "invalidQuery",
      message: `Unrecognized name: ${missingColumn[1]} at [1:8]`,
    };
  }
  const syntax = /^Parser Error: syntax error at or near "([^"]*)"/i.exec(message);
  if (syntax)
    return {
      status: 400,
      reason: "invalidQuery",
      message: `Syntax error: Unexpected "${syntax[1]}" at [1:1]`,
    };
  const first = message.split("\n")[0]!.replace(/^[A-Za-z ]*Error:\s*/, "");
  return { status: 400, reason: "invalidQuery", message: `${first} at [1:1]` };
}
