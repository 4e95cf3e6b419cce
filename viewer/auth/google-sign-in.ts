/**
 * Sign in with Google (OpenID Connect, authorization-code flow with PKCE), limited to e-mail domains:
 *
 * 1. `authorizeUrl`: the browser goes to the provider with `state`, `nonce` and an S256 code challenge
 *    (all three kept in the signed sign-in cookie), and Google's `hd` hint when one domain is allowed.
 * 2. `complete`: the app exchanges the code with the client secret and the PKCE verifier, then verifies
 *    the ID token with `jose` against the provider's published keys (signature, `iss`, `aud`, `exp`),
 *    and checks the nonce, that the e-mail address is verified, and that both its domain and the
 *    Workspace domain (`hd`) are allowed: a consumer Google account can carry a verified address at any
 *    domain, so the address alone does not prove membership of the organisation.
 *
 * The endpoints come from the issuer's discovery document (`GOOGLE_ISSUER`, default Google), so tests
 * point the whole flow at a loopback fake provider.
 */
import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { MmmError } from "../../common/errors.ts";

export const GOOGLE_ISSUER = "https://accounts.google.com";
/** Google's ID tokens may carry the issuer without its scheme (Google's OpenID Connect guide). */
const GOOGLE_LEGACY_ISSUER = "accounts.google.com";
/** Tolerated clock difference between the provider and this server when checking `exp` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface GoogleSignInSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The OpenID provider (`https://accounts.google.com`); its discovery document names the endpoints. */
  readonly issuer: string;
  /** Where the provider sends the browser back: `<base URL>/auth/google/callback`. */
  readonly redirectUri: string;
  /** Lower-case domains whose verified members may sign in (never empty: the configuration requires one). */
  readonly allowedDomains: readonly string[];
  /** Lower-case e-mail addresses that may issue API tokens. */
  readonly adminEmails: readonly string[];
}

export interface GoogleUser {
  /** The verified e-mail address, lower case: the person's id in runs and picks. */
  readonly id: string;
  readonly name: string;
  /** The Workspace domain (`hd`). */
  readonly team: string;
  readonly admin: boolean;
}

interface Provider {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly keys: ReturnType<typeof createRemoteJWKSet>;
}

/** A PKCE verifier and its S256 challenge (RFC 7636 §4.1–4.2). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export class GoogleSignIn {
  private provider: Promise<Provider> | undefined;

  constructor(
    readonly settings: GoogleSignInSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authorizeUrl(state: string, nonce: string, codeChallenge: string): Promise<string> {
    const { authorizationEndpoint } = await this.discover();
    const url = new URL(authorizationEndpoint);
    url.search = new URLSearchParams({
      response_type: "code",
      scope: "openid email profile",
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: "S256",
      prompt: "select_account",
      ...(this.settings.allowedDomains.length === 1 ? { hd: this.settings.allowedDomains[0] } : {}),
    }).toString();
    return url.toString();
  }

  async complete(code: string, nonce: string, codeVerifier: string): Promise<GoogleUser> {
    const provider = await this.discover();
    const idToken = await this.exchange(provider, code, codeVerifier);
    const claims = await this.verify(provider, idToken);
    if (claims.nonce !== nonce) throw signInFailed("the ID token does not answer this sign-in (nonce).");
    const email = typeof claims.email === "string" ? claims.email.toLowerCase() : "";
    if (email === "" || claims.email_verified !== true) {
      throw refused(`Google has not verified the e-mail address${email ? ` ${email}` : ""} of this account.`);
    }
    const domain = email.slice(email.lastIndexOf("@") + 1);
    const workspace = typeof claims.hd === "string" ? claims.hd.toLowerCase() : "";
    const allowed = this.settings.allowedDomains;
    if (!allowed.includes(domain) || !allowed.includes(workspace)) {
      throw refused(
        `You signed in as ${email}${workspace ? "" : " (not an organisation's Google account)"}; this viewer ` +
          `is for Google accounts of ${allowed.join(", ")}.`,
      );
    }
    const name = typeof claims.name === "string" && claims.name.trim() !== "" ? claims.name : email;
    return { id: email, name, team: workspace, admin: this.settings.adminEmails.includes(email) };
  }

  /** The provider's endpoints and keys, read once (again after a failure, so an outage does not stick). */
  private discover(): Promise<Provider> {
    this.provider ??= readDiscovery(this.settings.issuer).catch((error: unknown) => {
      this.provider = undefined;
      throw error;
    });
    return this.provider;
  }

  private async exchange(provider: Provider, code: string, codeVerifier: string): Promise<string> {
    const body = await callProvider(provider.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: this.settings.redirectUri,
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
        code_verifier: codeVerifier,
      }).toString(),
    });
    if (typeof body.id_token !== "string") throw signInFailed("Google answered without an ID token.");
    return body.id_token;
  }

  private async verify(provider: Provider, idToken: string): Promise<JWTPayload> {
    const issuer = this.settings.issuer.replace(/\/$/, "");
    try {
      const { payload } = await jwtVerify(idToken, provider.keys, {
        issuer: issuer === GOOGLE_ISSUER ? [GOOGLE_ISSUER, GOOGLE_LEGACY_ISSUER] : issuer,
        audience: this.settings.clientId,
        requiredClaims: ["sub", "exp", "iat"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.now(),
      });
      return payload;
    } catch (error) {
      throw signInFailed(whyRejected(error), error);
    }
  }
}

