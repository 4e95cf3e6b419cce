/**
 * Test support: the whole app (`createApp` over the real embedded services in a temporary data folder)
 * with one succeeded run copied in from `trained-run.ts`, a clock tests can move, and helpers to send
 * requests from a chosen remote address (the socket address `@hono/node-server` would pass), with the
 * session cookie and CSRF token a browser would send.
 */
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { loadConfig } from "../../core/config.ts";
import type { Run } from "../../core/run.ts";
import { newRunId } from "../../core/run-id.ts";
import { countryOfMarket, marketKey } from "../../core/market.ts";
import { parseRunSpec, type RunSpec } from "../../core/run-spec.ts";
import { createServices, type Services } from "../../core/services.ts";
import { runToken, signEvent, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../../core/trainer-auth.ts";
import { createApp } from "../../viewer/app.ts";
import type { ViewerEnv } from "../../viewer/viewer-env.ts";
import { trainedRunFolder } from "./trained-run.ts";
import { runPrefix } from "../../common/run-folder.ts";

export const TEST_SECRET = "viewer-test-secret-0123456789abcdefghijklmnop";
export const LOOPBACK = "127.0.0.1";
export const REMOTE = "203.0.113.7";
export const START = "2026-11-26T06:00:00.000Z";

export interface Harness {
  readonly services: Services;
  readonly app: Hono<ViewerEnv>;
  /** A succeeded run with real outputs, and its best model. */
  readonly run: Run;
  readonly solID: string;
  readonly clock: { now(): Date; advance(ms: number): void };
  /** `app.request` from `remote` (default loopback), carrying `cookie` when given. */
  request(path: string, init?: RequestInit & { remote?: string | null; cookie?: string }): Promise<Response>;
  /** A session as a browser holds it after a first page: its cookie header and CSRF token. */
  session(remote?: string, cookie?: string): Promise<{ cookie: string; csrf: string }>;
  /** POSTs a form the way the viewer's pages do (same origin, the session's token unless overridden). */
  postForm(
    path: string,
    fields: Record<string, string>,
    options?: { remote?: string; cookie?: string; csrf?: string | null; origin?: string | null },
  ): Promise<Response>;
  /**
   * POSTs a trainer event signed with the run's token, as a trainer does (from another machine), to the
   * run's event route or, with `shard`, to that shard's route (the raw path segment, so tests can send any).
   */
  postEvent(runId: string, event: Record<string, unknown>, shard?: string): Promise<Response>;
  /** Another succeeded run of the same outputs (for compare and stability), stored and copied. */
  addRun(overrides?: Partial<Run>): Promise<Run>;
  close(): Promise<void>;
}

export async function viewerHarness(
  env: Record<string, string> = {},
  options: { iterations?: number; trials?: number } = {},
): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), "mmm-viewer-test-"));
  let time = Date.parse(START);
  const clock = { now: () => new Date(time), advance: (ms: number) => void (time += ms) };
  const services = await createServices(
    loadConfig({
      MMM_DATA_DIR: dataDir,
      MMM_SECRET: TEST_SECRET,
      MMM_BASE_URL: "http://localhost",
      LOG_LEVEL: "silent",
      MMM_DEMO_ON_START: "false",
      TRAINER_WORKERS: "1",
      ...env,
    }),
    { childEnv: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } },
  );
  const app = createApp(services, { now: clock.now });
  const folder = await trainedRunFolder(options.iterations, options.trials);
  const summary = JSON.parse(await readFile(join(folder, "output", "model_summary.json"), "utf8"));
  const { pareto_models: _all, ...highlights } = summary;
  const spec = parseRunSpec(JSON.parse(await readFile(join(folder, "spec.json"), "utf8")));

  async function addRun(overrides: Partial<Run> = {}): Promise<Run> {
    const country = overrides.country ?? "DE";
    const createdAt = overrides.createdAt ?? new Date(time - 3_600_000).toISOString();
    const id = overrides.id ?? newRunId(country, new Date(createdAt));
    const run: Run = {
      id,
      country,
      status: "succeeded",
      spec: marketSpec(spec, country),
      tag: "demo",
      createdBy: { kind: "slack", id: "U0ALICE", name: "Alice" },
      createdAt,
      updatedAt: createdAt,
      startedAt: createdAt,
      finishedAt: createdAt,
      artifactPrefix: runPrefix(id),
      summary: highlights,
      lastEventSeq: 3,
      ...overrides,
    };
    await cp(folder, join(dataDir, "artifacts", run.artifactPrefix), { recursive: true });
    await services.runs.createRun(run);
    return run;
  }

  const run = await addRun();
  const request = (path: string, init: RequestInit & { remote?: string | null; cookie?: string } = {}) => {
    const { remote = LOOPBACK, cookie, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (cookie) headers.set("cookie", cookie);
    const bindings = remote === null ? {} : { incoming: { socket: { remoteAddress: remote } } };
    return Promise.resolve(app.request(path, { ...rest, headers }, bindings));
  };
  const session = async (remote = LOOPBACK, cookie?: string) => {
    const response = await request("/runs/status.json", { remote, ...(cookie ? { cookie } : {}) });
    const set = response.headers.get("set-cookie");
    const jar = set ? set.split(";")[0]! : cookie!;
    return { cookie: jar, csrf: csrfOf(jar) };
  };
  return {
    services,
    app,
    run,
    solID: summary.best_model.model_id,
    clock,
    request,
    session,
    addRun,
    async postForm(path, fields, options = {}) {
      const remote = options.remote ?? LOOPBACK;
      const jar = options.cookie ?? (await session(remote)).cookie;
      const csrf = options.csrf === undefined ? csrfOf(jar) : options.csrf;
      const body = new URLSearchParams({ ...fields, ...(csrf === null ? {} : { _csrf: csrf }) });
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (options.origin !== null) headers.origin = options.origin ?? "http://localhost";
      return request(path, { method: "POST", body, headers, remote, cookie: jar });
    },
    postEvent(runId, event, shard) {
      const body = JSON.stringify(event);
      const timestamp = Math.floor(Date.now() / 1000);
      return request(`/internal/runs/${runId}${shard === undefined ? "" : `/shards/${shard}`}/events`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signEvent(runToken(TEST_SECRET, runId), timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
        },
        body,
        remote: REMOTE,
      });
    },
    async close() {
      await services.close();
      // Trainers launched by a test (POST /api/runs) may still be shutting down and writing here.
      await trainersGone(join(dataDir, "executions"));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits (up to 15 s) until every process the child-process launcher started from `stateDir` has exited. */
export async function trainersGone(stateDir: string): Promise<void> {
  const files = await readdir(stateDir).catch(() => [] as string[]);
  const pids = await Promise.all(
    files
      .filter((f) => f.endsWith(".json"))
      .map(async (f) => Number(JSON.parse(await readFile(join(stateDir, f), "utf8")).pid)),
  );
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 15_000;
  while (pids.some((pid) => Number.isInteger(pid) && alive(pid)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The CSRF token inside a session cookie (`mmm_session=<payload>.<sig>`; the payload is base64url JSON). */
export function csrfOf(cookie: string): string {
  const value = cookie.slice(cookie.indexOf("=") + 1);
  return JSON.parse(Buffer.from(value.split(".")[0]!, "base64url").toString("utf8")).csrf;
}

/** The `name=value` of a response's session cookie. */
export function sessionCookieOf(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("mmm_session="));
}

/** The trained spec, for another market: a two-letter market is also the holiday country. */
function marketSpec(spec: RunSpec, market: string): RunSpec {
  const { country: _country, ...rest } = spec;
  const holidays = countryOfMarket(market);
  return { ...rest, market: marketKey(market), ...(holidays ? { country: holidays } : {}) };
}
