import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeSlack, type FakeSlack } from "../../tests/fakes/fake-slack-openid.ts";
import {
  LOOPBACK,
  REMOTE,
  csrfOf,
  sessionCookieOf,
  viewerHarness,
  type Harness,
} from "../../tests/support/viewer-harness.ts";
import { safeNext } from "./sign-in.tsx";

const CLIENT = { id: "1234.5678", secret: "client-secret-for-tests", team: "T0TEAM", bot: "xoxb-test-bot" };
const ALICE = { user: "U0ALICE", team: CLIENT.team, name: "Alice Example", admin: true };

let h: Harness;
let slack: FakeSlack;
beforeAll(async () => {
  slack = await fakeSlack(CLIENT.id, CLIENT.secret, CLIENT.bot);
  h = await viewerHarness({
    SLACK_CLIENT_ID: CLIENT.id,
    SLACK_CLIENT_SECRET: CLIENT.secret,
    SLACK_TEAM_ID: CLIENT.team,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: CLIENT.bot,
    SLACK_SIGNING_SECRET: "signing-secret",
  });
});
afterAll(async () => {
  await h.close();
  await slack.close();
});

/** Starts a sign-in as a browser would: the redirect to Slack and the state cookie. */
async function startSignIn(
  next = "/runs",
): Promise<{ state: string; nonce: string; cookie: string; location: URL }> {
  const response = await h.request(`/auth/slack/login?next=${encodeURIComponent(next)}`, { remote: REMOTE });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("mmm_sign_in="))!
    .split(";")[0]!;
  return {
    state: location.searchParams.get("state")!,
    nonce: location.searchParams.get("nonce")!,
    cookie,
    location,
  };
}

