import { createHash } from "node:crypto";
import { generateKeyPair, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fakeOidcProvider,
  type FakeOidcProvider,
  type FakeSigningKey,
} from "../../tests/fakes/fake-oidc-provider.ts";
import { REMOTE, sessionCookieOf, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const CLIENT = { id: "1234-abc.apps.googleusercontent.com", secret: "google-secret-for-tests" };
const ANN: JWTPayload = {
  email: "ann@example.com",
  email_verified: true,
  hd: "example.com",
  name: "Ann Admin",
};
const BOB: JWTPayload = { email: "Bob@Example.com", email_verified: true, hd: "example.com", name: "Bob" };

let h: Harness | undefined;
let provider: FakeOidcProvider;
let otherKey: FakeSigningKey;
const harness = () => h!;

beforeAll(async () => {
  const key = { ...(await generateKeyPair("RS256")), kid: "key-1" };
  otherKey = { ...(await generateKeyPair("RS256")), kid: "key-1" };
  provider = await fakeOidcProvider({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    key,
    now: () => harness().clock.now(),
  });
  h = await viewerHarness({
    GOOGLE_CLIENT_ID: CLIENT.id,
    GOOGLE_CLIENT_SECRET: CLIENT.secret,
    ALLOWED_EMAIL_DOMAINS: "example.com",
    GOOGLE_ADMIN_EMAILS: "ann@example.com",
    GOOGLE_ISSUER: provider.issuer,
    // Slack sign-in beside it: the page offers both.
    SLACK_CLIENT_ID: "1.2",
    SLACK_CLIENT_SECRET: "slack-secret",
    SLACK_TEAM_ID: "T0TEAM",
  });
});
afterAll(async () => {
  await h?.close();
  await provider.close();
});

interface Started {
  readonly state: string;
  readonly nonce: string;
  readonly challenge: string;
  readonly cookie: string;
  readonly location: URL;
}

/** Starts a Google sign-in as a browser would: the redirect to the provider and the state cookie. */
async function startSignIn(next = "/runs"): Promise<Started> {
  const response = await harness().request(`/auth/google/login?next=${encodeURIComponent(next)}`, {
    remote: REMOTE,
  });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("mmm_sign_in="))!
    .split(";")[0]!;
  return {
    state: location.searchParams.get("state")!,
    nonce: location.searchParams.get("nonce")!,
    challenge: location.searchParams.get("code_challenge")!,
    cookie,
    location,
  };
}

/** The provider answers `code` with `claims`; the browser comes back to the callback. */
async function callback(
  code: string,
  started: Started,
  claims: JWTPayload,
  options: { nonce?: string; signWith?: FakeSigningKey; state?: string } = {},
): Promise<Response> {
  provider.grant(code, {
    nonce: options.nonce ?? started.nonce,
    codeChallenge: started.challenge,
    claims,
    ...(options.signWith ? { signWith: options.signWith } : {}),
  });
  return harness().request(`/auth/google/callback?code=${code}&state=${options.state ?? started.state}`, {
    remote: REMOTE,
    cookie: started.cookie,
  });
}

/** A refused callback's status and page, and whether it left a signed-in session behind. */
async function refusal(response: Response): Promise<{ status: number; text: string; signedIn: boolean }> {
  const session = sessionCookieOf(response);
  const payload = session
    ? JSON.parse(
        Buffer.from(session.slice(session.indexOf("=") + 1).split(".")[0]!, "base64url").toString("utf8"),
      )
    : {};
  return { status: response.status, text: await response.text(), signedIn: payload.user !== undefined };
}

