/**
 * What went wrong with Snowflake, in words an admin or a marketer can act on.
 *
 * The SDK reports four kinds of failure: a network error (`code` 401001, the socket error in `cause`), an
 * HTTP status it would not retry (`code` 401002, `response.statusCode`), an error Snowflake answered
 * with (`code` is Snowflake's own, e.g. `390144` at login or `002003` for a statement, with `sqlState`),
 * and its own client errors. Login problems name the setting to fix (`SNOWFLAKE_ACCOUNT`, the key,
 * `SNOWFLAKE_ROLE`, …); statement problems name the RunSpec field (`data.table`, `data.sql`) and keep
 * Snowflake's reason. Snowflake says "does not exist or not authorized" for both a missing object and a
 * missing grant, so those messages give the grants the role would need.
 */
import { MmmError, invalidInput } from "../../../common/errors.ts";
import { sourceField, sourceLabel, type TableOrSql } from "../port.ts";
import { plainReason, queryFailed, queryTimedOut } from "../warehouse-errors.ts";

/** The connection settings messages refer to. */
export interface SnowflakeErrorContext {
  readonly account: string;
  readonly user: string;
  readonly role?: string;
  readonly warehouse?: string;
  readonly database?: string;
  readonly schema?: string;
  /** Where the private key came from: the setting to fix when Snowflake refuses it. */
  readonly keySetting: string;
  readonly timeoutSeconds: number;
  /** The URL the SDK talks to, for messages about reaching it. */
  readonly url: string;
}

interface SdkError {
  readonly code?: unknown;
  readonly sqlState?: unknown;
  readonly message?: unknown;
  readonly response?: { readonly statusCode?: unknown };
  readonly cause?: { readonly code?: unknown; readonly message?: unknown };
}

const NETWORK = "401001";
const HTTP_FAILURE = "401002";
const HOST_NOT_FOUND = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME"]);
/** Session tokens that cannot be renewed any more: log in again and repeat the call. */
const SESSION_GONE = new Set(["390111", "390112", "390114", "390104"]);

export function sdkCode(error: unknown): string {
  const code = (error as SdkError | undefined)?.code;
  return code === undefined || code === null ? "" : String(code);
}

function messageOf(error: unknown): string {
  const message = (error as SdkError | undefined)?.message;
  return typeof message === "string" ? message : String(error);
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as SdkError | undefined)?.response?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Whether the session is over and a new login may succeed where the call failed. */
export function isSessionGone(error: unknown): boolean {
  return SESSION_GONE.has(sdkCode(error));
}

