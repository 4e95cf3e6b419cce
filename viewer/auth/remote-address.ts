/**
 * Whether a request comes from this machine. Only the socket's own address counts: `X-Forwarded-For`
 * and `Host` are written by the client and prove nothing. A request whose address is unknown (no socket,
 * e.g. an in-process call without bindings) is treated as remote, so local mode fails closed.
 */
import { isIP } from "node:net";
import type { ViewerEnv } from "../viewer-env.ts";

/** The socket's remote address; `c` is any Hono context (its bindings come from `@hono/node-server`). */
export function remoteAddress(c: { env: unknown }): string | undefined {
  const socket = (c.env as ViewerEnv["Bindings"] | undefined)?.incoming?.socket;
  return socket?.remoteAddress ?? undefined;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined || isIP(address) === 0) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split(".")[0] === "127";
  return address === "::1" || address === "0:0:0:0:0:0:0:1";
}
