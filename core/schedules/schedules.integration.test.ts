/**
 * How `Schedules` follows the refresh runs its scheduler started (a real SQLite store and artifact folder):
 * a succeeded run records the slot's success and reports the channels whose ROI left the previous model's
 * interval (from the run's `refresh_report.json`); a failed run records and reports why; other runs are
 * none of its business.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { makeRun } from "../../tests/contract/run-fixtures.ts";
import { openLocalFolderArtifactStore } from "../artifacts/local/local-folder.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { RunLifecycle } from "../lifecycle/run-lifecycle.ts";
import { createLogger } from "../logger.ts";
import type { Run } from "../run.ts";
import type { RunStore } from "../run-store/port.ts";
import { openSqliteRunStore } from "../run-store/sqlite/sqlite.ts";
import { Schedules } from "./schedules.ts";

const SLOT = "2026-12-01T06:00:00.000Z";
let dir: string;
let runs: RunStore;
let artifacts: ArtifactStore;
let schedules: Schedules;
let reports: { kind: string; detail: unknown }[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mmm-schedules-"));
  runs = await openSqliteRunStore({ path: join(dir, "runs.sqlite") });
  artifacts = await openLocalFolderArtifactStore({ root: join(dir, "artifacts") });
  // The lifecycle starts refreshes only; following runs never needs it.
  schedules = new Schedules({
    runs,
    artifacts,
    lifecycle: {} as RunLifecycle,
    logger: createLogger("silent"),
  });
  reports = [];
  schedules.reporters.add({
    started: async () => undefined,
    failed: async (_s, reason) => void reports.push({ kind: "failed", detail: reason }),
    finished: async (_s, _run, outside) => void reports.push({ kind: "finished", detail: outside }),
  });
});
afterEach(async () => {
  await runs.close();
  await rm(dir, { recursive: true, force: true });
});

async function scheduledRun(status: Run["status"], extra: Partial<Run> = {}): Promise<Run> {
  const base = makeRun({ status });
  const run: Run = {
    ...base,
    ...extra,
    spec: { ...base.spec, refresh: { of: { run: "parent", model: "1_2_3" } } as Run["spec"]["refresh"] },
  };
  await runs.saveSchedule({
    id: "sch-1",
    country: "DE",
    cadence: "monthly",
    cron: "0 6 1 * *",
    timezone: "UTC",
    source: { runId: "parent", solID: "1_2_3", data: "table DEMO" },
    channel: "C1",
    createdBy: { kind: "slack", id: "U1" },
    createdAt: "2026-11-26T06:00:00.000Z",
    nextDue: SLOT,
  });
  await runs.claimScheduleSlot("sch-1", SLOT, "2027-01-01T06:00:00.000Z");
  await runs.recordScheduleOutcome("sch-1", { slot: SLOT, status: "started", at: SLOT, runId: run.id });
  return run;
}

describe("Schedules following their runs", () => {
  it("reports the channels whose ROI left the previous interval when the refresh succeeds", async () => {
    const run = await scheduledRun("succeeded");
    const moved = "Search ROI fell from 2.1 to 1.6, outside last month's range 1.8–2.4.";
    await artifacts.put(
      `${run.artifactPrefix}${OUTPUT_FILES.refreshReport}`,
      JSON.stringify({
        channels: [
          { channel: "search_S", outside_previous_interval: true, sentence: moved },
          { channel: "tv_S", outside_previous_interval: false, sentence: "TV ROI held at 1.2." },
        ],
      }),
    );
    await schedules.runWatcher.runUpdated({ run, previousStatus: "running" });
    expect(reports).toEqual([{ kind: "finished", detail: [moved] }]);
    expect((await runs.getSchedule("sch-1"))?.lastOutcome).toMatchObject({
      slot: SLOT,
      status: "succeeded",
      runId: run.id,
    });
    // A repeated notification of the same end says nothing more.
    await schedules.runWatcher.runUpdated({ run, previousStatus: "succeeded" });
    expect(reports).toHaveLength(1);
  });

  it("records and reports why a scheduled refresh run failed", async () => {
    const run = await scheduledRun("failed", {
      failure: { reason: "The warehouse query timed out.", logTail: [] } as unknown as Run["failure"],
    });
    await schedules.runWatcher.runUpdated({ run, previousStatus: "running" });
    expect(reports).toEqual([{ kind: "failed", detail: `run ${run.id}: The warehouse query timed out.` }]);
    expect((await runs.getSchedule("sch-1"))?.lastOutcome).toMatchObject({ status: "failed", runId: run.id });
  });

  it("leaves runs it did not start alone", async () => {
    await scheduledRun("succeeded");
    const other = makeRun({ status: "succeeded" });
    await schedules.runWatcher.runUpdated({
      run: { ...other, spec: { ...other.spec, refresh: {} as Run["spec"]["refresh"] } },
      previousStatus: "running",
    });
    expect(reports).toEqual([]);
    expect((await runs.getSchedule("sch-1"))?.lastOutcome?.status).toBe("started");
  });
});