/** A failed login (or key-pair handshake), as an error that names the setting to fix. */
export function loginError(error: unknown, ctx: SnowflakeErrorContext): MmmError {
  const code = sdkCode(error);
  const reason = messageOf(error);
  const status = httpStatus(error);
  const cause = (error as SdkError | undefined)?.cause;
  const role = ctx.role ?? "the user's default role";
  if (code === NETWORK && HOST_NOT_FOUND.has(String(cause?.code))) {
    return new MmmError(
      "unavailable",
      `Snowflake account ${ctx.account} was not found: ${ctx.url} does not resolve. Set SNOWFLAKE_ACCOUNT ` +
        `to the account identifier (ORGNAME-ACCOUNTNAME, as in the account URL).`,
      { context: { field: "SNOWFLAKE_ACCOUNT", reason: String(cause?.code) }, cause: error, retry: false },
    );
  }
  if (code === HTTP_FAILURE && (status === 403 || status === 404)) {
    return new MmmError(
      "unavailable",
      `Snowflake refused the login to account ${ctx.account} (HTTP ${status}): the account identifier is ` +
        `probably wrong. Set SNOWFLAKE_ACCOUNT to ORGNAME-ACCOUNTNAME as in the account URL.`,
      { context: { field: "SNOWFLAKE_ACCOUNT", status }, cause: error, retry: false },
    );
  }
  if (code === "390144" || /JWT token is invalid/i.test(reason)) {
    return new MmmError(
      "unauthorized",
      `Snowflake rejected the key-pair login of user ${ctx.user} (JWT token is invalid): the private key ` +
        `from ${ctx.keySetting} does not match the public key registered for ${ctx.user}, or the key was ` +
        `rotated or expired. Register its public key (ALTER USER ${ctx.user} SET RSA_PUBLIC_KEY = '…') or ` +
        `point ${ctx.keySetting} at the current key; also check that the machine's clock is right.`,
      { context: { field: ctx.keySetting, code }, cause: error },
    );
  }
  if (code === "390100" || /incorrect username or password/i.test(reason)) {
    return new MmmError(
      "unauthorized",
      `Snowflake does not know user ${ctx.user} in account ${ctx.account}, or the user cannot log in with a ` +
        `key pair: check SNOWFLAKE_USER.`,
      { context: { field: "SNOWFLAKE_USER", code }, cause: error },
    );
  }
  if (code === "390189" || /role .* is not granted/i.test(reason)) {
    return new MmmError(
      "forbidden",
      `Role ${role} is not granted to Snowflake user ${ctx.user}: an admin must run GRANT ROLE ${role} TO ` +
        `USER ${ctx.user}, or set SNOWFLAKE_ROLE to a role the user has.`,
      { context: { field: "SNOWFLAKE_ROLE", code }, cause: error },
    );
  }
  if (/database .*(does not exist|not authorized)/i.test(reason)) {
    return missingGrant("SNOWFLAKE_DATABASE", `database ${ctx.database}`, role, error, code);
  }
  if (/warehouse .*(does not exist|not authorized)/i.test(reason)) {
    return missingGrant("SNOWFLAKE_WAREHOUSE", `warehouse ${ctx.warehouse}`, role, error, code);
  }
  if (code === NETWORK || code === HTTP_FAILURE) return unreachable(error, ctx);
  return new MmmError(
    "unavailable",
    `Logging in to Snowflake as ${ctx.user} failed: ${plainReason(reason)}`,
    { context: { field: "SNOWFLAKE_ACCOUNT", code }, cause: error, retry: false },
  );
}

/**
 * A failed statement. `source` is the table or query the statement read (absent for catalog
 * statements, which are reported against `data.table`).
 */
export function statementError(
  error: unknown,
  source: TableOrSql | undefined,
  ctx: SnowflakeErrorContext,
): MmmError {
  if (error instanceof MmmError) return error;
  const code = sdkCode(error);
  const reason = messageOf(error);
  const role = ctx.role ?? "the user's default role";
  const field = source ? sourceField(source) : "data.table";
  const what = source ? capitalise(sourceLabel(source)) : "Reading the table list";
  if (code === "000630") {
    return queryTimedOut(source, "Snowflake", ctx.timeoutSeconds, "give the role a larger warehouse or ", {
      code,
    });
  }
  if (code === "000604") {
    return new MmmError("unavailable", `${what} was cancelled in Snowflake before it finished: try again.`, {
      context: { field, code },
      cause: error,
    });
  }
  if (code === "000606" || /no active warehouse/i.test(reason)) {
    return missingGrant(
      "SNOWFLAKE_WAREHOUSE",
      `warehouse ${ctx.warehouse ?? "(none set)"}`,
      role,
      error,
      code,
    );
  }
  if (code === "090105" || /does not have a current database/i.test(reason)) {
    return invalidInput(
      field,
      `Snowflake has no current database for this connection: set SNOWFLAKE_DATABASE, or write table ` +
        `names in full as DB.SCHEMA.TABLE.`,
      { code },
    );
  }
  // The SDK's own errors (4xxxxx: network, HTTP, a closed connection) are not about the query.
  if (code === "" || /^4\d{5}$/.test(code)) return unreachable(error, ctx);
  const objectMissing = /does not exist or not authorized|insufficient privileges/i.test(reason);
  if (source === undefined) {
    const hint = objectMissing ? ` ${grantHint(undefined, ctx)}` : "";
    return new MmmError(
      "unavailable",
      `Reading the Snowflake catalog failed: ${plainReason(snowflakeReason(reason))}${hint}`,
      { context: { field: "data.table", code }, cause: error, retry: false },
    );
  }
  const failure = queryFailed(source, "Snowflake", snowflakeReason(reason), error);
  if (!objectMissing) return failure;
  const object = /Object '([^']+)'/.exec(reason)?.[1];
  return new MmmError("invalid_input", `${failure.message} ${grantHint(object, ctx)}`, {
    context: { ...failure.context, code },
    cause: error,
  });
}

