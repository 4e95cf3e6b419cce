/**
 * What counts as "this machine": loopback socket addresses (who is asking) and loopback names (where the
 * app listens, which `Host` names it answers to). Local mode trusts exactly these and nothing else.
 */
import { isIP } from "node:net";

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined || isIP(address) === 0) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split(".")[0] === "127";
  return address === "::1" || address === "0:0:0:0:0:0:0:1";
}

/** `localhost` or a loopback address, as `HOST` (the interface to listen on) may name it. */
export function isLoopbackInterface(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return name === "localhost" || isLoopbackAddress(name);
}

/** The names a browser on this machine uses for it in `Host` (any port): localhost, 127.0.0.1, [::1]. */
export const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);
