/**
 * The scheduler with a fake clock, on real SQLite files: the app "restarts" by closing its store and opening
 * a new one over the same file. Missed slots run once (the latest), a failing refresh alerts once with its
 * reason, and two schedulers racing on one store run a slot once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { invalidInput } from "../../common/errors.ts";
import { createLogger } from "../logger.ts";
import type { Run } from "../run.ts";
import type { RunStore } from "../run-store/port.ts";
import { openSqliteRunStore } from "../run-store/sqlite/sqlite.ts";
import type { Schedule } from "./schedule.ts";
import type { ScheduleReporter } from "./schedule-reporter.ts";
import { Scheduler } from "./scheduler.ts";

const logger = createLogger("silent");
const WEEK = 7 * 86_400_000;
const CREATED = "2026-11-30T12:00:00.000Z"; // a Monday, after that day's 06:00 slot
const FIRST_SLOT = "2026-12-07T06:00:00.000Z";

let dir: string;
let time: number;
const now = () => new Date(time);
const open: RunStore[] = [];

async function store(): Promise<RunStore> {
  const opened = await openSqliteRunStore({ path: join(dir, "runs.sqlite"), now });
  open.push(opened);
  return opened;
}

interface Recorded {
  refreshed: { schedule: string; at: string }[];
  failures: string[];
  reporter: ScheduleReporter;
}

function recorder(): Recorded {
  const recorded: Recorded = {
    refreshed: [],
    failures: [],
    reporter: {
      started: async () => undefined,
      failed: async (_schedule, reason) => void recorded.failures.push(reason),
      finished: async () => undefined,
    },
  };
  return recorded;
}

function scheduler(runs: RunStore, recorded: Recorded, refresh?: (s: Schedule) => Promise<Run>): Scheduler {
  return new Scheduler({
    runs,
    now,
    logger,
    reporter: recorded.reporter,
    refresh:
      refresh ??
      (async (schedule) => {
        recorded.refreshed.push({ schedule: schedule.id, at: now().toISOString() });
        return { id: `run-${recorded.refreshed.length}` } as Run;
      }),
  });
}

async function weekly(runs: RunStore): Promise<Schedule> {
  return runs.saveSchedule({
    id: "sch-de",
    country: "DE",
    cadence: "weekly",
    cron: "0 6 * * 1",
    timezone: "UTC",
    source: { runId: "r", solID: "1_2_3", data: "table DEMO" },
    createdBy: { kind: "slack", id: "U1" },
    createdAt: CREATED,
    nextDue: FIRST_SLOT,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mmm-scheduler-"));
  time = Date.parse(CREATED);
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

describe("Scheduler", () => {
  it("runs nothing before the first slot, then each slot once", async () => {
    const runs = await store();
    const recorded = recorder();
    await weekly(runs);
    const s = scheduler(runs, recorded);
    expect(await s.tick()).toEqual([]);
    time = Date.parse(FIRST_SLOT) + 60_000;
    expect(await s.tick()).toEqual([{ scheduleId: "sch-de", slot: FIRST_SLOT, runId: "run-1" }]);
    expect(await s.tick()).toEqual([]);
    const stored = await runs.getSchedule("sch-de");
    expect(stored).toMatchObject({
      lastSlot: FIRST_SLOT,
      nextDue: "2026-12-14T06:00:00.000Z",
      lastOutcome: { slot: FIRST_SLOT, status: "started", runId: "run-1" },
    });
  });

  it("after a restart, runs the latest missed slot once, not once per missed slot", async () => {
    const recorded = recorder();
    const first = await store();
    await weekly(first);
    time = Date.parse(FIRST_SLOT) + 60_000;
    await scheduler(first, recorded).tick();
    await first.close();

    // Down for five weeks: four slots were missed.
    time = Date.parse(FIRST_SLOT) + 4 * WEEK + 3_600_000;
    const restarted = await store();
    const ran = await scheduler(restarted, recorded).tick();
    expect(ran.map((r) => r.slot)).toEqual(["2027-01-04T06:00:00.000Z"]);
    // Restarted again at once, and ticked twice: nothing more.
    await restarted.close();
    const again = await store();
    expect(await scheduler(again, recorded).tick()).toEqual([]);
    expect(await scheduler(again, recorded).tick()).toEqual([]);
    expect(recorded.refreshed).toHaveLength(2);
    expect((await again.getSchedule("sch-de"))?.nextDue).toBe("2027-01-11T06:00:00.000Z");
  });

  it("alerts once with the reason when the refresh fails, not on every tick or slot", async () => {
    const runs = await store();
    await weekly(runs);
    const recorded = recorder();
    let reason = "DE has no picked model any more: pick one again.";
    const failing = scheduler(runs, recorded, async () => {
      throw invalidInput("country", reason);
    });
    time = Date.parse(FIRST_SLOT) + 60_000;
    expect(await failing.tick()).toEqual([{ scheduleId: "sch-de", slot: FIRST_SLOT, reason }]);
    await failing.tick();
    await failing.tick();
    expect(recorded.failures).toEqual([reason]);
    // The next slot tries again and fails the same way: recorded, not said again.
    time += WEEK;
    expect(await failing.tick()).toHaveLength(1);
    expect(recorded.failures).toEqual([reason]);
    expect((await runs.getSchedule("sch-de"))?.lastOutcome).toMatchObject({ status: "failed", reason });
    // Another reason is news.
    reason = "The warehouse table DEMO is gone.";
    time += WEEK;
    await failing.tick();
    expect(recorded.failures).toEqual(["DE has no picked model any more: pick one again.", reason]);
  });

  it("runs a slot once when two schedulers race on one store", async () => {
    const a = await store();
    const b = await store();
    await weekly(a);
    const recorded = recorder();
    time = Date.parse(FIRST_SLOT) + 60_000;
    const [fromA, fromB] = await Promise.all([scheduler(a, recorded).tick(), scheduler(b, recorded).tick()]);
    expect(fromA.length + fromB.length).toBe(1);
    expect(recorded.refreshed).toHaveLength(1);
  });

  it("never runs a cancelled schedule", async () => {
    const runs = await store();
    await weekly(runs);
    await runs.cancelSchedule("sch-de", { kind: "slack", id: "U1" });
    const recorded = recorder();
    time = Date.parse(FIRST_SLOT) + 60_000;
    expect(await scheduler(runs, recorded).tick()).toEqual([]);
  });

  it("runs a Berlin schedule at 06:00 local time on both sides of a daylight-saving change, each slot once", async () => {
    const runs = await store();
    const recorded = recorder();
    time = Date.parse("2027-03-20T12:00:00.000Z");
    await runs.saveSchedule({
      id: "sch-berlin",
      country: "DE",
      cadence: "weekly",
      cron: "0 6 * * 1",
      timezone: "Europe/Berlin",
      source: { runId: "r", solID: "1_2_3", data: "table DEMO" },
      createdBy: { kind: "slack", id: "U1" },
      createdAt: new Date(time).toISOString(),
      nextDue: "2027-03-22T05:00:00.000Z",
    });
    const s = scheduler(runs, recorded);
    // 06:00 in Berlin is 05:00 UTC in winter time: not due a minute before, due at it.
    time = Date.parse("2027-03-22T04:59:00.000Z");
    expect(await s.tick()).toEqual([]);
    time = Date.parse("2027-03-22T05:00:30.000Z");
    expect((await s.tick()).map((r) => r.slot)).toEqual(["2027-03-22T05:00:00.000Z"]);
    // Summer time from 2027-03-28: the next Monday's 06:00 is 04:00 UTC, an hour earlier in UTC.
    expect((await runs.getSchedule("sch-berlin"))?.nextDue).toBe("2027-03-29T04:00:00.000Z");
    time = Date.parse("2027-03-29T04:00:30.000Z");
    expect((await s.tick()).map((r) => r.slot)).toEqual(["2027-03-29T04:00:00.000Z"]);
    // An hour later, when the UTC reading of the cadence would fire, nothing more.
    time = Date.parse("2027-03-29T05:00:30.000Z");
    expect(await s.tick()).toEqual([]);
    expect(recorded.refreshed.map((r) => r.at)).toEqual([
      "2027-03-22T05:00:30.000Z",
      "2027-03-29T04:00:30.000Z",
    ]);
  });

  it("runs a local time repeated when clocks go back once", async () => {
    const runs = await store();
    const recorded = recorder();
    // Daily at 02:30 in Berlin; on 2027-10-31 02:30 happens twice (00:30 and 01:30 UTC).
    time = Date.parse("2027-10-30T12:00:00.000Z");
    await runs.saveSchedule({
      id: "sch-autumn",
      country: "DE",
      cadence: "30 2 * * *",
      cron: "30 2 * * *",
      timezone: "Europe/Berlin",
      source: { runId: "r", solID: "1_2_3", data: "table DEMO" },
      createdBy: { kind: "slack", id: "U1" },
      createdAt: new Date(time).toISOString(),
      nextDue: "2027-10-31T00:30:00.000Z",
    });
    const s = scheduler(runs, recorded);
    for (const at of ["2027-10-31T00:31:00.000Z", "2027-10-31T01:31:00.000Z", "2027-10-31T12:00:00.000Z"]) {
      time = Date.parse(at);
      await s.tick();
    }
    expect(recorded.refreshed.map((r) => r.at)).toEqual(["2027-10-31T00:31:00.000Z"]);
    expect((await runs.getSchedule("sch-autumn"))?.nextDue).toBe("2027-11-01T01:30:00.000Z");
  });
});
