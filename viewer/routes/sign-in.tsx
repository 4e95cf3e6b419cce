/**
 * `/auth/…`: sign in with Slack (OpenID Connect, `auth/slack-sign-in.ts`) and sign out. The state and
 * nonce of a sign-in travel in a short-lived signed cookie (`mmm_sign_in`, SameSite=Lax so that it comes
 * back on Slack's redirect); `next` is kept only when it is a path of this site. Handlers sit inline
 * after their routes (Hono's advice), hence the factory's length.
 */
import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { MmmError } from "../../common/errors.ts";
import { formToken } from "../auth/form-token.ts";
import { endSession, startSession, viewerSession } from "../auth/session.ts";
import { purposeKey, signToken, verifyToken } from "../auth/signed-token.ts";
import { authorizeUrl, completeSignIn } from "../auth/slack-sign-in.ts";
import { assertAllowedMember } from "../auth/usergroup-check.ts";
import { renderPage } from "../pages/render-page.tsx";
import { SignInPage } from "../pages/sign-in-page.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { ViewerEnv } from "../viewer-env.ts";

const SIGN_IN_COOKIE = "mmm_sign_in";
const SIGN_IN_SECONDS = 600;

interface SignInState {
  readonly state: string;
  readonly nonce: string;
  readonly next: string;
  readonly exp: number;
}

export function signInRoutes(ctx: ViewerContext): Hono<ViewerEnv> {
  const { secret } = ctx.services;
  const sessionOptions = { secret, secure: ctx.secure, now: ctx.now };
  const key = purposeKey(secret, "sign-in");
  const app = new Hono<ViewerEnv>();
  app.use("*", viewerSession(sessionOptions));

  app.get("/sign-in", (c) =>
    renderPage(
      c,
      { title: "Sign in" },
      <SignInPage
        configured={ctx.signIn !== undefined}
        next={safeNext(c.req.query("next"), ctx.services.baseUrl)}
        team={ctx.signIn?.teamId}
      />,
    ),
  );

  app.get("/slack/login", (c) => {
    const settings = requireSignIn(ctx);
    const state: SignInState = {
      state: randomBytes(16).toString("base64url"),
      nonce: randomBytes(16).toString("base64url"),
      next: safeNext(c.req.query("next"), ctx.services.baseUrl),
      exp: Math.floor(ctx.now().getTime() / 1000) + SIGN_IN_SECONDS,
    };
    setCookie(c, SIGN_IN_COOKIE, signToken(state, key), {
      httpOnly: true,
      sameSite: "Lax",
      secure: ctx.secure,
      path: "/auth",
      maxAge: SIGN_IN_SECONDS,
    });
    return c.redirect(authorizeUrl(settings, state.state, state.nonce), 302);
  });

  app.get("/slack/callback", async (c) => {
    const settings = requireSignIn(ctx);
    const cookie = getCookie(c, SIGN_IN_COOKIE);
    const check = cookie ? verifyToken<SignInState>(cookie, key, ctx.now()) : undefined;
    deleteCookie(c, SIGN_IN_COOKIE, { path: "/auth" });
    if (c.req.query("error")) {
      throw new MmmError("unauthorized", `Slack did not sign you in (${c.req.query("error")}). Try again.`, {
        context: { field: "error" },
      });
    }
    if (!check?.ok || check.payload.state !== c.req.query("state")) {
      throw new MmmError(
        "unauthorized",
        "This sign-in has expired or did not start here: start again from the sign-in page.",
        {
          context: { field: "state" },
        },
      );
    }
    const code = c.req.query("code");
    if (!code)
      throw new MmmError("unauthorized", "Slack sent no sign-in code: start again.", {
        context: { field: "code" },
      });
    const user = await completeSignIn(settings, code, check.payload.nonce);
    // The same user-group rule as in Slack, before any session exists.
    if (ctx.usergroups) await assertAllowedMember(ctx.usergroups, user.id, ctx.services.logger);
    const checkedAt = Math.floor(ctx.now().getTime() / 1000);
    startSession(c, { user: { ...user, checkedAt } }, sessionOptions);
    ctx.services.logger.info({ user: user.id, admin: user.admin }, "signed in with Slack");
    return c.redirect(check.payload.next, 302);
  });

  app.post("/sign-out", csrf(), formToken(), (c) => {
    endSession(c);
    return c.redirect("/auth/sign-in", 303);
  });

  return app;
}

function requireSignIn(ctx: ViewerContext) {
  if (!ctx.signIn) {
    throw new MmmError("not_found", "Sign-in with Slack is not configured here (local mode).", {
      context: { field: "signIn" },
    });
  }
  return ctx.signIn;
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
