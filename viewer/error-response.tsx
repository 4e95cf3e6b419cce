/**
 * The app's error handler: an `MmmError` becomes its HTTP status with its message (the API's envelope
 * under `/api`, a small JSON body for the pages' JSON endpoints, a page otherwise); Hono's own
 * `HTTPException`s keep their status; a broken %-encoding in the address (`decodeURIComponent`'s `URIError`,
 * wherever a route decodes) is the client's mistake, a 400; anything else is a 500 whose details go to the log only.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { MmmError, isMmmError } from "../common/errors.ts";
import type { Logger } from "../core/logger.ts";
import { failure } from "./api/envelope.ts";
import { httpStatusOf } from "./http-status.ts";
import { ErrorPage, errorTitle } from "./pages/error-page.tsx";
import { renderPage } from "./pages/render-page.tsx";
import type { SessionData, ViewerEnv } from "./viewer-env.ts";

export function errorResponse(
  c: Context<ViewerEnv>,
  error: unknown,
  logger: Logger,
  signIn: boolean,
): Response | Promise<Response> {
  const known = asMmmError(error);
  if (!known) logger.error({ err: error, path: c.req.path }, "request failed");
  const mmm =
    known ?? new MmmError("internal", "Something went wrong on our side; it has been logged. Try again.");
  const status = known ? statusOf(error, mmm) : 500;
  if (status === 401) c.header("WWW-Authenticate", c.req.path.startsWith("/api") ? "Bearer" : "Session");
  if (c.req.path === "/api" || c.req.path.startsWith("/api/")) return failure(c, mmm, status);
  if (c.req.path.endsWith(".json")) return c.json({ status: "error", message: mmm.message }, status);
  return renderPage(
    c,
    { title: errorTitle(status), status },
    <ErrorPage
      status={status}
      message={mmm.message}
      signIn={signIn}
      // Routes before the session middleware (health, static files) have no session.
      preview={(c.get("session") as SessionData | undefined)?.preview === true}
    />,
  );
}

function statusOf(original: unknown, error: MmmError): ContentfulStatusCode {
  if (original instanceof HTTPException) return original.status as ContentfulStatusCode;
  return httpStatusOf(error);
}

function asMmmError(error: unknown): MmmError | undefined {
  if (isMmmError(error)) return error;
  if (error instanceof URIError) {
    return new MmmError(
      "invalid_input",
      "This address is broken: it has a % that is not followed by a valid encoded character.",
      { context: { field: "url", location: "path" } },
    );
  }
  if (error instanceof HTTPException) {
    // Hono's csrf() refuses a form posted from another origin with a bare 403.
    const message =
      error.status === 403
        ? "This form was not sent from a page of this viewer (its origin does not match), so it was refused."
        : error.message || "The request was refused.";
    return new MmmError(error.status === 403 ? "forbidden" : "invalid_input", message, {
      context: { field: error.status === 403 ? "origin" : "request", location: "header" },
    });
  }
  return undefined;
}
