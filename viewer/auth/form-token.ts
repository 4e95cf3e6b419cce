/**
 * The second CSRF guard, beside Hono's `csrf()` origin check: every state-changing request must carry
 * the session's own token, as the form field `_csrf` (every form renders it) or the `x-csrf-token`
 * header. A page of another site can make a browser post a form, but cannot read the token.
 */
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { MmmError } from "../../common/errors.ts";
import type { SessionData, ViewerEnv } from "../viewer-env.ts";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * `streamed`: paths of file uploads (a dataset file of hundreds of megabytes) whose body must not be
 * parsed into memory here; their route checks the field with `assertFormToken` as the upload streams in,
 * before the file part is written anywhere (`receiveUpload`'s `beforeFile`).
 *
 * @example pages.use("*", viewerSession(…), csrf(), formToken())
 */
export function formToken(options: { streamed?: readonly string[] } = {}): MiddlewareHandler<ViewerEnv> {
  return async function formToken(c, next) {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    const type = c.req.header("content-type") ?? "";
    if (
      c.req.header(CSRF_HEADER) === undefined &&
      type.startsWith("multipart/form-data") &&
      options.streamed?.includes(c.req.path)
    ) {
      return next();
    }
    let given = c.req.header(CSRF_HEADER);
    if (given === undefined) {
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const value = (await c.req.parseBody())[CSRF_FIELD];
        if (typeof value === "string") given = value;
      }
    }
    assertFormToken(given, c.get("session"));
    return next();
  };
}

/** Throws `forbidden` unless `given` is the session's form token. */
export function assertFormToken(given: string | undefined, session: SessionData): void {
  if (!sameToken(given, session.csrf)) {
    throw new MmmError(
      "forbidden",
      "This form has expired or did not come from this viewer: reload the page and try again.",
      { context: { field: CSRF_FIELD } },
    );
  }
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