/** Snowflake did not answer a statement within the timeout plus the client's grace. */
export function clientTimeout(source: TableOrSql | undefined, ctx: SnowflakeErrorContext): MmmError {
  const what = source ? capitalise(sourceLabel(source)) : "Reading the table list";
  return new MmmError(
    "unavailable",
    `${what} got no answer from Snowflake within ${ctx.timeoutSeconds} s (WAREHOUSE_QUERY_TIMEOUT_SECONDS), ` +
      `so it was cancelled. Snowflake may be busy or unreachable: try again in a few minutes.`,
    {
      context: { field: source ? sourceField(source) : "data.table", timeoutSeconds: ctx.timeoutSeconds },
    },
  );
}

/** How to grant a role what it needs to read an object (for "does not exist or not authorized"). */
export function grantHint(object: string | undefined, ctx: SnowflakeErrorContext): string {
  const role = ctx.role ?? "the user's default role";
  const parts = object?.split(".") ?? [];
  const table = object ?? "<table>";
  const database = (parts.length === 3 ? parts[0] : ctx.database) ?? "<database>";
  const schema =
    parts.length >= 2
      ? parts.length === 2 && ctx.database
        ? `${ctx.database}.${parts[0]}`
        : parts.slice(0, -1).join(".")
      : `${database}.${ctx.schema ?? "<schema>"}`;
  return (
    `If it exists, role ${role} may lack the grants to read it: an admin can run GRANT USAGE ON DATABASE ` +
    `${database} TO ROLE ${role}; GRANT USAGE ON SCHEMA ${schema} TO ROLE ${role}; ` +
    `GRANT SELECT ON TABLE ${table} TO ROLE ${role}.`
  );
}

/** Snowflake's message without the position noise ("error line 1 at position 7"). */
export function snowflakeReason(reason: string): string {
  return reason.replace(
    /(syntax )?error line \d+ at position \d+\s*/gi,
    (_match, syntax: string | undefined) => (syntax ? "syntax error " : ""),
  );
}

function missingGrant(setting: string, object: string, role: string, error: unknown, code: string): MmmError {
  const [kind, name] = object.split(" ");
  return new MmmError(
    "forbidden",
    `Snowflake cannot use ${object} for role ${role}: it does not exist or the role lacks USAGE on it. An ` +
      `admin can run GRANT USAGE ON ${kind!.toUpperCase()} ${name} TO ROLE ${role}, or set ${setting} to one ` +
      `the role can use.`,
    { context: { field: setting, code }, cause: error },
  );
}

function unreachable(error: unknown, ctx: SnowflakeErrorContext): MmmError {
  const status = httpStatus(error);
  const cause = (error as SdkError | undefined)?.cause;
  const detail = status !== undefined ? `HTTP ${status}` : String(cause?.code ?? messageOf(error));
  return new MmmError(
    "unavailable",
    `Snowflake (${ctx.url}) could not be reached (${detail}): try again in a few minutes.`,
    { context: { field: "SNOWFLAKE_ACCOUNT", reason: detail }, cause: error },
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