describe("sign in with Google", () => {
  it("offers Slack and Google on the sign-in page, naming the allowed domain and no workspace id", async () => {
    const page = await (await harness().request("/auth/sign-in?next=/runs", { remote: REMOTE })).text();
    expect(page).toContain('href="/auth/slack/login?next=%2Fruns"');
    expect(page).toContain('href="/auth/google/login?next=%2Fruns"');
    expect(page).toContain("Google accounts of example.com");
    expect(page).not.toContain("T0TEAM");
  });

  it("redirects to the provider's authorize endpoint with state, nonce, PKCE and the domain hint", async () => {
    const { location, state, nonce, challenge } = await startSignIn();
    expect(location.origin + location.pathname).toBe(`${provider.issuer}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: "code",
      scope: "openid email profile",
      client_id: CLIENT.id,
      redirect_uri: "http://localhost/auth/google/callback",
      code_challenge_method: "S256",
      hd: "example.com",
    });
    expect(state).toMatch(/^[\w-]{20,}$/);
    expect(nonce).toMatch(/^[\w-]{20,}$/);
    expect(challenge).toMatch(/^[\w-]{43}$/);
  });

  it("exchanges the code with the PKCE verifier, verifies the ID token and opens a session", async () => {
    const started = await startSignIn(`/runs/${harness().run.id}`);
    const response = await callback("code-ann", started, ANN);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/runs/${harness().run.id}`);
    const token = provider.calls.find((c) => c.path === "/token" && c.fields.code === "code-ann")!;
    expect(token.fields).toMatchObject({
      grant_type: "authorization_code",
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uri: "http://localhost/auth/google/callback",
    });
    expect(createHash("sha256").update(token.fields.code_verifier!).digest("base64url")).toBe(
      started.challenge,
    );

    const session = sessionCookieOf(response)!;
    const runs = await harness().request("/runs", { remote: REMOTE, cookie: session });
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain("Ann Admin");
    // Ann is in GOOGLE_ADMIN_EMAILS: she may issue API tokens.
    expect((await harness().request("/admin/tokens", { remote: REMOTE, cookie: session })).status).toBe(200);
    const pick = await harness().postForm(
      `/runs/${harness().run.id}/models/${harness().solID}/pick`,
      { note: "from Google sign-in" },
      { remote: REMOTE, cookie: session },
    );
    expect(pick.status).toBe(303);
    expect((await harness().services.runs.getBest("DE"))?.by).toEqual({
      kind: "google",
      id: "ann@example.com",
      name: "Ann Admin",
    });
  });

  it("keeps the same CSRF rules and roles: a member who is not an admin issues no tokens", async () => {
    const session = sessionCookieOf(await callback("code-bob", await startSignIn(), BOB))!;
    expect((await harness().request("/runs", { remote: REMOTE, cookie: session })).status).toBe(200);
    expect((await harness().request("/admin/tokens", { remote: REMOTE, cookie: session })).status).toBe(403);
    const path = `/runs/${harness().run.id}/models/${harness().solID}/pick`;
    const withoutToken = await harness().postForm(path, {}, { remote: REMOTE, cookie: session, csrf: null });
    expect(withoutToken.status).toBe(403);
    const otherSite = await harness().postForm(
      path,
      {},
      { remote: REMOTE, cookie: session, origin: "https://evil.example" },
    );
    expect(otherSite.status).toBe(403);
    const out = await harness().postForm("/auth/sign-out", {}, { remote: REMOTE, cookie: session });
    expect(out.status).toBe(303);
  });

  it("keeps a signed-in person's access on a share link, and previews what its recipient sees on request", async () => {
    const ann = sessionCookieOf(await callback("code-ann-share", await startSignIn(), ANN))!;
    const runId = harness().run.id;
    await harness().postForm(`/runs/${runId}/share`, { days: "7" }, { remote: REMOTE, cookie: ann });
    const page = await (await harness().request(`/runs/${runId}`, { remote: REMOTE, cookie: ann })).text();
    const url = new URL(/href="([^"]+\/share\/[^"?]+)\?preview"/.exec(page)![1]!.replaceAll("&amp;", "&"));

    const plain = await harness().request(url.pathname, { remote: REMOTE, cookie: ann });
    expect(sessionCookieOf(plain)).toBeUndefined();
    expect((await harness().request("/runs", { remote: REMOTE, cookie: ann })).status).toBe(200);

    const preview = sessionCookieOf(
      await harness().request(`${url.pathname}?preview`, { remote: REMOTE, cookie: ann }),
    )!;
    expect((await harness().request("/runs", { remote: REMOTE, cookie: preview })).status).toBe(403);
    const shared = await harness().request(`/runs/${runId}`, { remote: REMOTE, cookie: preview });
    expect(await shared.text()).toContain("Preview of a share link (read only)");
    const back = sessionCookieOf(
      await harness().request("/share/leave-preview", { remote: REMOTE, cookie: preview }),
    )!;
    expect((await harness().request("/admin/tokens", { remote: REMOTE, cookie: back })).status).toBe(200);
  });

  it("refuses another domain, a consumer account at an allowed domain, and an unverified address", async () => {
    const other = await refusal(
      await callback("code-eve", await startSignIn(), {
        email: "eve@other.example",
        email_verified: true,
        hd: "other.example",
      }),
    );
    expect(other.status).toBe(403);
    expect(other.text).toContain(
      "You signed in as eve@other.example; this viewer is for Google accounts of example.com",
    );
    expect(other.signedIn).toBe(false);

    const consumer = await refusal(
      await callback("code-consumer", await startSignIn(), {
        email: "mallory@example.com",
        email_verified: true,
      }),
    );
    expect(consumer.status).toBe(403);
    expect(consumer.text).toContain("not an organisation");
    expect(consumer.signedIn).toBe(false);

    const unverified = await refusal(
      await callback("code-unverified", await startSignIn(), { ...BOB, email_verified: false }),
    );
    expect(unverified.status).toBe(403);
    expect(unverified.text).toContain("has not verified the e-mail address");
  });

  it("refuses a bad state, a state from a Slack sign-in, and the provider's error", async () => {
    const started = await startSignIn();
    const forged = await refusal(await callback("code-state", started, ANN, { state: "other-state" }));
    expect(forged.status).toBe(401);
    expect(forged.text).toContain("did not start here");
    // The Slack sign-in's cookie does not complete a Google sign-in.
    const slack = await harness().request("/auth/slack/login?next=/runs", { remote: REMOTE });
    const slackCookie = slack.headers
      .getSetCookie()
      .find((c) => c.startsWith("mmm_sign_in="))!
      .split(";")[0]!;
    const slackState = new URL(slack.headers.get("location")!).searchParams.get("state")!;
    provider.grant("code-mixed", { nonce: started.nonce, codeChallenge: started.challenge, claims: ANN });
    const mixed = await harness().request(`/auth/google/callback?code=code-mixed&state=${slackState}`, {
      remote: REMOTE,
      cookie: slackCookie,
    });
    expect(mixed.status).toBe(401);
    const denied = await harness().request(
      `/auth/google/callback?error=access_denied&state=${started.state}`,
      {
        remote: REMOTE,
        cookie: started.cookie,
      },
    );
    expect(denied.status).toBe(401);
    expect(await denied.text()).toContain("Google did not sign you in (access_denied)");
  });

  it.each<[string, JWTPayload, { nonce?: string; forged?: true }, string]>([
    ["a bad nonce", ANN, { nonce: "not-the-nonce" }, "the ID token does not answer this sign-in (nonce)"],
    ["an expired token", { ...ANN, iat: 1_764_000_000, exp: 1_764_003_600 }, {}, "the ID token has expired"],
    ["another audience", { ...ANN, aud: "another-app.apps.googleusercontent.com" }, {}, "for another app"],
    ["another issuer", { ...ANN, iss: "https://accounts.evil.example" }, {}, "from another issuer"],
    ["a token signed with another key", ANN, { forged: true }, "not signed by Google"],
  ])("refuses %s", async (_, claims, options, message) => {
    const response = await callback(`code-${message.length}`, await startSignIn(), claims, {
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(options.forged ? { signWith: otherKey } : {}),
    });
    const { status, text, signedIn } = await refusal(response);
    expect(status).toBe(401);
    expect(text).toContain("Sign-in with Google failed:");
    expect(text).toContain(message);
    expect(signedIn).toBe(false);
  });
});
