/**
 * RunStore contract, part 7: schedules (see `run-store.contract.ts`): stored and listed, each slot claimed
 * once (concurrent claims included, and from a second store instance over the same data), outcomes kept
 * for the newest slot, cancellation for good.
 */
import { describe, expect, it } from "vitest";
import type { Schedule } from "../../core/schedules/schedule.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB, minutesAfter } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

const T0 = "2026-11-26T06:00:00.000Z";
const SLOT_1 = "2026-12-01T06:00:00.000Z";
const SLOT_2 = "2027-01-01T06:00:00.000Z";
const SLOT_3 = "2027-02-01T06:00:00.000Z";

export function schedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    id: "sch-1",
    country: "de",
    cadence: "monthly",
    cron: "0 6 1 * *",
    timezone: "UTC",
    source: { runId: "20261126T050000Z-de-000001", solID: "1_2_3", data: "table DEMO.SALES" },
    channel: "C1",
    createdBy: ALICE,
    createdAt: T0,
    nextDue: SLOT_1,
    ...overrides,
  };
}

export function runStoreSchedulesContract(h: RunStoreHarness): void {
  describe("schedules", () => {
    it("stores a schedule and lists the ones not cancelled, newest first", async () => {
      const first = await h.store().saveSchedule(schedule());
      expect(first).toEqual({ ...schedule(), country: "DE" });
      await h.store().saveSchedule(schedule({ id: "sch-2", createdAt: minutesAfter(T0, 1) }));
      expect((await h.store().listSchedules()).map((s) => s.id)).toEqual(["sch-2", "sch-1"]);
      expect(await h.store().getSchedule("sch-1")).toEqual(first);
      expect(await h.store().getSchedule("nope")).toBeUndefined();
    });

    it("refuses a taken id and a schedule without its cron expression, naming the field", async () => {
      await h.store().saveSchedule(schedule());
      await expectMmmError(h.store().saveSchedule(schedule()), "conflict", "id");
      await expectMmmError(
        h.store().saveSchedule(schedule({ id: "x", cron: "0 6" })),
        "invalid_input",
        "cron",
      );
      await expectMmmError(
        h.store().saveSchedule(schedule({ id: "y", country: "DEU" })),
        "invalid_input",
        "country",
      );
      await expectMmmError(
        h.store().saveSchedule(schedule({ id: "z", timezone: "Europe/Atlantis" })),
        "invalid_input",
        "timezone",
      );
      expect(await h.store().getSchedule("z")).toBeUndefined();
    });

    it("keeps a schedule's time zone, in its canonical name", async () => {
      const stored = await h.store().saveSchedule(schedule({ timezone: "europe/berlin" }));
      expect(stored.timezone).toBe("Europe/Berlin");
      expect((await h.store().getSchedule("sch-1"))?.timezone).toBe("Europe/Berlin");
      const claimed = await h.store().claimScheduleSlot("sch-1", SLOT_1, SLOT_2);
      expect(claimed?.timezone).toBe("Europe/Berlin");
      expect((await h.store().listSchedules())[0]?.timezone).toBe("Europe/Berlin");
    });

    it("ignores claims, outcomes and cancellation given with a new schedule", async () => {
      const stored = await h.store().saveSchedule({
        ...schedule(),
        lastSlot: SLOT_1,
        lastOutcome: { slot: SLOT_1, status: "failed", at: T0, reason: "x" },
        cancelledAt: T0,
        cancelledBy: BOB,
      });
      expect(stored.lastSlot).toBeUndefined();
      expect(stored.lastOutcome).toBeUndefined();
      expect(stored.cancelledAt).toBeUndefined();
    });

    it("claims each slot once, in order, and never an older one", async () => {
      await h.store().saveSchedule(schedule());
      const claimed = await h.store().claimScheduleSlot("sch-1", SLOT_1, SLOT_2);
      expect(claimed).toMatchObject({ lastSlot: SLOT_1, nextDue: SLOT_2 });
      expect(await h.store().claimScheduleSlot("sch-1", SLOT_1, SLOT_2)).toBeUndefined();
      expect(await h.store().claimScheduleSlot("sch-1", SLOT_3, "2027-03-01T06:00:00.000Z")).toBeDefined();
      expect(await h.store().claimScheduleSlot("sch-1", SLOT_2, SLOT_3)).toBeUndefined();
      expect((await h.store().getSchedule("sch-1"))?.lastSlot).toBe(SLOT_3);
      await expectMmmError(h.store().claimScheduleSlot("nope", SLOT_1, SLOT_2), "not_found", "id");
    });

    it("gives one slot to exactly one of many concurrent claims", async () => {
      await h.store().saveSchedule(schedule());
      const claims = await Promise.all(
        Array.from({ length: 6 }, () => h.store().claimScheduleSlot("sch-1", SLOT_1, SLOT_2)),
      );
      expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    });

    it("keeps the outcome of the newest slot", async () => {
      await h.store().saveSchedule(schedule());
      await h.store().claimScheduleSlot("sch-1", SLOT_2, SLOT_3);
      const started = { slot: SLOT_2, status: "started", at: T0, runId: "r-2" } as const;
      expect((await h.store().recordScheduleOutcome("sch-1", started)).lastOutcome).toEqual(started);
      const late = { slot: SLOT_1, status: "failed", at: T0, reason: "late" } as const;
      expect((await h.store().recordScheduleOutcome("sch-1", late)).lastOutcome).toEqual(started);
      await expectMmmError(h.store().recordScheduleOutcome("nope", started), "not_found", "id");
    });

    it("cancels for good at the store's time: no more claims, out of the list, first cancellation stands", async () => {
      await h.store().saveSchedule(schedule());
      const cancelled = await h.store().cancelSchedule("sch-1", ALICE);
      expect(cancelled).toMatchObject({ cancelledAt: h.clock.iso(), cancelledBy: ALICE });
      h.clock.advance(60_000);
      expect((await h.store().cancelSchedule("sch-1", BOB)).cancelledBy).toEqual(ALICE);
      expect(await h.store().listSchedules()).toEqual([]);
      expect(await h.store().claimScheduleSlot("sch-1", SLOT_1, SLOT_2)).toBeUndefined();
      await expectMmmError(h.store().cancelSchedule("nope", ALICE), "not_found", "id");
    });
  });
}
