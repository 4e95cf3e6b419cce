/**
 * `/auth/…`: the sign-in page, sign in with Slack (`auth/slack-sign-in.ts`) or Google
 * (`auth/google-sign-in.ts`), both OpenID Connect with the state kept by `auth/sign-in-state.ts`, and sign
 * out. Both end in the same session; `next` is kept only when it is a path of this site. Handlers sit
 * inline after their routes (Hono's advice), hence the factory's length.
 */
import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import { MmmError } from "../../common/errors.ts";
import { formToken } from "../auth/form-token.ts";
import { pkcePair } from "../auth/google-sign-in.ts";
import { endSession, startSession, viewerSession } from "../auth/session.ts";
import { beginSignIn, takeSignInState } from "../auth/sign-in-state.ts";
import { purposeKey } from "../auth/signed-token.ts";
import { authorizeUrl, completeSignIn } from "../auth/slack-sign-in.ts";
import { assertAllowedMember } from "../auth/usergroup-check.ts";
import { renderPage } from "../pages/render-page.tsx";
import { SignInPage } from "../pages/sign-in-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { SessionData, ViewerEnv } from "../viewer-env.ts";

export function signInRoutes(ctx: ViewerContext): Hono<ViewerEnv> {
  const { secret } = ctx.services;
  const sessionOptions = { secret, secure: ctx.secure, now: ctx.now };
  const stateOptions = { key: purposeKey(secret, "sign-in"), secure: ctx.secure, now: ctx.now };
  const app = new Hono<ViewerEnv>();
  app.use("*", viewerSession(sessionOptions));

  app.get("/sign-in", (c) =>
    renderPage(
      c,
      { title: "Sign in" },
      <SignInPage
        slack={ctx.slackSignIn !== undefined}
        google={ctx.googleSignIn?.settings.allowedDomains}
        next={safeNext(c.req.query("next"), ctx.services.baseUrl)}
      />,
    ),
  );

  app.get("/slack/login", (c) => {
    const settings = requireProvider(ctx.slackSignIn, "Slack");
    const next = safeNext(c.req.query("next"), ctx.services.baseUrl);
    const { state, nonce } = beginSignIn(c, "slack", next, stateOptions);
    return c.redirect(authorizeUrl(settings, state, nonce), 302);
  });

  app.get("/slack/callback", async (c) => {
    const settings = requireProvider(ctx.slackSignIn, "Slack");
    const { state, code } = takeSignInState(c, "slack", "Slack", stateOptions);
    const user = await completeSignIn(settings, code, state.nonce);
    // The same user-group rule as in Slack, before any session exists.
    if (ctx.usergroups) await assertAllowedMember(ctx.usergroups, user.id, ctx.services.logger);
    return signedIn(c, { ...user, provider: "slack" }, state.next);
  });

  app.get("/google/login", async (c) => {
    const google = requireProvider(ctx.googleSignIn, "Google");
    const next = safeNext(c.req.query("next"), ctx.services.baseUrl);
    const pkce = pkcePair();
    const { state, nonce } = beginSignIn(c, "google", next, stateOptions, pkce.verifier);
    return c.redirect(await google.authorizeUrl(state, nonce, pkce.challenge), 302);
  });

  app.get("/google/callback", async (c) => {
    const google = requireProvider(ctx.googleSignIn, "Google");
    const { state, code } = takeSignInState(c, "google", "Google", stateOptions);
    const user = await google.complete(code, state.nonce, state.verifier ?? "");
    return signedIn(c, { ...user, provider: "google" }, state.next);
  });

  app.post("/sign-out", csrf(), formToken(), (c) => {
    endSession(c);
    return c.redirect("/auth/sign-in", 303);
  });

  /** Starts the session of a person either provider vouched for, and goes where they were headed. */
  function signedIn(
    c: Context<ViewerEnv>,
    user: Omit<NonNullable<SessionData["user"]>, "checkedAt">,
    next: string,
  ) {
    const checkedAt = Math.floor(ctx.now().getTime() / 1000);
    startSession(c, { user: { ...user, checkedAt } }, sessionOptions);
    ctx.services.logger.info({ user: user.id, admin: user.admin }, `signed in with ${user.provider}`);
    return c.redirect(next, 302);
  }

  return app;
}

function requireProvider<T>(settings: T | undefined, name: string): T {
  if (!settings) {
    throw new MmmError("not_found", `Sign-in with ${name} is not configured here.`, {
      context: { field: "signIn" },
    });
  }
  return settings;
}

/**
 * Where to go after sign-in: `next` when it is a page of this site, else the runs page. It is resolved
 * against the base URL and must keep its origin. Control characters and backslashes are refused before
 * that: browsers drop tabs and newlines and read `\\` as `/`, so `/\t/evil.example` would land off-site,
 * and a newline cannot go into a `Location` header at all.
 */
export function safeNext(next: string | undefined, baseUrl: string): string {
  const fallback = "/runs";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  const base = new URL(baseUrl);
  let target: URL;
  try {
    target = new URL(next, base);
  } catch {
    return fallback;
  }
  return target.origin === base.origin ? `${target.pathname}${target.search}${target.hash}` : fallback;
}
