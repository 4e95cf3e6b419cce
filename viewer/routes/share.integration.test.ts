import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShareLink, openShareLink, shareTokenOf } from "../../tests/support/share-visitor.ts";
import { REMOTE, sessionCookieOf, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

const share = (fields: Record<string, string> = {}) => createShareLink(h, fields);
const open = (token: string) => openShareLink(h, token);

describe("share links", () => {
  it("opens the run for anyone holding the link, with a signed HttpOnly SameSite session cookie", async () => {
    const { token } = await share();
    const { response, cookie } = await open(token);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/runs/${h.run.id}`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("mmm_session="))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const page = await h.request(`/runs/${h.run.id}`, { remote: REMOTE, cookie: cookie! });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Shared link (read only)");
    expect(html).not.toContain("Create a share link");
    expect(
      (await h.request(`/runs/${h.run.id}/models/${h.solID}`, { remote: REMOTE, cookie: cookie! })).status,
    ).toBe(200);
    expect((await h.request(`/runs/${h.run.id}/data`, { remote: REMOTE, cookie: cookie! })).status).toBe(200);
  });

  it("limits the session to the link's run: other runs, lists, countries, admin and changes are refused", async () => {
    const other = await h.addRun();
    const { token } = await share();
    const { cookie } = await open(token);
    for (const path of [
      `/runs/${other.id}`,
      "/runs",
      "/countries",
      "/countries/DE/best",
      "/admin/tokens",
      `/compare?run=${other.id}`,
    ]) {
      const response = await h.request(path, { remote: REMOTE, cookie: cookie! });
      expect(response.status, path).toBe(403);
    }
    expect(await (await h.request("/runs", { remote: REMOTE, cookie: cookie! })).text()).toContain(
      "shows run",
    );
    const pick = await h.postForm(
      `/runs/${h.run.id}/models/${h.solID}/pick`,
      { note: "sneaky" },
      { remote: REMOTE, cookie: cookie! },
    );
    expect(pick.status).toBe(403);
    const status = (await (
      await h.request(`/runs/status.json?ids=${h.run.id},${other.id}`, { remote: REMOTE, cookie: cookie! })
    ).json()) as {
      runs: { id: string }[];
    };
    expect(status.runs.map((r) => r.id)).toEqual([h.run.id]);
  });

  it("limits a model link to that model and its one-pager", async () => {
    const { token } = await share({ solID: h.solID });
    const { response, cookie } = await open(token);
    expect(response.headers.get("location")).toBe(`/runs/${h.run.id}/models/${h.solID}`);
    expect(
      (await h.request(`/runs/${h.run.id}/models/${h.solID}`, { remote: REMOTE, cookie: cookie! })).status,
    ).toBe(200);
    expect((await h.request(`/runs/${h.run.id}`, { remote: REMOTE, cookie: cookie! })).status).toBe(403);
    expect(
      (await h.request(`/runs/${h.run.id}/files/spec.json`, { remote: REMOTE, cookie: cookie! })).status,
    ).toBe(403);
    const models = await h.services.runs.listShareLinks(h.run.id);
    expect(models[0]!.solID).toBe(h.solID);
  });

  it("refuses a tampered token, a token signed with another secret, and junk", async () => {
    const { token } = await share();
    const [body, sig] = token.split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8"));
    const forged = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 86_400 * 365 })).toString(
      "base64url",
    );
    for (const bad of [
      `${forged}.${sig}`,
      `${body}.${sig!.slice(1)}A`,
      "not-a-token",
      shareTokenOf(
        (await h.services.runs.listShareLinks(h.run.id))[0]!,
        "another-secret-another-secret-123456",
      ),
    ]) {
      const { response, cookie } = await open(bad);
      expect(response.status, bad).toBe(403);
      expect(await response.text()).toContain("This share link is not valid");
      expect(
        cookie === undefined ||
          !("share" in JSON.parse(Buffer.from(cookie.split("=")[1]!.split(".")[0]!, "base64url").toString())),
      ).toBe(true);
    }
  });

  it("refuses an expired link, and a session opened before the link expired", async () => {
    const { token } = await share({ days: "1" });
    const { cookie } = await open(token);
    h.clock.advance(86_400_000 + 1000);
    const late = await open(token);
    expect(late.response.status).toBe(403);
    expect(await late.response.text()).toContain("This share link has expired");
    // The session ends with the link (the cookie expires with it), so it no longer opens anything.
    const page = await h.request(`/runs/${h.run.id}`, { remote: REMOTE, cookie: cookie! });
    expect(page.status).toBe(403);
  });

  it("refuses a revoked link at once, also for sessions already opened with it", async () => {
    const { token, id } = await share();
    const { cookie } = await open(token);
    expect((await h.request(`/runs/${h.run.id}`, { remote: REMOTE, cookie: cookie! })).status).toBe(200);
    await h.postForm(`/runs/${h.run.id}/share-links/${id}/revoke`, {});
    const again = await open(token);
    expect(again.response.status).toBe(403);
    expect(await again.response.text()).toContain("This share link was revoked");
    const page = await h.request(`/runs/${h.run.id}`, { remote: REMOTE, cookie: cookie! });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("was revoked");
  });

  it("shows the person at this machine what the recipient sees, a revoked link refused, until they leave", async () => {
    const { token, id } = await share();
    const opened = await h.request(`/share/${token}`);
    expect(opened.status).toBe(302);
    const preview = sessionCookieOf(opened)!;
    const page = await h.request(`/runs/${h.run.id}`, { cookie: preview });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Preview of a share link (read only)");
    expect(html).not.toContain("Create a share link");
    // The link opens this run only, for the person at this machine as for anyone.
    expect((await h.request("/runs", { cookie: preview })).status).toBe(403);

    // Revoked (from a window without the preview), the link stops working in the preview at once.
    await h.postForm(`/runs/${h.run.id}/share-links/${id}/revoke`, {});
    const refused = await h.request(`/runs/${h.run.id}`, { cookie: preview });
    expect(refused.status).toBe(403);
    const text = await refused.text();
    expect(text).toContain("The share link you opened was revoked");
    expect(text).toContain('href="/share/leave-preview"');

    const left = await h.request("/share/leave-preview", { cookie: preview });
    expect(left.status).toBe(302);
    expect(left.headers.get("location")).toBe(`/runs/${h.run.id}`);
    const full = sessionCookieOf(left)!;
    expect((await h.request("/runs", { cookie: full })).status).toBe(200);
    // Without any session, the person at this machine has full access as always.
    expect((await h.request("/runs")).status).toBe(200);
  });

  it("offers a preview of every link given out on the run page", async () => {
    const { token } = await share();
    const html = await (await h.request(`/runs/${h.run.id}`)).text();
    expect(html).toContain(`href="http://localhost/share/${token}?preview"`);
  });
});
