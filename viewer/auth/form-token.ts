/**
 * The second CSRF guard, beside Hono's `csrf()` origin check: every state-changing request must carry
 * the session's own token, as the form field `_csrf` (every form renders it) or the `x-csrf-token`
 * header. A page of another site can make a browser post a form, but cannot read the token.
 */
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { MmmError } from "../../common/errors.ts";
import type { ViewerEnv } from "../viewer-env.ts";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** @example pages.use("*", viewerSession(…), csrf(), formToken()) */
export function formToken(): MiddlewareHandler<ViewerEnv> {
  return async function formToken(c, next) {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    let given = c.req.header(CSRF_HEADER);
    if (given === undefined) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const value = (await c.req.parseBody())[CSRF_FIELD];
        if (typeof value === "string") given = value;
      }
    }
    if (!sameToken(given, c.get("session").csrf)) {
      throw new MmmError(
        "forbidden",
        "This form has expired or did not come from this viewer: reload the page and try again.",
        { context: { field: CSRF_FIELD } },
      );
    }
    return next();
  };
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