async function readDiscovery(issuer: string): Promise<Provider> {
  const base = issuer.replace(/\/$/, "");
  const document = await callProvider(`${base}/.well-known/openid-configuration`, {
    headers: { accept: "application/json" },
  });
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (String(document.issuer ?? "").replace(/\/$/, "") !== base) {
    throw new MmmError(
      "unavailable",
      `The sign-in provider at ${base} describes another issuer (${String(document.issuer)}): check GOOGLE_ISSUER.`,
      { context: { field: "GOOGLE_ISSUER" } },
    );
  }
  const endpoints = ["authorization_endpoint", "token_endpoint", "jwks_uri"].map((name) => document[name]);
  if (!endpoints.every((value): value is string => typeof value === "string" && URL.canParse(value))) {
    throw new MmmError(
      "unavailable",
      `The sign-in provider at ${base} lists no authorization, token or key endpoint: check GOOGLE_ISSUER.`,
      { context: { field: "GOOGLE_ISSUER" } },
    );
  }
  const [authorizationEndpoint, tokenEndpoint, jwksUri] = endpoints;
  return { authorizationEndpoint, tokenEndpoint, keys: createRemoteJWKSet(new URL(jwksUri)) };
}

async function callProvider(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new MmmError(
      "unavailable",
      `Google could not be reached for sign-in: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || typeof body !== "object" || body === null) {
    const reason = typeof body?.error === "string" ? body.error : `HTTP ${response.status}`;
    throw signInFailed(`Google refused the request to ${new URL(url).pathname} (${reason}).`);
  }
  return body;
}

/** A person-readable reason for a rejected ID token (`jose`'s errors name the claim). */
function whyRejected(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the ID token has expired (is this server's clock right?).";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "the ID token is for another app (GOOGLE_CLIENT_ID).";
    if (error.claim === "iss") return "the ID token comes from another issuer (GOOGLE_ISSUER).";
    return `the ID token's "${error.claim}" claim is not valid (${error.reason}).`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return "the ID token is not signed by Google.";
  }
  return `the ID token could not be checked (${(error as Error).message}).`;
}

function signInFailed(why: string, cause?: unknown): MmmError {
  return new MmmError("unauthorized", `Sign-in with Google failed: ${why} Try again.`, {
    context: { field: "code" },
    ...(cause !== undefined ? { cause } : {}),
  });
}

function refused(why: string): MmmError {
  return new MmmError("forbidden", `${why} Sign in again with an account of an allowed domain.`, {
    context: { field: "email" },
  });
}
