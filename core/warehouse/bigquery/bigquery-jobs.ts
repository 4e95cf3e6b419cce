/**
 * Running one BigQuery query job through `@google-cloud/bigquery`: the dry run that gives its schema,
 * statement type and the bytes it would scan, and the real run, read page by page.
 *
 * - **Cost.** Every query is dry-run first (`jobs.insert` with `dryRun`, free): an estimate above
 *   `maxBytesBilled` is refused with the cap and the estimate, before anything is billed. The real job
 *   carries `maximumBytesBilled` too, so BigQuery itself refuses it if the estimate was wrong.
 * - **Parameters.** The country is the named parameter `@country` (type STRING); values are never in the
 *   SQL text.
 * - **Deadline.** The job has `jobTimeoutMs` (BigQuery cancels it past the query timeout); the client also
 *   gives up `clientGraceMs` later, cancels the job and fails as `unavailable`.
 * - **Paging.** Results are read with `jobs.getQueryResults` one page at a time; the visitor may throw
 *   (a row or byte limit) and no further page is fetched.
 */
import type { BigQuery, Job, Query } from "@google-cloud/bigquery";
import type { TableOrSql } from "../port.ts";
import { warehouseClosed } from "../warehouse-errors.ts";
import {
  bigQueryError,
  bytesBilledRefused,
  clientTimeout,
  type BigQueryErrorContext,
} from "./bigquery-errors.ts";
import { COUNTRY_PARAMETER } from "./bigquery-sql.ts";
import type { BigQueryField } from "./bigquery-values.ts";

export interface BigQueryJobsOptions {
  readonly location?: string;
  /** Dataset that unqualified table names in SQL refer to. */
  readonly defaultDataset?: { readonly projectId: string; readonly datasetId: string };
  readonly maxBytesBilled: number;
  readonly queryTimeoutSeconds: number;
  readonly clientGraceMs: number;
  /** Rows asked for per page of results. */
  readonly pageRows: number;
  readonly errorContext: BigQueryErrorContext;
}

export interface DryRun {
  readonly schema: readonly BigQueryField[];
  /** `SELECT`, `SCRIPT`, `INSERT`, … as BigQuery's parser reads the SQL. */
  readonly statementType: string;
  readonly estimatedBytes: number;
}

/** What to do with a query's result; either function may throw to stop reading. */
export interface ResultVisitor {
  schema?(fields: readonly BigQueryField[]): void;
  row?(row: Record<string, unknown>): void;
}

interface JobStatistics {
  readonly statistics?: {
    readonly query?: {
      readonly totalBytesProcessed?: string | number;
      readonly statementType?: string;
      readonly schema?: { readonly fields?: BigQueryField[] };
    };
  };
}

interface QueryResultsResponse {
  readonly jobComplete?: boolean;
  readonly schema?: { readonly fields?: BigQueryField[] };
}

export class BigQueryJobs {
  readonly #client: BigQuery;
  readonly #options: BigQueryJobsOptions;
  #closed = false;

  constructor(client: BigQuery, options: BigQueryJobsOptions) {
    this.#client = client;
    this.#options = options;
  }

  get client(): BigQuery {
    if (this.#closed) throw warehouseClosed("bigquery");
    return this.#client;
  }

  /**
   * Dry-runs `sql`; fails (reported against `source`) when BigQuery rejects it. `country` is the value of
   * `@country`, given exactly when `sql` uses that parameter (here and in `run`).
   */
  async dryRun(sql: string, country: string | undefined, source: TableOrSql | undefined): Promise<DryRun> {
    try {
      const [, response] = await this.client.createQueryJob({ ...this.#query(sql, country), dryRun: true });
      const query = (response as JobStatistics).statistics?.query;
      return {
        schema: query?.schema?.fields ?? [],
        statementType: query?.statementType ?? "SELECT",
        estimatedBytes: Number(query?.totalBytesProcessed ?? 0),
      };
    } catch (error) {
      throw bigQueryError(error, source, this.#options.errorContext);
    }
  }

  /**
   * Dry-runs `sql` to check the byte cap, then runs it and gives its schema and rows to `visitor`.
   * Returns the result's schema.
   */
  async run(
    sql: string,
    country: string | undefined,
    source: TableOrSql | undefined,
    visitor: ResultVisitor = {},
  ): Promise<readonly BigQueryField[]> {
    const { estimatedBytes } = await this.dryRun(sql, country, source);
    if (estimatedBytes > this.#options.maxBytesBilled) {
      throw bytesBilledRefused(source, this.#options.maxBytesBilled, estimatedBytes);
    }
    let job: Job | undefined;
    const deadlineMs = this.#options.queryTimeoutSeconds * 1000 + this.#options.clientGraceMs;
    const deadline = Date.now() + deadlineMs;
    try {
      [job] = await this.client.createQueryJob({
        ...this.#query(sql, country),
        maximumBytesBilled: String(this.#options.maxBytesBilled),
        jobTimeoutMs: this.#options.queryTimeoutSeconds * 1000,
        labels: { app: "mmm-trainer" },
      });
      return await this.#read(job, deadline, visitor);
    } catch (error) {
      if (error === TIMED_OUT) {
        void job?.cancel().catch(() => undefined);
        throw clientTimeout(source, this.#options.errorContext);
      }
      throw bigQueryError(error, source, this.#options.errorContext);
    }
  }

  /** Later calls fail; the client holds no connection of its own to release. */
  close(): void {
    this.#closed = true;
  }

  async #read(job: Job, deadline: number, visitor: ResultVisitor): Promise<readonly BigQueryField[]> {
    let page: Record<string, unknown> = { autoPaginate: false, maxResults: this.#options.pageRows };
    let fields: readonly BigQueryField[] | undefined;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw TIMED_OUT;
      const [rows, next, response] = await withDeadline(job.getQueryResults(page), left);
      const result = response as QueryResultsResponse | undefined;
      if (result?.jobComplete !== false) {
        if (fields === undefined) {
          fields = result?.schema?.fields ?? [];
          visitor.schema?.(fields);
        }
        for (const row of rows as Record<string, unknown>[]) visitor.row?.(row);
      }
      if (!next) return fields ?? [];
      page = { ...(next as Record<string, unknown>), autoPaginate: false };
    }
  }

  #query(sql: string, country: string | undefined): Query {
    const o = this.#options;
    return {
      query: sql,
      useLegacySql: false,
      ...(country !== undefined
        ? { params: { [COUNTRY_PARAMETER]: country }, types: { [COUNTRY_PARAMETER]: "STRING" } }
        : {}),
      ...(o.location ? { location: o.location } : {}),
      ...(o.defaultDataset ? { defaultDataset: o.defaultDataset } : {}),
    };
  }
}

const TIMED_OUT = Symbol("timed out");

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
