/**
 * RunStore contract, part 2: the forward-only status machine (see `run-store.contract.ts`).
 */
import { describe, expect, it } from "vitest";
import { RUN_STATUSES, canTransition, type RunStatus } from "../../core/run.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { makeRun } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

export function runStoreTransitionsContract(h: RunStoreHarness): void {
  describe("transition", () => {
    it("applies exactly the moves canTransition allows, for every pair of statuses", async () => {
      const pairs = RUN_STATUSES.flatMap((from) => RUN_STATUSES.map((to) => [from, to] as const));
      const runs = pairs.map(([from]) => makeRun({ status: from }));
      for (const run of runs) await h.store().createRun(run);
      h.clock.advance(1000);
      for (const [i, [from, to]] of pairs.entries()) {
        const before = runs[i]!;
        const change = await h.store().transition(before.id, to, { failure: { reason: "test" } });
        const allowed = canTransition(from, to);
        expect(change.applied, `${from} → ${to}`).toBe(allowed);
        expect(change.run.status, `${from} → ${to}`).toBe(allowed ? to : from);
        if (!allowed) expect(change.run, `${from} → ${to} changed the run`).toEqual(before);
        expect(await h.store().getRun(before.id)).toEqual(change.run);
      }
    });

    it("sets startedAt on reaching running and finishedAt on finishing, from the store's clock", async () => {
      const run = makeRun();
      await h.store().createRun(run);
      h.clock.advance(1000);
      const preparing = await h.store().transition(run.id, "preparing");
      expect(preparing.run.startedAt).toBeUndefined();
      expect(preparing.run.updatedAt).toBe(h.clock.iso());
      h.clock.advance(1000);
      const startedAt = h.clock.iso();
      expect((await h.store().transition(run.id, "running")).run.startedAt).toBe(startedAt);
      h.clock.advance(60_000);
      const done = await h.store().transition(run.id, "succeeded", { summary: { models: 3 } });
      expect(done.run).toMatchObject({ startedAt, finishedAt: h.clock.iso(), summary: { models: 3 } });
    });

    it("finishes a run that never started without a start time", async () => {
      const run = makeRun();
      await h.store().createRun(run);
      const failed = await h.store().transition(run.id, "failed", { failure: { reason: "no data for DE" } });
      expect(failed.run.startedAt).toBeUndefined();
      expect(failed.run.finishedAt).toBe(h.clock.iso());
      expect(failed.run.failure).toEqual({ reason: "no data for DE" });
    });

    it("ignores a late or duplicate move, patch included", async () => {
      const run = makeRun({ status: "running" });
      await h.store().createRun(run);
      await h.store().transition(run.id, "succeeded", { summary: { models: 3 } });
      const late = await h.store().transition(run.id, "failed", { failure: { reason: "poll said failed" } });
      expect(late.applied).toBe(false);
      expect(late.run.status).toBe("succeeded");
      expect(late.run.failure).toBeUndefined();
      expect((await h.store().transition(run.id, "succeeded")).applied).toBe(false);
      expect((await h.store().transition(run.id, "running")).applied).toBe(false);
    });

    it("lets exactly one of many concurrent final moves win", async () => {
      const run = makeRun({ status: "running" });
      await h.store().createRun(run);
      const targets: RunStatus[] = ["succeeded", "failed", "cancelled", "succeeded", "failed", "cancelled"];
      const changes = await Promise.all(
        targets.map((to, i) => h.store().transition(run.id, to, { failure: { reason: `caller ${i}` } })),
      );
      const winners = changes.filter((c) => c.applied);
      expect(winners).toHaveLength(1);
      const stored = (await h.store().getRun(run.id))!;
      expect(stored).toEqual(winners[0]!.run);
      for (const loser of changes.filter((c) => !c.applied)) expect(loser.run.status).toBe(stored.status);
    });

    it("lets exactly one of many concurrent identical moves win", async () => {
      const run = makeRun();
      await h.store().createRun(run);
      const changes = await Promise.all(
        Array.from({ length: 8 }, () => h.store().transition(run.id, "preparing")),
      );
      expect(changes.filter((c) => c.applied)).toHaveLength(1);
    });

    it("fails with not_found for an unknown run and invalid_input for an unknown status", async () => {
      await expectMmmError(h.store().transition("20261126T000000Z-de-000000", "running"), "not_found");
      const run = makeRun();
      await h.store().createRun(run);
      await expectMmmError(h.store().transition(run.id, "paused" as RunStatus), "invalid_input", "status");
    });
  });
}
