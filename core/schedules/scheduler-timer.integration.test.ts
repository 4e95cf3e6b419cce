/**
 * The in-app scheduler's own timer (`Scheduler.start`), with faked timers and clock over a real SQLite store:
 * started before a slot, it waits for that slot and fires at it, however long the poll interval; started
 * after a missed slot, it runs that slot at once, and only once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.ts";
import type { Run } from "../run.ts";
import type { RunStore } from "../run-store/port.ts";
import { openSqliteRunStore } from "../run-store/sqlite/sqlite.ts";
import { Scheduler } from "./scheduler.ts";

const HOUR = 3_600_000;
const FIRST_SLOT = "2026-12-07T06:00:00.000Z"; // a Monday, weekly at 06:00 UTC

let dir: string;
let runs: RunStore;
let stop: (() => void) | undefined;
const fired: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mmm-scheduler-timer-"));
  fired.length = 0;
});
afterEach(async () => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
  await runs.close();
  await rm(dir, { recursive: true, force: true });
});

async function startAt(iso: string, intervalMs: number): Promise<void> {
  vi.useFakeTimers({ now: Date.parse(iso), toFake: ["setTimeout", "clearTimeout", "setInterval", "Date"] });
  const now = () => new Date();
  runs = await openSqliteRunStore({ path: join(dir, "runs.sqlite"), now });
  await runs.saveSchedule({
    id: "sch-de",
    country: "DE",
    cadence: "weekly",
    cron: "0 6 * * 1",
    timezone: "UTC",
    source: { runId: "r", solID: "1_2_3", data: "table DEMO" },
    createdBy: { kind: "slack", id: "U1" },
    createdAt: "2026-11-30T12:00:00.000Z",
    nextDue: FIRST_SLOT,
  });
  const scheduler = new Scheduler({
    runs,
    now,
    logger: createLogger("silent"),
    reporter: {
      started: async () => undefined,
      failed: async () => undefined,
      finished: async () => undefined,
    },
    refresh: async () => {
      fired.push(new Date().toISOString());
      return { id: `run-${fired.length}` } as Run;
    },
  });
  stop = scheduler.start(intervalMs);
  await vi.advanceTimersByTimeAsync(0);
}

describe("Scheduler.start", () => {
  it("does not fire at start before a slot, then fires at the slot itself, not at the next poll", async () => {
    // Started 10 minutes before the slot, with a poll interval of a day.
    await startAt("2026-12-07T05:50:00.000Z", 24 * HOUR);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(10 * 60_000 - 1);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual([FIRST_SLOT]);
    // Nothing more until the next week's slot.
    await vi.advanceTimersByTimeAsync(6 * 24 * HOUR);
    expect(fired).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(fired).toEqual([FIRST_SLOT, "2026-12-14T06:00:00.000Z"]);
  });

  it("runs a slot missed while the app was down at start, once", async () => {
    await startAt("2026-12-07T09:00:00.000Z", HOUR);
    expect(fired).toEqual(["2026-12-07T09:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(5 * HOUR);
    expect(fired).toHaveLength(1);
  });
});
