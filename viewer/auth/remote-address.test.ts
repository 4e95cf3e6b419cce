import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { isLocalUser, PROXY_HEADERS, remoteAddress } from "./remote-address.ts";

describe("remote address", () => {
  it("reads the socket of @hono/node-server's bindings, and nothing when there is none", () => {
    expect(remoteAddress({ env: { incoming: { socket: { remoteAddress: "::1" } } } })).toBe("::1");
    expect(remoteAddress({ env: {} })).toBeUndefined();
    expect(remoteAddress({ env: undefined })).toBeUndefined();
  });

  it("trusts a loopback socket without proxy headers only, unless the server is opened on purpose", async () => {
    const app = new Hono();
    app.get("/", (c) => c.text(`${isLocalUser(c, false)} ${isLocalUser(c, true)}`));
    const ask = async (remote: string | undefined, headers: Record<string, string> = {}) =>
      (
        await app.request("/", { headers }, remote ? { incoming: { socket: { remoteAddress: remote } } } : {})
      ).text();
    expect(await ask("127.0.0.1")).toBe("true true");
    expect(await ask("::1")).toBe("true true");
    expect(await ask("203.0.113.7")).toBe("false true");
    expect(await ask(undefined)).toBe("false true");
    for (const name of PROXY_HEADERS)
      expect(await ask("127.0.0.1", { [name]: "203.0.113.7" }), name).toBe("false true");
  });
});
