/**
 * RunStore contract, part 3: trainer events, idempotent by sequence number (see `run-store.contract.ts`).
 * Its registering function is a flat list of short tests, hence its length.
 */
import { describe, expect, it } from "vitest";
import type { TrainerEvent } from "../../core/events.ts";
import type { Run } from "../../core/run.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { makeRun } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

const AT = "2026-11-26T05:00:00.000Z";
const started = (seq: number): TrainerEvent => ({ seq, at: AT, type: "started", execution: "e1" });
const progress = (seq: number, done: number): TrainerEvent => ({
  seq,
  at: AT,
  type: "progress",
  phase: "search",
  done,
  total: 10_000,
  bestNrmse: 0.12,
  etaSeconds: 40,
});
const completed = (seq: number): TrainerEvent => ({
  seq,
  at: AT,
  type: "completed",
  summary: { paretoModels: 42, bestModel: "1_2_3" },
  resources: { cpuSeconds: 120, peakMemoryMb: 900, wallSeconds: 65 },
});

export function runStoreEventsContract(h: RunStoreHarness): void {
  describe("recordEvent", () => {
    async function created(status: Run["status"] = "preparing"): Promise<Run> {
      const run = makeRun({ status });
      await h.store().createRun(run);
      return run;
    }

    it("moves a run through started, progress and completed, and logs each event", async () => {
      const run = await created();
      h.clock.advance(1000);
      const first = await h.store().recordEvent(run.id, started(1));
      expect(first.applied).toBe(true);
      expect(first.run).toMatchObject({ status: "running", startedAt: h.clock.iso(), lastEventSeq: 1 });
      expect(first.run.lastHeartbeatAt).toBe(h.clock.iso());

      h.clock.advance(1000);
      const second = await h.store().recordEvent(run.id, progress(2, 500));
      expect(second.run.progress).toEqual({
        phase: "search",
        done: 500,
        total: 10_000,
        bestNrmse: 0.12,
        etaSeconds: 40,
      });
      expect(second.run.lastHeartbeatAt).toBe(h.clock.iso());
      expect(second.run.startedAt).toBe(first.run.startedAt);

      h.clock.advance(1000);
      const third = await h.store().recordEvent(run.id, completed(3));
      expect(third.run).toMatchObject({
        status: "succeeded",
        finishedAt: h.clock.iso(),
        summary: { paretoModels: 42, bestModel: "1_2_3" },
        resources: { cpuSeconds: 120, peakMemoryMb: 900, wallSeconds: 65 },
        lastEventSeq: 3,
      });
      expect(await h.store().getRun(run.id)).toEqual(third.run);
      expect(await h.store().listEvents(run.id)).toEqual([started(1), progress(2, 500), completed(3)]);
    });

    it("moves a queued or preparing run to running on its first progress", async () => {
      for (const status of ["queued", "preparing"] as const) {
        const run = await created(status);
        const change = await h.store().recordEvent(run.id, progress(1, 10));
        expect(change.run.status).toBe("running");
        expect(change.run.startedAt).toBe(h.clock.iso());
      }
    });

    it("records a failure with its reason, log tail and resources", async () => {
      const run = await created("running");
      const change = await h.store().recordEvent(run.id, {
        seq: 1,
        at: AT,
        type: "failed",
        reason: "column tv_S has negative values",
        logTail: "line 1\nline 2",
        resources: { cpuSeconds: 1, peakMemoryMb: 100, wallSeconds: 2 },
      });
      expect(change.run).toMatchObject({
        status: "failed",
        failure: { reason: "column tv_S has negative values", logTail: "line 1\nline 2" },
        resources: { cpuSeconds: 1, peakMemoryMb: 100, wallSeconds: 2 },
        finishedAt: h.clock.iso(),
      });
    });

    it("records a cancellation", async () => {
      const run = await created("running");
      const change = await h
        .store()
        .recordEvent(run.id, { seq: 4, at: AT, type: "cancelled", reason: "user" });
      expect(change.run).toMatchObject({ status: "cancelled", lastEventSeq: 4, finishedAt: h.clock.iso() });
    });

    it("ignores a duplicate: nothing changes and the log holds the event once", async () => {
      const run = await created();
      await h.store().recordEvent(run.id, started(1));
      const before = await h.store().getRun(run.id);
      h.clock.advance(1000);
      const again = await h.store().recordEvent(run.id, started(1));
      expect(again.applied).toBe(false);
      expect(again.run).toEqual(before);
      expect(await h.store().getRun(run.id)).toEqual(before);
      expect(await h.store().listEvents(run.id)).toEqual([started(1)]);
    });

    it("ignores an event older than the newest one applied (arriving out of order)", async () => {
      const run = await created();
      await h.store().recordEvent(run.id, progress(3, 300));
      const late = await h.store().recordEvent(run.id, progress(2, 200));
      expect(late.applied).toBe(false);
      expect(late.run.progress?.done).toBe(300);
      expect(late.run.lastEventSeq).toBe(3);
      expect((await h.store().listEvents(run.id)).map((e) => e.seq)).toEqual([3]);
    });

    it("changes nothing on a finished run but keeps the event in the log", async () => {
      const run = await created("running");
      await h.store().recordEvent(run.id, progress(1, 100));
      await h.store().recordEvent(run.id, completed(2));
      const finished = await h.store().getRun(run.id);
      h.clock.advance(1000);
      const late = await h.store().recordEvent(run.id, progress(3, 9999));
      expect(late.applied).toBe(false);
      expect(late.run).toEqual({ ...finished, lastEventSeq: 3 });
      const failedLate = await h.store().recordEvent(run.id, { seq: 4, at: AT, type: "failed", reason: "x" });
      expect(failedLate.applied).toBe(false);
      expect(failedLate.run.status).toBe("succeeded");
      expect(failedLate.run.failure).toBeUndefined();
      expect((await h.store().listEvents(run.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it("does not reopen a run the app cancelled when the trainer reports again", async () => {
      const run = await created("running");
      await h.store().transition(run.id, "cancelled");
      const change = await h.store().recordEvent(run.id, completed(1));
      expect(change.applied).toBe(false);
      expect(change.run.status).toBe("cancelled");
      expect(change.run.summary).toBeUndefined();
    });

    it("applies one of many concurrent copies of the same event", async () => {
      const run = await created();
      const changes = await Promise.all(
        Array.from({ length: 8 }, () => h.store().recordEvent(run.id, started(1))),
      );
      expect(changes.filter((c) => c.applied)).toHaveLength(1);
      expect(await h.store().listEvents(run.id)).toHaveLength(1);
    });

    it("refuses a malformed event and an unknown run", async () => {
      const run = await created();
      const malformed = { seq: 0, at: AT, type: "started" } as TrainerEvent;
      await expectMmmError(h.store().recordEvent(run.id, malformed), "invalid_input", "event");
      await expectMmmError(h.store().recordEvent("20261126T000000Z-de-000000", started(1)), "not_found");
      expect(await h.store().listEvents(run.id)).toEqual([]);
    });
  });
}
