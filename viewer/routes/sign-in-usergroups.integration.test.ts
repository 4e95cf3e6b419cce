/**
 * SLACK_ALLOWED_USERGROUPS in the viewer: the rule that refuses someone in Slack refuses them at sign-in,
 * and a signed-in session is checked again when it is renewed (the real Slack client against the fake).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USERGROUP_RECHECK_SECONDS } from "../auth/usergroup-check.ts";
import { fakeSlack, type FakeSlack, type FakePerson } from "../../tests/fakes/fake-slack-openid.ts";
import { REMOTE, sessionCookieOf, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const CLIENT = { id: "1234.5678", secret: "client-secret-for-tests", team: "T0TEAM", bot: "xoxb-test-bot" };
const ALICE: FakePerson = { user: "U0ALICE", team: CLIENT.team, name: "Alice Example", admin: true };
const BOB: FakePerson = { user: "U0BOB", team: CLIENT.team, name: "Bob Outsider", admin: true };

let h: Harness;
let slack: FakeSlack;
beforeAll(async () => {
  slack = await fakeSlack(CLIENT.id, CLIENT.secret, CLIENT.bot);
  slack.setGroup("S0MMM", "mmm-users", [ALICE.user]);
  h = await viewerHarness({
    SLACK_CLIENT_ID: CLIENT.id,
    SLACK_CLIENT_SECRET: CLIENT.secret,
    SLACK_TEAM_ID: CLIENT.team,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: CLIENT.bot,
    SLACK_SIGNING_SECRET: "signing-secret",
    SLACK_ALLOWED_USERGROUPS: "@mmm-users",
  });
});
afterAll(async () => {
  await h.close();
  await slack.close();
});

/** The contents of a session cookie (`mmm_session=<base64url JSON>.<signature>`). */
function payloadOf(cookie: string): Record<string, unknown> {
  const value = cookie.slice(cookie.indexOf("=") + 1).split(".")[0]!;
  return JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
}

let codes = 0;
/** Signs `person` in as a browser would; the callback's answer. */
async function signIn(person: FakePerson): Promise<Response> {
  const login = await h.request("/auth/slack/login?next=/runs", { remote: REMOTE });
  const location = new URL(login.headers.get("location")!);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith("mmm_sign_in="))!
    .split(";")[0]!;
  const code = `code-${++codes}`;
  slack.grant(code, location.searchParams.get("nonce")!, person);
  return h.request(`/auth/slack/callback?code=${code}&state=${location.searchParams.get("state")}`, {
    remote: REMOTE,
    cookie,
  });
}

describe("SLACK_ALLOWED_USERGROUPS in the viewer", () => {
  it("refuses sign-in to a workspace member outside the groups, with the group to join", async () => {
    const refused = await signIn(BOB);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("@mmm-users");
    // At most the anonymous session every visitor gets: nobody signed in.
    const anonymous = sessionCookieOf(refused);
    if (anonymous) expect(payloadOf(anonymous).user).toBeUndefined();

    const allowed = await signIn(ALICE);
    expect(allowed.status).toBe(302);
    const cookie = sessionCookieOf(allowed)!;
    expect((await h.request("/runs", { remote: REMOTE, cookie })).status).toBe(200);
  });

  it("checks again when the session is renewed, and signs out someone taken out of the group", async () => {
    const cookie = sessionCookieOf(await signIn(ALICE))!;
    const lookups = () => slack.calls.filter((c) => c.method === "usergroups.users.list").length;

    // Within the re-check interval: no lookup, no new cookie.
    const before = lookups();
    const fresh = await h.request("/runs", { remote: REMOTE, cookie });
    expect(fresh.status).toBe(200);
    expect(sessionCookieOf(fresh)).toBeUndefined();
    expect(lookups()).toBe(before);

    // Past it, still a member: looked up again and the session renewed (same CSRF token).
    h.clock.advance((USERGROUP_RECHECK_SECONDS + 1) * 1000);
    const renewed = await h.request("/runs", { remote: REMOTE, cookie });
    expect(renewed.status).toBe(200);
    expect(lookups()).toBe(before + 1);
    const renewedCookie = sessionCookieOf(renewed)!;
    expect(renewedCookie).toBeDefined();
    expect(renewedCookie).not.toBe(cookie);
    expect(payloadOf(renewedCookie).csrf).toBe(payloadOf(cookie).csrf);

    // Taken out of the group: refused at the next renewal, and signed out.
    slack.setGroup("S0MMM", "mmm-users", []);
    h.clock.advance((USERGROUP_RECHECK_SECONDS + 1) * 1000);
    const removed = await h.request("/runs", { remote: REMOTE, cookie: renewedCookie });
    expect(removed.status).toBe(403);
    expect(await removed.text()).toContain("@mmm-users");
    expect(removed.headers.getSetCookie().some((c) => c.startsWith("mmm_session=;"))).toBe(true);
    slack.setGroup("S0MMM", "mmm-users", [ALICE.user]);
  });
});
