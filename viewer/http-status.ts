/**
 * HTTP statuses of `MmmError` codes. `invalid_input` is 422 (the request was understood, its content is
 * wrong) unless the error says the request itself was malformed (`context.location` of `json`, `query`,
 * `path` or `header`): 400.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode, MmmError } from "../common/errors.ts";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

const MALFORMED = new Set(["json", "query", "path", "header"]);

export function httpStatusOf(error: MmmError): ContentfulStatusCode {
  if (error.code === "invalid_input" && MALFORMED.has(String(error.context.location))) return 400;
  return STATUS[error.code];
}
