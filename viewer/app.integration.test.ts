import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REMOTE, viewerHarness, type Harness } from "../tests/support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

describe("the app", () => {
  it("keeps health, readiness, trainer events and artifact links working, without viewer auth in front", async () => {
    expect((await h.request("/healthz", { remote: REMOTE })).status).toBe(200);
    expect((await h.request("/readyz", { remote: REMOTE })).status).toBe(200);
    const event = await h.request(`/internal/runs/${h.run.id}/events`, {
      method: "POST",
      body: "{}",
      remote: REMOTE,
    });
    expect(event.status).toBe(401);
    expect(((await event.json()) as { message: string }).message).toContain("signature");
    const artifact = await h.request(`/artifacts/${h.run.artifactPrefix}spec.json?expires=1&sig=x`, {
      remote: REMOTE,
    });
    expect(artifact.status).toBe(403);
  });

  it("answers 400, not 500, to an artifact link whose %-encoding is broken", async () => {
    for (const path of ["/artifacts/runs/%ZZ/spec.json", "/artifacts/runs/%E0%A4%A?expires=1&sig=x"]) {
      const response = await h.request(path, { remote: REMOTE });
      expect(response.status, path).toBe(400);
      expect(await response.text()).toContain("a % that is not followed by a valid encoded character");
    }
  });

  it("sends secure headers and a CSP that allows only this origin's scripts", async () => {
    const response = await h.request("/runs");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("redirects the root to the runs list", async () => {
    const response = await h.request("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/runs");
  });

  it("leaves /slack/* alone when no Slack app is mounted", async () => {
    const response = await h.request("/slack/events", { method: "POST", remote: REMOTE });
    expect(response.status).toBe(404);
  });

  it("lets the local user call the API without a token when none is configured, and nobody else", async () => {
    const local = await h.request("/api/runs");
    expect(local.status).toBe(200);
    const remote = await h.request("/api/runs", { remote: REMOTE });
    expect(remote.status).toBe(401);
    expect(((await remote.json()) as { message: string }).message).toContain("none is configured yet");
  });
});
