/** `/admin/tokens` (admins only): issue and revoke REST API tokens. */
import { Hono } from "hono";
import { invalidInput } from "../../common/errors.ts";
import { assertAdmin, assertFullAccess } from "../auth/access-scope.ts";
import { newApiToken } from "../auth/api-auth.ts";
import { renderPage } from "../pages/render-page.tsx";
import { TokensPage } from "../pages/tokens-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

export function adminPages(ctx: ViewerContext): Hono<ViewerEnv> {
  const { runs, config } = ctx.services;
  const app = new Hono<ViewerEnv>();
  app.use("*", async function adminsOnly(c, next) {
    assertAdmin(c.get("access"));
    await next();
  });

  app.get("/tokens", async (c) =>
    renderPage(
      c,
      { title: "API tokens" },
      <TokensPage
        tokens={await runs.listApiTokens()}
        envTokens={config.MMM_API_TOKENS.length}
        session={c.get("session")}
      />,
    ),
  );

  app.post("/tokens", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    const form = await c.req.parseBody();
    const label = typeof form.label === "string" ? form.label.trim() : "";
    if (label === "" || label.length > 100)
      throw invalidInput("label", "Say in 1 to 100 characters what the token is for.");
    const { token, record } = newApiToken(label, access.actor, ctx.now());
    await runs.saveApiToken(record);
    ctx.services.logger.info({ tokenId: record.id, by: access.actor.id }, "API token issued");
    // Shown once, on this response only; never stored or logged.
    c.header("cache-control", "no-store");
    return renderPage(
      c,
      { title: "API tokens" },
      <TokensPage
        tokens={await runs.listApiTokens()}
        envTokens={config.MMM_API_TOKENS.length}
        session={c.get("session")}
        issued={{ token, label }}
      />,
    );
  });

  app.post("/tokens/:id/revoke", async (c) => {
    const access = c.get("access");
    assertFullAccess(access);
    await runs.revokeApiToken(c.req.param("id"), access.actor);
    ctx.services.logger.info({ tokenId: c.req.param("id"), by: access.actor.id }, "API token revoked");
    return c.redirect("/admin/tokens", 303);
  });

  return app;
}
