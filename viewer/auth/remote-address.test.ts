import { describe, expect, it } from "vitest";
import { isLoopbackAddress, remoteAddress } from "./remote-address.ts";

describe("remote address", () => {
  it("recognises IPv4, IPv6 and IPv4-mapped loopback addresses only", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [
      "10.0.0.1",
      "::ffff:10.0.0.1",
      "fe80::1",
      "localhost",
      "",
      undefined,
      "127.0.0.1.evil.example",
    ]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it("reads the socket of @hono/node-server's bindings, and nothing when there is none", () => {
    expect(remoteAddress({ env: { incoming: { socket: { remoteAddress: "::1" } } } })).toBe("::1");
    expect(remoteAddress({ env: {} })).toBeUndefined();
    expect(remoteAddress({ env: undefined })).toBeUndefined();
  });
});
