/**
 * `POST /internal/schedules/tick` as Cloud Scheduler calls it: refused without the scheduler account's OIDC
 * token, ticks the due schedules with it (a slot once: a repeated tick runs nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tickVerifier } from "../../core/schedules/tick-auth.ts";
import { testIssuer } from "../../tests/support/google-id-token.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";
import { createApp } from "../app.ts";

const ACCOUNT = "mmm-scheduler@proj.iam.gserviceaccount.com";
const AUDIENCE = "http://localhost/internal/schedules/tick";
const google = testIssuer();
let h: Harness;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await viewerHarness({ SCHEDULER: "cloud-scheduler", SCHEDULER_SERVICE_ACCOUNT: ACCOUNT });
  app = createApp(h.services, {
    tickVerifier: tickVerifier({
      audience: AUDIENCE,
      serviceAccount: ACCOUNT,
      keys: async () => google.keys,
    }),
  });
});
afterAll(async () => h?.close());

function tick(token?: string): Promise<Response> {
  return Promise.resolve(
    app.request("/internal/schedules/tick", {
      method: "POST",
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
  );
}

describe("POST /internal/schedules/tick", () => {
  it("is refused without the scheduler's token and runs each due slot once with it", async () => {
    await h.services.runs.saveSchedule({
      id: "sch-due",
      country: "FR",
      cadence: "monthly",
      cron: "0 6 1 * *",
      timezone: "UTC",
      source: { runId: h.run.id, solID: h.solID, data: "table DEMO" },
      createdBy: { kind: "slack", id: "U0ALICE" },
      createdAt: "2026-01-01T00:00:00.000Z",
      nextDue: "2026-02-01T06:00:00.000Z",
    });
    expect((await tick()).status).toBe(401);
    const stranger = google.token({
      aud: AUDIENCE,
      email: "other@proj.iam.gserviceaccount.com",
      email_verified: true,
    });
    expect((await tick(stranger)).status).toBe(401);
    expect((await h.services.runs.getSchedule("sch-due"))?.lastSlot).toBeUndefined();

    const token = google.token({ aud: AUDIENCE, email: ACCOUNT, email_verified: true });
    const first = await tick(token);
    expect(first.status).toBe(200);
    const { data } = (await first.json()) as { data: { ran: { scheduleId: string; reason?: string }[] } };
    // FR has no picked model: the slot ran, and failed saying why.
    expect(data.ran).toEqual([expect.objectContaining({ scheduleId: "sch-due" })]);
    expect(data.ran[0]!.reason).toContain("FR has no picked model");
    const again = (await (await tick(token)).json()) as { data: { ran: unknown[] } };
    expect(again.data.ran).toEqual([]);
  });

  it("does not exist with the in-app scheduler", async () => {
    const local = await viewerHarness();
    try {
      const response = await local.request("/internal/schedules/tick", { method: "POST" });
      expect(response.status).toBe(404);
    } finally {
      await local.close();
    }
  });
});
