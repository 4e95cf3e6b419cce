/**
 * API writes (POST, PUT, PATCH, DELETE under /api) must be JSON, and when the browser names the page
 * they come from (`Origin`), that page must be this site. A page of another site can make a browser
 * send a "simple" request (a form, `text/plain`, no body) without asking first, and in local mode such a
 * request needs no token; a JSON body or another origin is only possible after a CORS preflight this
 * server never answers. So browsers' simple requests never reach a handler.
 *
 * Upload routes take `multipart/form-data`, which a page of another site can also send without asking.
 * There, a request must show it was not sent by such a page: a bearer token (`Authorization`), or an
 * `Origin` that is this site (a browser always names the page of a cross-site POST).
 */
import type { MiddlewareHandler } from "hono";
import { MmmError } from "../../common/errors.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** `baseUrl`: the origin pages of this site have, besides the request's own. */
export function apiWriteGuard(
  baseUrl: string,
  options: { uploads?: readonly string[] } = {},
): MiddlewareHandler {
  const base = new URL(baseUrl).origin;
  return async function apiWriteGuard(c, next) {
    if (!WRITES.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== base && origin !== new URL(c.req.url).origin) {
      throw new MmmError(
        "forbidden",
        `This API call comes from a page of another site (${origin}), so it was refused.`,
        { context: { field: "origin", location: "header" } },
      );
    }
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type === "multipart/form-data" && options.uploads?.includes(c.req.path)) {
      if (c.req.header("authorization") !== undefined || origin !== undefined) return next();
      throw new MmmError(
        "forbidden",
        "An upload must carry an API token (Authorization: Bearer …) or come from this site's pages.",
        { context: { field: "authorization", location: "header" } },
      );
    }
    if (type !== "application/json") {
      throw new MmmError(
        "unsupported_media_type",
        `API writes take JSON: send Content-Type: application/json (got ${type || "none"}), with a JSON body ({} when there is nothing to say).`,
        { context: { field: "content-type", location: "header" } },
      );
    }
    return next();
  };
}
