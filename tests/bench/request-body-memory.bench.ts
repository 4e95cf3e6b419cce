/**
 * How much the app's process grows while someone sends a 200 MB chunked body (no Content-Length, so only
 * counting the streamed bytes can stop it) to each public route. The app runs in its own process
 * (`request-body-server.ts`), so the sender's buffers are not counted; growth is the process's peak
 * resident memory (`VmHWM`, reset through `/proc/<pid>/clear_refs` before each route) minus its resident
 * memory just before the request. Linux only.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { sendChunkedBody } from "../integration/chunked-request.ts";

const BODY_BYTES = 200e6;
const RUN = "20260101T000000Z-de-000000";

export interface RouteGrowth {
  route: string;
  status: number | undefined;
  /** Megabytes (10^6 bytes) of body sent before the app answered. */
  sentMb: number;
  /** Peak resident memory above the resident memory before the request, in megabytes (10^6 bytes). */
  growthMb: number;
}

interface Route {
  route: string;
  method?: string;
  path: string;
  headers: (port: number) => Record<string, string>;
}

const ROUTES: Route[] = [
  {
    route: "POST /slack/events",
    path: "/slack/events",
    headers: () => ({ "content-type": "application/x-www-form-urlencoded" }),
  },
  {
    route: "POST /internal/runs/:id/events",
    path: `/internal/runs/${RUN}/events`,
    headers: () => ({ "content-type": "application/json" }),
  },
  {
    route: "POST /internal/runs/:id/shards/:i/events",
    path: `/internal/runs/${RUN}/shards/0/events`,
    headers: () => ({ "content-type": "application/json" }),
  },
  { route: "POST /api/runs", path: "/api/runs", headers: () => ({ "content-type": "application/json" }) },
  {
    route: "POST /admin/tokens (form)",
    path: "/admin/tokens",
    headers: (port) => ({
      "content-type": "application/x-www-form-urlencoded",
      origin: `http://127.0.0.1:${port}`,
    }),
  },
  {
    route: "POST /auth/sign-out (form)",
    path: "/auth/sign-out",
    headers: (port) => ({
      "content-type": "application/x-www-form-urlencoded",
      origin: `http://127.0.0.1:${port}`,
    }),
  },
  { route: "GET /runs (a body on a GET)", method: "GET", path: "/runs", headers: () => ({}) },
];

async function kilobytes(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)![1]);
}

export async function benchRequestBodyMemory(): Promise<RouteGrowth[]> {
  const rows: RouteGrowth[] = [];
  for (const route of ROUTES) rows.push(await measureRoute(route));
  return rows;
}

/** One route against a fresh app process, so memory an earlier request left resident cannot hide growth. */
async function measureRoute(r: Route): Promise<RouteGrowth> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL("./request-body-server.ts", import.meta.url).pathname],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
    const { port } = JSON.parse(String(first.value)) as { port: number };
    const pid = child.pid!;
    const request = { path: r.path, headers: r.headers(port), ...(r.method ? { method: r.method } : {}) };
    // A small request first warms the route up (code loaded, compiled), so that is not counted.
    await sendChunkedBody(port, request, 1024);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await writeFile(`/proc/${pid}/clear_refs`, "5");
    const before = await kilobytes(pid, "VmRSS");
    const answer = await sendChunkedBody(port, request, BODY_BYTES);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const peak = await kilobytes(pid, "VmHWM");
    return {
      route: r.route,
      status: answer.status,
      sentMb: answer.bytesSentBeforeAnswer / 1e6,
      growthMb: ((peak - before) * 1024) / 1e6,
    };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

export function describeRequestBodyMemory(rows: RouteGrowth[]): [string, string][] {
  return rows.map((r) => [
    `${r.route}, 200 MB chunked`,
    `answered ${r.status ?? "nothing"} after ${r.sentMb.toFixed(1)} MB sent; process grew ${r.growthMb.toFixed(1)} MB`,
  ]);
}
