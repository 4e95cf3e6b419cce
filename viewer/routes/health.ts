/**
 * Health (`/healthz`: the process answers) and readiness (`/readyz`: the run store and the warehouse
 * answer) for Cloud Run probes and load balancers.
 */
import { Hono } from "hono";
import type { Services } from "../../core/services.ts";

export function healthRoutes(services: Pick<Services, "runs" | "warehouse">): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const checks = await Promise.allSettled([
      services.runs.listRuns({ limit: 1 }),
      services.warehouse.listTables(),
    ]);
    const failed = checks
      .map((check, i) => (check.status === "rejected" ? ["run store", "warehouse"][i] : undefined))
      .filter(Boolean);
    if (failed.length > 0) return c.json({ status: "unavailable", failing: failed }, 503);
    return c.json({ status: "ready" });
  });
  return app;
}
