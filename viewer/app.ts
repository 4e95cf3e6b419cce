/**
 * The web app (Hono): the viewer's pages, the REST API, the trainer-event route, artifact links, health.
 * `createApp(services)` wires one sub-app per feature; `server.ts` serves it with the Slack routes.
 */
import { Hono } from "hono";
import type { Services } from "../core/services.ts";
import { artifactRoutes } from "./routes/artifacts.ts";
import { healthRoutes } from "./routes/health.ts";
import { trainerEventRoutes } from "./routes/trainer-events.ts";

export function createApp(services: Services): Hono {
  const app = new Hono();
  app.route("/", healthRoutes(services));
  app.route("/", trainerEventRoutes(services));
  app.route("/", artifactRoutes(services));
  return app;
}
