/**
 * The web app (Hono): the viewer's pages, the REST API, the trainer-event route, artifact links, health.
 * `createApp(services)` wires one sub-app per feature; `bin/commands/serve.ts` serves it. `/slack/*` goes
 * to the Slack app's handler when one is given (HTTP mode), with no viewer middleware in front of it.
 *
 * Security, outermost first: one limit on request bodies for every route (`body-limit.ts`, 413 before
 * anything is buffered); secure headers with a CSP that allows only this origin's scripts, styles and
 * images (the pages' chart data is JSON in a non-executable script element, so no inline script is
 * needed) on every answer; the `Host` allow-list on every route (`auth/host-guard.ts`, against DNS
 * rebinding); then, on the viewer's page prefixes only, the session cookie, the user-group re-check of a
 * signed-in session (`SLACK_ALLOWED_USERGROUPS`), the access decision (sign-in, local mode on loopback,
 * share links) and CSRF protection (Hono's origin check plus the per-session form token). `/internal/*`,
 * `/artifacts/*`, `/healthz`, `/readyz` and `/slack/*` authenticate themselves; `/api/*` takes bearer
 * tokens and refuses writes that are not JSON or come from another origin (`auth/api-write-guard.ts`).
 */
import { Hono, type MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import type { Services } from "../core/services.ts";
import { requestBodyLimit } from "./body-limit.ts";
import { formToken } from "./auth/form-token.ts";
import { hostGuard } from "./auth/host-guard.ts";
import { usergroupRecheck } from "./auth/usergroup-check.ts";
import { viewerSession } from "./auth/session.ts";
import { viewerAccess } from "./auth/viewer-access.ts";
import { errorResponse } from "./error-response.tsx";
import { adminPages } from "./routes/admin-pages.tsx";
import { schedulePages } from "./routes/schedule-pages.tsx";
import { scheduleTickRoutes } from "./routes/schedule-tick.ts";
import { UPLOAD_PATHS, apiRoutes } from "./routes/api.ts";
import { artifactRoutes } from "./routes/artifacts.ts";
import { comparePage } from "./routes/compare-page.tsx";
import { countryPages } from "./routes/country-pages.tsx";
import { budgetSplitPage } from "./routes/budget-split-page.tsx";
import { explorePage } from "./routes/explore-page.tsx";
import { DATASET_UPLOAD_PATH, datasetPages } from "./routes/dataset-pages.tsx";
import { preparePage } from "./routes/prepare-page.tsx";
import { healthRoutes } from "./routes/health.ts";
import { calibrationPages } from "./routes/calibration-pages.tsx";
import { modelPages } from "./routes/model-pages.tsx";
import { twinPages } from "./routes/twin-pages.tsx";
import { scenarioPages } from "./routes/scenario-pages.tsx";
import { robynImportPage } from "./routes/robyn-import-page.tsx";
import { runPages } from "./routes/run-pages.tsx";
import { shareRoutes } from "./routes/share.tsx";
import { signInRoutes } from "./routes/sign-in.tsx";
import { staticFiles } from "./routes/static-files.ts";
import { trainerEventRoutes } from "./routes/trainer-events.ts";
import { viewerContext, type ViewerOptions } from "./viewer-context.ts";
import type { ViewerEnv } from "./viewer-env.ts";

/** Path prefixes of the viewer's pages: the only places the session and access checks run. */
export const PAGE_PREFIXES = [
  "/runs",
  "/compare",
  "/countries",
  "/budget-split",
  "/explore",
  "/schedules",
  "/datasets",
  "/prepare",
  "/admin",
] as const;

export function createApp(services: Services, options: ViewerOptions = {}): Hono<ViewerEnv> {
  const ctx = viewerContext(services, options);
  const app = new Hono<ViewerEnv>();
  app.onError((error, c) => errorResponse(c, error, services.logger, ctx.signInConfigured));
  // Uploads may be as large as a dataset file, plus room for the multipart framing and fields.
  app.use(
    requestBodyLimit(undefined, {
      paths: [...UPLOAD_PATHS, DATASET_UPLOAD_PATH],
      maxSize: services.config.DATASET_MAX_BYTES + 1024 * 1024,
    }),
  );
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      // HSTS only means something over https; on http://localhost it would be ignored anyway.
      strictTransportSecurity: ctx.secure ? "max-age=31536000; includeSubDomains" : false,
    }),
  );
  const { MMM_EVENTS_BASE_URL } = services.config;
  app.use(hostGuard([services.baseUrl, ...(MMM_EVENTS_BASE_URL ? [MMM_EVENTS_BASE_URL] : [])]));
  if (ctx.openWithoutSignIn) {
    app.use(async (c, next) => {
      c.set("openWithoutSignIn", true);
      await next();
    });
  }

  app.route("/", healthRoutes(services));
  app.route("/", trainerEventRoutes(services));
  app.route("/", scheduleTickRoutes(services, options.tickVerifier));
  app.route("/", artifactRoutes(services));
  app.route("/static", staticFiles());
  app.route("/api", apiRoutes(ctx));
  app.route("/auth", signInRoutes(ctx));
  app.route("/share", shareRoutes(ctx));
  if (options.slack) {
    const slack = options.slack;
    app.all("/slack/*", (c) => slack(c.req.raw));
  }

  const protect: MiddlewareHandler<ViewerEnv>[] = [
    compress(),
    viewerSession({ secret: services.secret, secure: ctx.secure, now: ctx.now }),
    ...(ctx.usergroups
      ? [
          usergroupRecheck(
            ctx.usergroups,
            { secret: services.secret, secure: ctx.secure, now: ctx.now },
            services.logger,
          ),
        ]
      : []),
    viewerAccess({
      runs: services.runs,
      signIn: ctx.signInConfigured,
      allowUnauthenticated: services.config.MMM_ALLOW_UNAUTHENTICATED,
      now: ctx.now,
    }),
    csrf({
      origin: (origin, c) =>
        origin === new URL(c.req.url).origin || origin === new URL(services.baseUrl).origin,
    }),
    formToken({ streamed: [DATASET_UPLOAD_PATH] }),
  ];
  for (const prefix of PAGE_PREFIXES) app.use(`${prefix}/*`, ...protect);
  app.get("/", (c) => c.redirect("/runs", 302));
  app.route("/runs/import-robyn", robynImportPage(ctx));
  app.route("/runs", runPages(ctx));
  app.route("/runs/:id/models", calibrationPages(ctx));
  app.route("/runs/:id/models", scenarioPages(ctx));
  app.route("/runs/:id/models", twinPages(ctx));
  app.route("/runs/:id/models", modelPages(ctx));
  app.route("/compare", comparePage(ctx));
  app.route("/countries", countryPages(ctx));
  app.route("/budget-split", budgetSplitPage(ctx));
  app.route("/explore", explorePage(ctx));
  app.route("/schedules", schedulePages(ctx));
  app.route("/datasets", datasetPages(ctx));
  app.route("/prepare", preparePage(ctx));
  app.route("/admin", adminPages(ctx));
  return app;
}
