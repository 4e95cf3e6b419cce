/**
 * What went wrong with BigQuery, in words an admin or a marketer can act on.
 *
 * The client reports an HTTP status in `code` with BigQuery's own `reason`s in `errors` (`notFound`,
 * `invalidQuery`, `accessDenied`, `bytesBilledLimitExceeded`, `quotaExceeded`, `rateLimitExceeded`,
 * `backendError`, …), a network failure with a Node error code (`ECONNREFUSED`, `ENOTFOUND`), and a missing
 * credential with google-auth-library's message. Problems with the account name the setting to fix
 * (`BIGQUERY_KEY_FILE`, `BIGQUERY_PROJECT`) and the role to grant; problems with a query name the RunSpec
 * field (`data.table`, `data.sql`) and keep BigQuery's reason.
 */
import { MmmError, invalidInput } from "../../../common/errors.ts";
import { sourceField, sourceLabel, type TableOrSql } from "../port.ts";
import { formatCount, plainReason, queryFailed, queryTimedOut } from "../warehouse-errors.ts";

/** The connection settings messages refer to. */
export interface BigQueryErrorContext {
  readonly project: string;
  readonly location?: string;
  /** Who the app runs as: a key file's setting, or the application default credentials. */
  readonly credentials: string;
  /** The service-account key file, when one is configured. */
  readonly keyFile?: string;
  readonly timeoutSeconds: number;
  readonly maxBytesBilled: number;
  /** The API's root URL, for messages about reaching it. */
  readonly url: string;
}

interface ClientError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: readonly { readonly reason?: unknown; readonly message?: unknown }[];
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
]);
const RETRYABLE_REASONS = new Set([
  "backendError",
  "internalError",
  "jobBackendError",
  "jobInternalError",
  "rateLimitExceeded",
  "quotaExceeded",
]);

/** BigQuery's first `reason` (e.g. `notFound`), or "". */
export function reasonOf(error: unknown): string {
  const reason = (error as ClientError | undefined)?.errors?.[0]?.reason;
  return typeof reason === "string" ? reason : "";
}

