/**
 * The state of one sign-in between the redirect to the provider and its callback, for Slack and Google
 * alike: `state`, `nonce`, the PKCE verifier (Google), where to go next and which provider it was for,
 * in a short-lived signed cookie (`mmm_sign_in`, HttpOnly, SameSite=Lax so that it comes back on the
 * provider's redirect, scoped to `/auth`). A callback takes the cookie (it is used once), and refuses
 * a missing, expired or tampered one, one for the other provider, or a `state` that does not match.
 */
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { MmmError } from "../../common/errors.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { signToken, verifyToken } from "./signed-token.ts";

const SIGN_IN_COOKIE = "mmm_sign_in";
const SIGN_IN_SECONDS = 600;

export type SignInProvider = "slack" | "google";

export interface SignInState {
  readonly provider: SignInProvider;
  readonly state: string;
  readonly nonce: string;
  /** PKCE code verifier (RFC 7636), when the provider takes one. */
  readonly verifier?: string;
  readonly next: string;
  readonly exp: number;
}

export interface SignInStateOptions {
  /** Key of the cookie's signature (`purposeKey(secret, "sign-in")`). */
  readonly key: Buffer;
  readonly secure: boolean;
  readonly now: () => Date;
}

/** Starts a sign-in: new `state` and `nonce`, kept with `next` (and a PKCE verifier) in the cookie. */
export function beginSignIn(
  c: Context<ViewerEnv>,
  provider: SignInProvider,
  next: string,
  options: SignInStateOptions,
  verifier?: string,
): SignInState {
  const state: SignInState = {
    provider,
    state: randomBytes(16).toString("base64url"),
    nonce: randomBytes(16).toString("base64url"),
    ...(verifier !== undefined ? { verifier } : {}),
    next,
    exp: Math.floor(options.now().getTime() / 1000) + SIGN_IN_SECONDS,
  };
  setCookie(c, SIGN_IN_COOKIE, signToken(state, options.key), {
    httpOnly: true,
    sameSite: "Lax",
    secure: options.secure,
    path: "/auth",
    maxAge: SIGN_IN_SECONDS,
  });
  return state;
}

/**
 * The provider's answer on the callback: the sign-in's state and the authorization code. Throws
 * `unauthorized` when the provider reported an error, the state does not match, or no code came.
 */
export function takeSignInState(
  c: Context<ViewerEnv>,
  provider: SignInProvider,
  providerName: string,
  options: SignInStateOptions,
): { readonly state: SignInState; readonly code: string } {
  const cookie = getCookie(c, SIGN_IN_COOKIE);
  const check = cookie ? verifyToken<SignInState>(cookie, options.key, options.now()) : undefined;
  deleteCookie(c, SIGN_IN_COOKIE, { path: "/auth" });
  const error = c.req.query("error");
  if (error) {
    throw new MmmError("unauthorized", `${providerName} did not sign you in (${error}). Try again.`, {
      context: { field: "error" },
    });
  }
  if (!check?.ok || check.payload.provider !== provider || check.payload.state !== c.req.query("state")) {
    throw new MmmError(
      "unauthorized",
      "This sign-in has expired or did not start here: start again from the sign-in page.",
      { context: { field: "state" } },
    );
  }
  const code = c.req.query("code");
  if (!code) {
    throw new MmmError("unauthorized", `${providerName} sent no sign-in code: start again.`, {
      context: { field: "code" },
    });
  }
  return { state: check.payload, code };
}
