/**
 * Scheduled refreshes in the viewer and the REST API: listed on `/schedules` and by `GET /api/schedules`,
 * cancelled by the page's form (refused without the session's CSRF token) or `DELETE /api/schedules/:id`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Schedule } from "../../core/schedules/schedule.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

let schedule: Schedule;
beforeEach(async () => {
  schedule = await h.services.runs.saveSchedule({
    id: `sch-test${++n}`,
    country: "DE",
    cadence: "monthly",
    cron: "0 6 1 * *",
    timezone: "Europe/Berlin",
    source: { runId: h.run.id, solID: h.solID, data: "table DEMO" },
    channel: "C0MMM",
    createdBy: { kind: "slack", id: "U0ALICE", name: "Alice" },
    createdAt: "2026-11-26T06:00:00.000Z",
    nextDue: "2026-12-01T06:00:00.000Z",
  });
});

describe("schedules", () => {
  it("are listed on /schedules and cancelled by its form, with the session's CSRF token only", async () => {
    const page = await h.request("/schedules");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(schedule.id);
    expect(html).toContain("<th>Time zone</th>");
    expect(html).toContain("<td>Europe/Berlin</td>");
    expect(html).toContain(`action="/schedules/${schedule.id}/cancel"`);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('<a href="/schedules">Schedules</a>');

    const forged = await h.postForm(`/schedules/${schedule.id}/cancel`, {}, { csrf: "not-the-token" });
    expect(forged.status).toBe(403);
    expect((await h.services.runs.getSchedule(schedule.id))?.cancelledAt).toBeUndefined();

    const cancelled = await h.postForm(`/schedules/${schedule.id}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get("location")).toBe("/schedules");
    expect((await h.services.runs.getSchedule(schedule.id))?.cancelledAt).toBeDefined();
    expect(await (await h.request("/schedules")).text()).not.toContain(schedule.id);
  });

  it("are listed and cancelled through the REST API", async () => {
    const list = await h.request("/api/schedules");
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { schedules: Schedule[] } };
    expect(body.data.schedules.map((s) => s.id)).toContain(schedule.id);
    expect(body.data.schedules.find((s) => s.id === schedule.id)?.timezone).toBe("Europe/Berlin");

    const removed = await h.request(`/api/schedules/${schedule.id}`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
    });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { data: Schedule }).data.cancelledAt).toBeDefined();
    const missing = await h.request("/api/schedules/sch-none", {
      method: "DELETE",
      headers: { "content-type": "application/json" },
    });
    expect(missing.status).toBe(404);
  });
});
