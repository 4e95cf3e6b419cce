/**
 * Whether a request comes from the person at this machine. Only the socket's own address counts:
 * `X-Forwarded-For` and `Host` are written by the client and prove nothing. A request whose address is
 * unknown (no socket, e.g. an in-process call without bindings) is treated as remote, so local mode fails
 * closed. A loopback socket that carries proxy headers is a reverse proxy on this machine relaying
 * someone else, so it is not trusted either, unless the server was opened on purpose
 * (`MMM_ALLOW_UNAUTHENTICATED`), in which case everyone who reaches it is.
 */
import type { Context } from "hono";
import { isLoopbackAddress } from "../../core/loopback.ts";
import type { ViewerEnv } from "../viewer-env.ts";

/** Headers a reverse proxy adds; a client that sends them directly gains nothing either. */
export const PROXY_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
];

/** The socket's remote address; `c` is any Hono context (its bindings come from `@hono/node-server`). */
export function remoteAddress(c: { env: unknown }): string | undefined {
  const socket = (c.env as ViewerEnv["Bindings"] | undefined)?.incoming?.socket;
  return socket?.remoteAddress ?? undefined;
}

/**
 * Local mode's trust: a loopback socket without proxy headers, or anyone when `allowUnauthenticated`.
 *
 * @example if (!signIn && isLocalUser(c, config.MMM_ALLOW_UNAUTHENTICATED)) grantLocalAccess()
 */
export function isLocalUser(c: Pick<Context, "env" | "req">, allowUnauthenticated: boolean): boolean {
  if (allowUnauthenticated) return true;
  return (
    isLoopbackAddress(remoteAddress(c)) && PROXY_HEADERS.every((name) => c.req.header(name) === undefined)
  );
}
