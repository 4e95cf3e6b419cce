/**
 * Local mode (no sign-in) against the attacks that took it over, through the real listening server of
 * `startApp` and raw sockets: a DNS-rebinding page (its own name in `Host`), a cross-site simple request
 * to the API (`text/plain`, a form, no body, another `Origin`), a server path in `data.file` over HTTP,
 * a reverse proxy on this machine relaying someone else, and listening beyond loopback without sign-in.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";
import { rawRequest } from "./raw-http.ts";

const dirs: string[] = [];
async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mmm-local-mode-"));
  dirs.push(dir);
  return dir;
}

async function launch(extra: Record<string, string> = {}): Promise<RunningApp> {
  return startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: await newDataDir(),
      PORT: "0",
      LOG_LEVEL: "silent",
      MMM_DEMO_ON_START: "false",
      TRAINER_WORKERS: "1",
      ...extra,
    },
    { demo: false },
  );
}

const portOf = (app: RunningApp) => Number(new URL(app.url).port);

let app: RunningApp;
let port: number;
beforeAll(async () => {
  app = await launch();
  port = portOf(app);
});
afterAll(async () => {
  await app.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("local mode on a real socket", () => {
  it("answers only to loopback names and the base URL's host (DNS rebinding gets 421)", async () => {
    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      "127.0.0.1.nip.io",
      "localhost.evil.example",
    ]) {
      for (const path of ["/runs", "/api/runs", "/healthz", "/static/viewer.css", "/auth/sign-in"]) {
        const response = await rawRequest(port, { path, headers: { Host: host } });
        expect(response.status, `${host} ${path}`).toBe(421);
      }
    }
    const post = await rawRequest(port, {
      method: "POST",
      path: "/api/runs",
      headers: { Host: "evil.example", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(421);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "localhost"]) {
      expect((await rawRequest(port, { path: "/runs", headers: { Host: host } })).status, host).toBe(200);
    }
  });

  it("refuses API writes that a page of another site could send without a preflight", async () => {
    const host = { Host: `localhost:${port}` };
    const cases: { headers: Record<string, string>; body?: string }[] = [
      { headers: { ...host, "Content-Type": "text/plain" }, body: JSON.stringify(DEMO_SPEC) },
      { headers: { ...host, "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" },
      { headers: { ...host, "Content-Type": "multipart/form-data; boundary=x" }, body: "--x--" },
      { headers: host },
    ];
    for (const { headers, body } of cases) {
      for (const path of ["/api/runs", "/api/runs/DE-20260101-000000-abcd/cancel"]) {
        const response = await rawRequest(port, { method: "POST", path, headers, ...(body ? { body } : {}) });
        expect(response.status, `${path} ${headers["Content-Type"] ?? "no type"}`).toBe(415);
        expect(JSON.parse(response.body).message).toContain("application/json");
      }
    }
    for (const origin of ["http://evil.example", "null", `http://localhost:${port + 1}`]) {
      const response = await rawRequest(port, {
        method: "POST",
        path: "/api/runs",
        headers: { ...host, "Content-Type": "application/json", Origin: origin },
        body: "{}",
      });
      expect(response.status, origin).toBe(403);
    }
    // This site's own origin, or no Origin at all (curl, scripts), reaches the handler (which wants a spec).
    const origins: Record<string, string>[] = [{ Origin: `http://localhost:${port}` }, {}];
    for (const origin of origins) {
      const response = await rawRequest(port, {
        method: "POST",
        path: "/api/runs",
        headers: { ...host, "Content-Type": "application/json; charset=utf-8", ...origin },
        body: "[]",
      });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).message).toContain("Send a JSON object");
    }
  });

  it("never reads a server path named in data.file over HTTP, nor echoes the file", async () => {
    const secretFile = join(await newDataDir(), "secret.csv");
    await writeFile(secretFile, "very_secret_header\nTOP-SECRET-VALUE\n");
    const response = await rawRequest(port, {
      method: "POST",
      path: "/api/runs",
      headers: { Host: `localhost:${port}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ...DEMO_SPEC, data: { file: secretFile } }),
    });
    expect(response.status).toBe(422);
    const answer = JSON.parse(response.body);
    expect(answer.data?.field ?? answer.field ?? response.body).toMatch(/data\.file/);
    expect(answer.message).toContain("command line");
    expect(response.body).not.toContain("very_secret_header");
    expect(response.body).not.toContain("TOP-SECRET");
    expect((await app.services.runs.listRuns({ limit: 5 })).runs).toEqual([]);
  });

  it("gives no loopback trust to requests relayed by a reverse proxy", async () => {
    const proxied: Record<string, string>[] = [
      { "X-Forwarded-For": "203.0.113.7" },
      { Forwarded: "for=203.0.113.7" },
      { "X-Real-IP": "203.0.113.7" },
      { "X-Forwarded-Host": "mmm.example.com" },
      { "X-Forwarded-Proto": "https" },
    ];
    for (const headers of proxied) {
      const page = await rawRequest(port, {
        path: "/runs",
        headers: { Host: `localhost:${port}`, ...headers },
      });
      expect(page.status, JSON.stringify(headers)).toBe(403);
      const api = await rawRequest(port, {
        path: "/api/runs",
        headers: { Host: `localhost:${port}`, ...headers },
      });
      expect(api.status, JSON.stringify(headers)).toBe(401);
    }
  });
});

describe("listening beyond this machine", () => {
  it("is refused at start without sign-in, naming the variables to set", async () => {
    const start = launch({ HOST: "0.0.0.0" });
    await expect(start).rejects.toThrow(/SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_TEAM_ID/);
    await expect(start).rejects.toThrow(/MMM_ALLOW_UNAUTHENTICATED=true/);
  });

  it("starts with MMM_ALLOW_UNAUTHENTICATED=true, warns, and says so on every page", async () => {
    const open = await launch({ HOST: "0.0.0.0", MMM_ALLOW_UNAUTHENTICATED: "true" });
    try {
      expect(open.warning).toMatch(/everyone who can reach this server has full access/);
      const openPort = portOf(open);
      for (const path of ["/runs", "/countries", "/auth/sign-in"]) {
        const page = await rawRequest(openPort, {
          path,
          headers: { Host: `localhost:${openPort}`, "X-Forwarded-For": "203.0.113.7" },
        });
        expect(page.status, path).toBe(200);
        expect(page.body, path).toContain("No sign-in: everyone who can reach this server has full access");
      }
      // Still no DNS rebinding: the Host allow-list does not depend on the opt-in.
      expect((await rawRequest(openPort, { path: "/runs", headers: { Host: "evil.example" } })).status).toBe(
        421,
      );
    } finally {
      await open.stop();
    }
  });
});
