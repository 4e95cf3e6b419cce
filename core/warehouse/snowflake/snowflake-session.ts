/**
 * One Snowflake connection (`snowflake-sdk`, key-pair login), opened on first use and kept, and the
 * running of one statement on it with bound parameters, streamed rows and a deadline.
 *
 * - **Login** uses `authenticator: "SNOWFLAKE_JWT"` with the private key, the role, warehouse, database
 *   and schema from configuration, and `accessUrl` when given (tests point it at a loopback fake). Right
 *   after, `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS` makes Snowflake itself cancel any statement of
 *   this session that runs longer than the query timeout (error 000630).
 * - **Deadline.** The SDK retries 5xx and 429 answers and polls a long query until it ends, with no limit
 *   of its own. Each statement therefore also has a client-side deadline (the timeout plus `clientGraceMs`):
 *   past it the statement is cancelled (`abort-request`) and the call fails as `unavailable`.
 * - **Streaming.** Rows arrive through the SDK's row stream (result chunks are fetched as they are read);
 *   the visitor may throw (e.g. a row limit) and reading stops at once.
 * - **Expired sessions.** When Snowflake has ended the session (the SDK then reports the connection as
 *   down), the statement is sent once more on a new login; it never ran, so this is safe.
 */
import type * as SnowflakeModule from "snowflake-sdk";
import type { Bind, Column, Connection, ConnectionOptions, RowStatement } from "snowflake-sdk";
import { MmmError } from "../../../common/errors.ts";
import type { TableOrSql } from "../port.ts";
import {
  clientTimeout,
  isSessionGone,
  loginError,
  statementError,
  type SnowflakeErrorContext,
} from "./snowflake-errors.ts";
import { plainReason, warehouseClosed } from "../warehouse-errors.ts";

type SnowflakeSdk = typeof SnowflakeModule;

export interface SnowflakeSessionOptions {
  readonly account: string;
  readonly username: string;
  /** Unencrypted PKCS#8 PEM. */
  readonly privateKey: string;
  readonly role?: string;
  readonly warehouse?: string;
  readonly database?: string;
  readonly schema?: string;
  /** Full URL of Snowflake, e.g. `http://127.0.0.1:4567` for a fake. Default: from the account. */
  readonly accessUrl?: string;
  readonly queryTimeoutSeconds: number;
  /** How long after the query timeout the client gives up on an answer, in ms. */
  readonly clientGraceMs: number;
  /** How long a login may take, retries included, in ms. */
  readonly loginTimeoutMs: number;
  /** Login retries after a 5xx, 429 or network error (the SDK's `sfRetryMaxLoginRetries`). */
  readonly loginRetries: number;
  readonly errorContext: SnowflakeErrorContext;
}

/** What to do with a statement's result; either function may throw to stop reading. */
export interface RowVisitor {
  columns?(columns: readonly Column[]): void;
  row?(row: readonly unknown[]): void;
}

export class SnowflakeSession {
  readonly #sdk: SnowflakeSdk;
  readonly #options: SnowflakeSessionOptions;
  #connection: Promise<Connection> | undefined;
  /** The connection `#connection` resolved to, once it has. */
  #current: Connection | undefined;
  #closed = false;

  constructor(sdk: SnowflakeSdk, options: SnowflakeSessionOptions) {
    this.#sdk = sdk;
    this.#options = options;
  }

