/**
 * The REST API's envelope, on every answer: `{ status, timestamp, data, message }`. `status` is
 * `success` or `error`; `timestamp` is ISO 8601 UTC; on errors `data` holds `code` and the `field` the
 * error is about (and `problems`, one per field, for validation errors).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { MmmError } from "../../common/errors.ts";

export interface Envelope<T> {
  readonly status: "success" | "error";
  readonly timestamp: string;
  readonly data: T;
  readonly message: string | null;
}

export function success<T>(
  c: Context,
  data: T,
  message: string | null = null,
  status: ContentfulStatusCode = 200,
): Response {
  const body: Envelope<T> = { status: "success", timestamp: new Date().toISOString(), data, message };
  return c.json(body, status);
}

export function failure(c: Context, error: MmmError, status: ContentfulStatusCode): Response {
  const { field, problems } = error.context as { field?: string; problems?: unknown };
  const body: Envelope<{ code: string; field: string | null; problems?: unknown }> = {
    status: "error",
    timestamp: new Date().toISOString(),
    data: { code: error.code, field: field ?? null, ...(problems !== undefined ? { problems } : {}) },
    message: error.message,
  };
  return c.json(body, status);
}
