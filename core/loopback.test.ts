import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackInterface } from "./loopback.ts";

describe("loopback", () => {
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

  it("tells loopback interfaces (HOST) from the ones others can reach", () => {
    for (const host of ["127.0.0.1", "localhost", "LOCALHOST", "::1", "[::1]", "127.0.0.2"])
      expect(isLoopbackInterface(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "[::]", "10.0.0.5", "myhost", "localhost.evil.example"])
      expect(isLoopbackInterface(host), host).toBe(false);
  });
});