  /**
   * Runs one statement with positional binds (`?`), gives its columns and rows to `visitor`, and returns
   * the columns. Failures are `MmmError`s reported against `source` (or the catalog when absent).
   */
  async run(
    sql: string,
    binds: readonly Bind[],
    source: TableOrSql | undefined,
    visitor: RowVisitor = {},
  ): Promise<readonly Column[]> {
    for (let attempt = 0; ; attempt += 1) {
      const connection = await this.#connect();
      let delivered = false;
      const counting: RowVisitor = {
        columns: (columns) => {
          delivered = true;
          visitor.columns?.(columns);
        },
        row: visitor.row,
      };
      try {
        return await this.#execute(connection, sql, binds, source, counting);
      } catch (error) {
        // A session Snowflake has ended: the statement never ran, so it is safe to send it again.
        if (attempt === 0 && !delivered && (isSessionGone(error) || !connection.isUp())) {
          this.#drop(connection);
          continue;
        }
        if (!connection.isUp()) this.#drop(connection);
        throw statementError(error, source, this.#options.errorContext);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#connection;
    this.#connection = undefined;
    this.#current = undefined;
    const connection = await pending?.catch(() => undefined);
    if (connection === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      connection.destroy(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async #connect(): Promise<Connection> {
    if (this.#closed) throw warehouseClosed("snowflake");
    this.#connection ??= this.#login().then(
      (connection) => (this.#current = connection),
      (error: unknown) => {
        this.#connection = undefined;
        throw error;
      },
    );
    return this.#connection;
  }

  async #login(): Promise<Connection> {
    const o = this.#options;
    const options: ConnectionOptions = {
      account: o.account,
      username: o.username,
      authenticator: "SNOWFLAKE_JWT",
      privateKey: o.privateKey,
      ...(o.role ? { role: o.role } : {}),
      ...(o.warehouse ? { warehouse: o.warehouse } : {}),
      ...(o.database ? { database: o.database } : {}),
      ...(o.schema ? { schema: o.schema } : {}),
      ...(o.accessUrl ? { accessUrl: o.accessUrl } : {}),
      sfRetryMaxLoginRetries: o.loginRetries,
      queryTag: "mmm-trainer",
    };
    let connection: Connection;
    try {
      connection = this.#sdk.createConnection(options);
    } catch (error) {
      throw loginError(error, o.errorContext);
    }
    try {
      // `connect` reports every failure to its callback (`connectAsync` resolves on some of them).
      const login = new Promise<void>((resolve, reject) =>
        connection.connect((error) => (error ? reject(error) : resolve())),
      );
      await withDeadline(login, o.loginTimeoutMs, () => {
        connection.destroy(() => undefined);
        return new MmmError(
          "unavailable",
          `Logging in to Snowflake (${o.errorContext.url}) took longer than ${Math.round(o.loginTimeoutMs / 1000)} s: ` +
            `try again in a few minutes.`,
          { context: { field: "SNOWFLAKE_ACCOUNT" } },
        );
      });
    } catch (error) {
      throw error instanceof MmmError ? error : loginError(error, o.errorContext);
    }
    try {
      await this.#execute(
        connection,
        `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${Math.ceil(o.queryTimeoutSeconds)}`,
        [],
        undefined,
        {},
      );
    } catch (error) {
      connection.destroy(() => undefined);
      const failure = statementError(error, undefined, o.errorContext);
      if (failure.code === "unavailable" && failure.retry) throw failure;
      const reason = plainReason(error instanceof Error ? error.message : String(error));
      throw new MmmError(
        "unavailable",
        `Snowflake refused to set the session's statement timeout (STATEMENT_TIMEOUT_IN_SECONDS): ${reason}`,
        { context: { field: "SNOWFLAKE_ACCOUNT" }, cause: error, retry: false },
      );
    }
    return connection;
  }

  #drop(connection: Connection): void {
    if (this.#current === connection) {
      this.#connection = undefined;
      this.#current = undefined;
    }
    if (connection.isUp()) connection.destroy(() => undefined);
  }

  /** Runs a statement under the client-side deadline; rejects with the SDK's error or the visitor's. */
  #execute(
    connection: Connection,
    sql: string,
    binds: readonly Bind[],
    source: TableOrSql | undefined,
    visitor: RowVisitor,
  ): Promise<readonly Column[]> {
    const deadlineMs = this.#options.queryTimeoutSeconds * 1000 + this.#options.clientGraceMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const deadline: { timer?: NodeJS.Timeout } = {};
      let statement: { cancel(callback: () => void): void } | undefined;
      let stream: { destroy(): void } | undefined;
      const finish = (error: unknown, columns?: readonly Column[]) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline.timer);
        stream?.destroy();
        if (error !== undefined) reject(error);
        else resolve(columns ?? []);
      };
      try {
        statement = connection.execute({
          sqlText: sql,
          binds: [...binds],
          streamResult: true,
          rowMode: "array",
          complete: (error, done) => {
            if (settled) return;
            if (error) return finish(error);
            let columns: readonly Column[];
            try {
              columns = (done as RowStatement).getColumns() ?? [];
              visitor.columns?.(columns);
            } catch (visitError) {
              return finish(visitError);
            }
            const rows = (done as RowStatement).streamRows();
            stream = rows;
            rows.on("data", (row: unknown[]) => {
              if (settled) return;
              try {
                visitor.row?.(row);
              } catch (visitError) {
                finish(visitError);
              }
            });
            rows.on("error", (streamError: unknown) => finish(streamError));
            rows.on("end", () => finish(undefined, columns));
          },
        });
      } catch (error) {
        // The SDK refuses at once on a connection it has closed.
        return finish(error);
      }
      deadline.timer = setTimeout(() => {
        statement?.cancel(() => undefined);
        finish(clientTimeout(source, this.#options.errorContext));
      }, deadlineMs);
    });
  }
}

/** Loads the SDK (lazily: it is large, and only this adapter needs it), quiet unless `log` is given. */
export async function loadSnowflakeSdk(
  log?: (level: "error" | "warn", message: string) => void,
): Promise<SnowflakeSdk> {
  const module = await import("snowflake-sdk");
  const sdk = (module as unknown as { default?: SnowflakeSdk }).default ?? module;
  const drop = () => undefined;
  sdk.configure({
    logLevel: "WARN",
    customLogger: {
      error: (message) => log?.("error", message),
      warn: (message) => log?.("warn", message),
      info: drop,
      debug: drop,
      trace: drop,
    },
  });
  return sdk;
}

async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