function statusOf(error: unknown): number | undefined {
  const code = (error as ClientError | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

function messageOf(error: unknown): string {
  const first = (error as ClientError | undefined)?.errors?.[0]?.message;
  if (typeof first === "string" && first !== "") return first;
  const message = (error as ClientError | undefined)?.message;
  return typeof message === "string" ? message : String(error);
}

/**
 * A failed call. `source` is the table or query it read (absent for catalog calls, which are reported
 * against `data.table`).
 */
export function bigQueryError(
  error: unknown,
  source: TableOrSql | undefined,
  ctx: BigQueryErrorContext,
): MmmError {
  if (error instanceof MmmError) return error;
  const reason = reasonOf(error);
  const status = statusOf(error);
  const message = messageOf(error);
  const field = source ? sourceField(source) : "data.table";
  if ((error as ClientError | undefined)?.code === "ENOENT" && ctx.keyFile !== undefined) {
    return new MmmError(
      "unavailable",
      `BIGQUERY_KEY_FILE names ${ctx.keyFile}, which does not exist: point it at the service account's ` +
        "JSON key, or leave it unset to use the application default credentials.",
      { context: { field: "BIGQUERY_KEY_FILE" }, cause: error, retry: false },
    );
  }
  if (isCredentialError(message)) {
    return new MmmError(
      "unavailable",
      `No Google credentials for BigQuery (${ctx.credentials}): set BIGQUERY_KEY_FILE to a service-account ` +
        "key file, or run with a service account (workload identity on Google Cloud, or `gcloud auth " +
        "application-default login` on a workstation).",
      { context: { field: "BIGQUERY_KEY_FILE" }, cause: error, retry: false },
    );
  }
  if (status === 401 || reason === "authError") {
    return new MmmError(
      "unauthorized",
      `BigQuery did not accept the credentials (${ctx.credentials}): ${plainReason(message)} Check ` +
        "BIGQUERY_KEY_FILE, or the service account the app runs as.",
      { context: { field: "BIGQUERY_KEY_FILE", reason }, cause: error },
    );
  }
  if (reason === "bytesBilledLimitExceeded") {
    return bytesBilledRefused(source, ctx.maxBytesBilled, undefined, error);
  }
  if (reason === "accessDenied" || status === 403) {
    if (RETRYABLE_REASONS.has(reason)) return unreachable(error, ctx);
    return new MmmError(
      "forbidden",
      `BigQuery refused access (${ctx.credentials}): ${plainReason(message)} ${grantHint(ctx)}`,
      { context: { field, reason }, cause: error },
    );
  }
  if (/timed? ?out|timeout/i.test(`${reason} ${message}`) && status !== undefined && status < 500) {
    return queryTimedOut(source, "BigQuery", ctx.timeoutSeconds, "use a BigQuery reservation or ", {
      reason,
    });
  }
  if (isNetworkError(error) || (status !== undefined && (status >= 500 || status === 429))) {
    return unreachable(error, ctx);
  }
  if (RETRYABLE_REASONS.has(reason)) return unreachable(error, ctx);
  if (source === undefined) {
    return new MmmError("unavailable", `Reading the BigQuery catalog failed: ${plainReason(message)}`, {
      context: { field: "data.table", reason },
      cause: error,
      retry: false,
    });
  }
  const failure = queryFailed(source, "BigQuery", bigQueryReason(message), error);
  return new MmmError("invalid_input", failure.message, {
    context: { ...failure.context, reason },
    cause: error,
  });
}

/**
 * The dry run says the query would read more than `BIGQUERY_MAX_BYTES_BILLED` (or BigQuery refused it for
 * that): refused before it runs, naming the cap and the estimate.
 */
export function bytesBilledRefused(
  source: TableOrSql | undefined,
  maxBytesBilled: number,
  estimate: number | undefined,
  cause?: unknown,
): MmmError {
  const what = source ? capitalise(sourceLabel(source)) : "The query";
  const scans =
    estimate === undefined
      ? "would be billed for more bytes than"
      : `would scan ${formatScanBytes(estimate)} (BigQuery's dry-run estimate), more than`;
  return new MmmError(
    "invalid_input",
    `${what} ${scans} the cap of ${formatScanBytes(maxBytesBilled)} per query (BIGQUERY_MAX_BYTES_BILLED), ` +
      "so it was not run. Select fewer columns, filter on the table's partition or cluster columns (e.g. " +
      "the date), or load a smaller aggregated table; an admin can raise BIGQUERY_MAX_BYTES_BILLED.",
    {
      context: {
        field: source ? sourceField(source) : "data.table",
        limit: "bytes_billed",
        maxBytesBilled,
        ...(estimate !== undefined ? { estimatedBytes: estimate } : {}),
      },
      cause,
    },
  );
}

/** BigQuery's parser calls user SQL something other than a query. */
export function notAQuery(statementType: string): MmmError {
  return invalidInput(
    "data.sql",
    `BigQuery reads data.sql as a ${statementType} statement, not a query: send one read-only SELECT.`,
    { statementType },
  );
}

/** BigQuery did not finish a query within the timeout plus the client's grace. */
export function clientTimeout(source: TableOrSql | undefined, ctx: BigQueryErrorContext): MmmError {
  const what = source ? capitalise(sourceLabel(source)) : "Reading the table list";
  return new MmmError(
    "unavailable",
    `${what} got no answer from BigQuery within ${ctx.timeoutSeconds} s (WAREHOUSE_QUERY_TIMEOUT_SECONDS), ` +
      "so it was cancelled. BigQuery may be busy or unreachable: try again in a few minutes.",
    {
      context: { field: source ? sourceField(source) : "data.table", timeoutSeconds: ctx.timeoutSeconds },
    },
  );
}

/** The roles the app's service account needs, for "access denied". */
export function grantHint(ctx: BigQueryErrorContext): string {
  return (
    "The account needs roles/bigquery.jobUser on project " +
    `${ctx.project} (to run queries) and roles/bigquery.dataViewer on the datasets it reads.`
  );
}

/** Bytes as BigQuery bills them, in binary units: `9.8 KB`, `1.5 GB`, `2 TB`. */
export function formatScanBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatCount(Math.round(value * 10) / 10)} ${units[unit]}`;
}

/** BigQuery's message without the position noise (" at [1:8]"). */
export function bigQueryReason(message: string): string {
  return message.replace(/\s*at \[\d+:\d+\]/g, "");
}

function isCredentialError(message: string): boolean {
  return /could not load the default credentials|unable to detect a project id/i.test(message);
}

function isNetworkError(error: unknown): boolean {
  const code = (error as ClientError | undefined)?.code;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return (
    NETWORK_CODES.has(String(code)) || NETWORK_CODES.has(String(cause)) || /fetch failed/i.test(String(error))
  );
}

function unreachable(error: unknown, ctx: BigQueryErrorContext): MmmError {
  const status = statusOf(error);
  const detail =
    status !== undefined ? `HTTP ${status}` : String((error as ClientError).code ?? messageOf(error));
  return new MmmError(
    "unavailable",
    `BigQuery (${ctx.url}) could not be reached or is busy (${detail}): try again in a few minutes.`,
    { context: { field: "BIGQUERY_PROJECT", reason: detail }, cause: error },
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