describe("sign in with Slack", () => {
  it("sends visitors without a session to the sign-in page, also on loopback", async () => {
    for (const remote of [REMOTE, LOOPBACK]) {
      const response = await h.request(`/runs/${h.run.id}?x=1`, { remote });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(
        `/auth/sign-in?next=${encodeURIComponent(`/runs/${h.run.id}?x=1`)}`,
      );
    }
    const page = await (await h.request("/auth/sign-in?next=/runs", { remote: REMOTE })).text();
    expect(page).toContain("Sign in with Slack");
    const post = await h.request(`/runs/${h.run.id}/share`, { method: "POST", remote: REMOTE });
    expect(post.status).toBe(401);
  });

  it("redirects to Slack's authorize URL for the workspace, with state and nonce", async () => {
    const { location, state, nonce } = await startSignIn();
    expect(location.origin + location.pathname).toBe("https://slack.com/openid/connect/authorize");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: "code",
      scope: "openid profile email",
      client_id: CLIENT.id,
      team: CLIENT.team,
      redirect_uri: "http://localhost/auth/slack/callback",
    });
    expect(state).toMatch(/^[\w-]{20,}$/);
    expect(nonce).toMatch(/^[\w-]{20,}$/);
  });

  it("exchanges the code, checks the workspace, and gives a member full access (admins may issue tokens)", async () => {
    const { state, nonce, cookie } = await startSignIn(`/runs/${h.run.id}`);
    slack.grant("code-alice", nonce, ALICE);
    const callback = await h.request(`/auth/slack/callback?code=code-alice&state=${state}`, {
      remote: REMOTE,
      cookie,
    });
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`/runs/${h.run.id}`);
    const token = slack.calls.find((c) => c.method === "openid.connect.token")!;
    expect(token.fields).toMatchObject({
      code: "code-alice",
      client_id: CLIENT.id,
      redirect_uri: "http://localhost/auth/slack/callback",
    });
    const session = sessionCookieOf(callback)!;
    const runs = await h.request("/runs", { remote: REMOTE, cookie: session });
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain("Alice Example");
    expect((await h.request("/admin/tokens", { remote: REMOTE, cookie: session })).status).toBe(200);
    const pick = await h.postForm(
      `/runs/${h.run.id}/models/${h.solID}/pick`,
      { note: "from Slack sign-in" },
      { remote: REMOTE, cookie: session },
    );
    expect(pick.status).toBe(303);
    expect((await h.services.runs.getBest("DE"))?.by).toEqual({
      kind: "slack",
      id: "U0ALICE",
      name: "Alice Example",
    });
  });

  it("does not let a member who is not an admin issue tokens", async () => {
    const { state, nonce, cookie } = await startSignIn();
    slack.grant("code-bob", nonce, { user: "U0BOB", team: CLIENT.team, name: "Bob" });
    const session = sessionCookieOf(
      await h.request(`/auth/slack/callback?code=code-bob&state=${state}`, { remote: REMOTE, cookie }),
    )!;
    expect((await h.request("/runs", { remote: REMOTE, cookie: session })).status).toBe(200);
    const admin = await h.request("/admin/tokens", { remote: REMOTE, cookie: session });
    expect(admin.status).toBe(403);
    expect(await admin.text()).toContain("Only workspace admins and owners");
  });

  it("lets a signed-in member upload a dataset; a visitor without a session is sent to sign in", async () => {
    const anonymous = await h.request("/datasets", { remote: REMOTE });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/auth/sign-in?next=%2Fdatasets");
    const { state, nonce, cookie } = await startSignIn("/datasets");
    slack.grant("code-carol", nonce, { user: "U0CAROL", team: CLIENT.team, name: "Carol" });
    const session = sessionCookieOf(
      await h.request(`/auth/slack/callback?code=code-carol&state=${state}`, { remote: REMOTE, cookie }),
    )!;
    const form = new FormData();
    form.set("_csrf", csrfOf(session));
    form.set("file", new Blob(["date,revenue,tv_S\n2024-01-01,10,1\n2024-01-08,12,2\n"]), "carol.csv");
    const upload = await h.request("/datasets", {
      method: "POST",
      body: form,
      headers: { origin: "http://localhost" },
      remote: REMOTE,
      cookie: session,
    });
    expect(upload.status).toBe(303);
    expect(upload.headers.get("location")).toBe("/datasets/carol@1");
    expect((await h.services.datasets.get("carol")).uploadedBy).toEqual({
      kind: "slack",
      id: "U0CAROL",
      name: "Carol",
    });
    const page = await h.request("/datasets/carol@1", { remote: REMOTE, cookie: session });
    expect(await page.text()).toContain("by Carol");
  });

  it("refuses another workspace, another app's token, a replayed state and a missing state cookie", async () => {
    const other = await startSignIn();
    slack.grant("code-eve", other.nonce, { user: "U0EVE", team: "T0OTHER", name: "Eve" });
    const eve = await h.request(`/auth/slack/callback?code=code-eve&state=${other.state}`, {
      remote: REMOTE,
      cookie: other.cookie,
    });
    expect(eve.status).toBe(403);
    expect(await eve.text()).toContain("another Slack workspace (T0OTHER)");
    expect(sessionCookieOf(eve) ?? "").not.toContain("U0EVE");

    const app = await startSignIn();
    slack.grant("code-aud", app.nonce, ALICE, { audience: "another-app" });
    expect(
      (
        await h.request(`/auth/slack/callback?code=code-aud&state=${app.state}`, {
          remote: REMOTE,
          cookie: app.cookie,
        })
      ).status,
    ).toBe(401);

    const nonce = await startSignIn();
    slack.grant("code-nonce", "not-the-nonce", ALICE);
    expect(
      (
        await h.request(`/auth/slack/callback?code=code-nonce&state=${nonce.state}`, {
          remote: REMOTE,
          cookie: nonce.cookie,
        })
      ).status,
    ).toBe(401);

    const forged = await startSignIn();
    slack.grant("code-forged", forged.nonce, ALICE);
    expect(
      (
        await h.request(`/auth/slack/callback?code=code-forged&state=other-state`, {
          remote: REMOTE,
          cookie: forged.cookie,
        })
      ).status,
    ).toBe(401);
    expect(
      (await h.request(`/auth/slack/callback?code=code-forged&state=${forged.state}`, { remote: REMOTE }))
        .status,
    ).toBe(401);
    expect(
      (
        await h.request(`/auth/slack/callback?error=access_denied&state=${forged.state}`, {
          remote: REMOTE,
          cookie: forged.cookie,
        })
      ).status,
    ).toBe(401);
  });

  it("signs out with a CSRF-protected form", async () => {
    const { state, nonce, cookie } = await startSignIn();
    slack.grant("code-out", nonce, ALICE);
    const session = sessionCookieOf(
      await h.request(`/auth/slack/callback?code=code-out&state=${state}`, { remote: REMOTE, cookie }),
    )!;
    expect(
      (await h.postForm("/auth/sign-out", {}, { remote: REMOTE, cookie: session, csrf: null })).status,
    ).toBe(403);
    const out = await h.postForm("/auth/sign-out", {}, { remote: REMOTE, cookie: session });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("mmm_session=;"))).toBe(true);
  });

  it("keeps `next` on this site", () => {
    const base = "http://localhost";
    expect(safeNext("/runs/x?y=1#top", base)).toBe("/runs/x?y=1#top");
    for (const bad of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\x00/evil.example",
      "runs",
      undefined,
      "",
    ])
      expect(safeNext(bad, base), JSON.stringify(bad)).toBe("/runs");
  });

  it.each(["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\\/evil.example"])(
    "sends the browser back to this site after sign-in, never to `next` = %j",
    async (next) => {
      const { state, nonce, cookie } = await startSignIn(next);
      slack.grant(`code-next-${next.charCodeAt(1)}`, nonce, ALICE);
      const callback = await h.request(
        `/auth/slack/callback?code=code-next-${next.charCodeAt(1)}&state=${state}`,
        { remote: REMOTE, cookie },
      );
      expect(callback.status).toBe(302);
      expect(callback.headers.get("location")).toBe("/runs");
    },
  );
});
