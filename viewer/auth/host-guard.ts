/**
 * Answers only to the names this server is reached by: the loopback names (any port) and the hosts of
 * the base URL and of the trainers' events URL. A page of another site can point its own DNS name at
 * 127.0.0.1 (DNS rebinding) and so become same-origin with a local server; its requests then carry its
 * own name in `Host`, and are refused here (421 Misdirected Request) before any route sees them.
 */
import type { MiddlewareHandler } from "hono";
import { LOOPBACK_HOSTNAMES } from "../../core/loopback.ts";

/** `allowed` are URLs (the base URL, the events URL): their `host`, port included, is accepted. */
export function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  const hosts = new Set(allowed.map((url) => new URL(url).host.toLowerCase()));
  return async function hostGuard(c, next) {
    // @hono/node-server builds the URL from `Host` (checking its syntax); app.request from the path.
    const url = new URL(c.req.url);
    if (LOOPBACK_HOSTNAMES.has(url.hostname) || hosts.has(url.host)) return next();
    return c.text(
      `This server does not answer for ${url.host}: open it at ${[...hosts][0] ?? "localhost"} ` +
        "(MMM_BASE_URL names the address people use).\n",
      421,
    );
  };
}
