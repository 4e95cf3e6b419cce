/**
 * A failed run's report as people see it: a trainer that crashed posts its reason and the end of its log,
 * full of stack frames and this machine's absolute paths. Slack's failure message, the viewer's run page and
 * the API show the reason and a cleaned tail; the full `log.txt` is served to admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureMessage } from "../../bot/blocks/run-results.ts";
import { shareUrl } from "../../viewer/auth/share-link.ts";
import {
  REMOTE,
  TEST_SECRET,
  sessionCookieOf,
  viewerHarness,
  type Harness,
} from "../support/viewer-harness.ts";

const CRASH_LOG = [
  "2026-11-26T06:00:01.000Z searching: 200 of 600 models",
  "2026-11-26T06:00:02.000Z failed: The trainer failed unexpectedly: ENOENT: no such file or directory, open '/srv/mmm/.mmm/artifacts/runs/x/input.csv'",
  "Error: ENOENT: no such file or directory, open '/srv/mmm/.mmm/artifacts/runs/x/input.csv'",
  "    at async open (node:internal/fs/promises:639:25)",
  "    at async readInput (/srv/mmm/engine/trainer/trainer.ts:88:17)",
  "    at async file:///srv/mmm/bin/mmm.ts:12:3",
].join("\n");

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

describe("a failed run's report", () => {
  it("shows the reason and the end of the log without stack frames or absolute paths", async () => {
    const run = await h.addRun({ status: "running", lastEventSeq: 1 });
    const reason =
      "The trainer failed unexpectedly: ENOENT: no such file or directory, open '/srv/mmm/.mmm/artifacts/runs/x/input.csv'";
    const answer = await h.postEvent(run.id, {
      type: "failed",
      seq: 2,
      at: new Date().toISOString(),
      reason,
      logTail: CRASH_LOG,
    });
    expect(answer.status).toBe(200);
    const failed = (await h.services.runs.getRun(run.id))!;
    expect(failed.status).toBe("failed");

    const slack = JSON.stringify(failureMessage(failed));
    const page = await (await h.request(`/runs/${run.id}`)).text();
    const api = await (await h.request(`/api/runs/${run.id}`)).text();
    for (const [surface, text] of [
      ["Slack", slack],
      ["viewer", page],
      ["API", api],
    ] as const) {
      expect(text, surface).toContain("no such file or directory, open");
      expect(text, surface).toContain("input.csv");
      expect(text, surface).toContain("searching: 200 of 600 models");
      expect(text, surface).not.toContain("/srv/mmm");
      expect(text, surface).not.toContain("trainer.ts:88");
      expect(text, surface).not.toMatch(/\s{4}at async/);
    }
  });

  it("serves the full log to admins only", async () => {
    const run = await h.addRun();
    await h.services.artifacts.put(`${run.artifactPrefix}log.txt`, CRASH_LOG);
    const admin = await h.request(`/runs/${run.id}/files/log.txt`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain("/srv/mmm/engine/trainer/trainer.ts:88:17");
    expect(await (await h.request(`/runs/${run.id}`)).text()).toContain(`/runs/${run.id}/files/log.txt`);

    await h.postForm(`/runs/${run.id}/share`, { days: "7" });
    const link = (await h.services.runs.listShareLinks(run.id))[0]!;
    const opened = await h.request(`/share/${shareUrl("http://x", link, TEST_SECRET).split("/share/")[1]!}`, {
      remote: REMOTE,
    });
    const cookie = sessionCookieOf(opened)!;
    const shared = await h.request(`/runs/${run.id}/files/log.txt`, { remote: REMOTE, cookie });
    expect(shared.status).toBe(403);
    expect(await shared.text()).not.toContain("/srv/mmm");
    const page = await (await h.request(`/runs/${run.id}`, { remote: REMOTE, cookie })).text();
    expect(page).toContain(`/runs/${run.id}/files/spec.json`);
    expect(page).not.toContain(`/runs/${run.id}/files/log.txt`);
  });
});
