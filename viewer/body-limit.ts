/**
 * One limit on request bodies for every route of the app (viewer forms, API, trainer events, Slack), put
 * in front of everything else so that no handler, middleware or body parser ever holds more than this.
 * Hono's `bodyLimit` refuses a larger `Content-Length` at once and counts the bytes of a body without one
 * (`Transfer-Encoding: chunked`) as they stream in, answering 413 as soon as the count passes the limit;
 * the Node server then drains briefly and closes the connection, so a huge body is never buffered.
 *
 * 1 MiB is far above the largest legitimate body (a Slack view submission, a RunSpec, a trainer's
 * `completed` event with its summary highlights are all a few kilobytes). Upload routes (a dataset file)
 * get their own, larger limit (`largerFor`), counted the same way while the body streams in.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";

export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export function requestBodyLimit(
  maxSize: number = MAX_REQUEST_BODY_BYTES,
  largerFor?: { readonly paths: readonly string[]; readonly maxSize: number },
): MiddlewareHandler {
  const normal = limitOf(maxSize);
  if (largerFor === undefined) return normal;
  const larger = limitOf(largerFor.maxSize);
  return (c, next) =>
    (c.req.method === "POST" && largerFor.paths.includes(c.req.path) ? larger : normal)(c, next);
}

function limitOf(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HTTPException(413, {
        message: `The request body is larger than ${Math.round(maxSize / 1024)} KiB, the most this route accepts.`,
      });
    },
  });
}
