/**
 * The RunStore contract (`core/run-store/port.ts`), run against every adapter.
 *
 * `make` is called before each test with the clock the store must use (`now` in the adapter's options;
 * tests move it to expire idempotency keys and to check the times a store sets). It returns a fresh,
 * empty store, a `cleanup` that closes it and removes its data, and, for a durable store, `reopen`,
 * which opens another store instance over the same data (the same file, the same Firestore project):
 * the suite closes the first store, reopens, and expects to find everything.
 *
 *   runStoreContract("sqlite", async ({ now }) => { … return { store, cleanup, reopen }; });
 *
 * The tests are grouped by concern in the files beside this one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunStore } from "../../core/run-store/port.ts";
import { ALICE, makeRun } from "./run-fixtures.ts";
import type { RunStoreHarness, TestClock } from "./run-store-harness.ts";
import { runStoreAccessContract } from "./run-store-access.contract.ts";
import { datasetDraft, runStoreDatasetsContract } from "./run-store-datasets.contract.ts";
import { runStoreEventsContract } from "./run-store-events.contract.ts";
import { preparationRecord, runStorePreparationsContract } from "./run-store-preparations.contract.ts";
import { runStoreKeysPicksMappingsContract } from "./run-store-keys-picks-mappings.contract.ts";
import { runStoreLiftStudiesContract } from "./run-store-lift-studies.contract.ts";
import { runStoreRunsContract } from "./run-store-runs.contract.ts";
import { runStoreScenariosContract, scenarioDraft } from "./run-store-scenarios.contract.ts";
import { runStoreSchedulesContract, schedule } from "./run-store-schedules.contract.ts";
import { runStoreTransitionsContract } from "./run-store-transitions.contract.ts";

export interface RunStoreUnderTest {
  readonly store: RunStore;
  readonly cleanup: () => Promise<void>;
  readonly reopen?: () => Promise<RunStore>;
}

export interface RunStoreContext {
  /** The clock the store must use for every time it sets. */
  readonly now: () => Date;
}

/** Where the clock starts for every test. */
export const START = "2026-11-26T05:00:00.000Z";

export function runStoreContract(
  name: string,
  make: (context: RunStoreContext) => Promise<RunStoreUnderTest>,
): void {
  describe(`RunStore contract: ${name}`, () => {
    let time = Date.parse(START);
    const clock: TestClock = {
      now: () => new Date(time),
      iso: () => new Date(time).toISOString(),
      advance: (ms) => {
        time += ms;
      },
    };
    let subject: RunStoreUnderTest;
    const harness: RunStoreHarness = { store: () => subject.store, clock };
    beforeEach(async () => {
      time = Date.parse(START);
      subject = await make({ now: clock.now });
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    runStoreRunsContract(harness);
    runStoreTransitionsContract(harness);
    runStoreEventsContract(harness);
    runStoreKeysPicksMappingsContract(harness);
    runStoreAccessContract(harness);
    runStoreDatasetsContract(harness);
    runStoreLiftStudiesContract(harness);
    runStoreScenariosContract(harness);
    runStoreSchedulesContract(harness);
    runStorePreparationsContract(harness);

    describe("durability", () => {
      it("finds everything again in a store reopened over the same data", async (context) => {
        if (subject.reopen === undefined) return context.skip("this adapter keeps nothing after close");
        const store = subject.store;
        const run = makeRun({ tag: "durable" });
        await store.createRun(run);
        await store.recordEvent(run.id, { seq: 1, at: START, type: "started" });
        await store.updateRun(run.id, { slack: { channel: "C1", ts: "1.2" } });
        await store.claimIdempotencyKey("slack:abc", run.id, 3600);
        await store.pickBest({ country: "DE", runId: run.id, solID: "1_2_3", by: ALICE, at: START });
        await store.saveMapping({
          table: "DEMO.T",
          mapping: { tv_S: "paid_media_spend" },
          by: ALICE,
          at: START,
        });
        const expiresAt = new Date(Date.parse(START) + 86_400_000).toISOString();
        await store.saveShareLink({ id: "sl-1", runId: run.id, by: ALICE, createdAt: START, expiresAt });
        await store.revokeShareLink("sl-1", ALICE);
        await store.saveApiToken({
          id: "t-1",
          label: "ci",
          hash: "a".repeat(64),
          by: ALICE,
          createdAt: START,
        });
        await store.addDataset(datasetDraft());
        await store.saveLiftStudy({
          id: "ls-1",
          country: "DE",
          study: {
            channel: "tv_S",
            liftStartDate: "2018-05-07",
            liftEndDate: "2018-06-04",
            liftAbs: 1,
            spend: 1,
          },
          by: ALICE,
          at: START,
        });
        await store.saveScenario(scenarioDraft({ runId: run.id }));
        await store.saveSchedule(schedule());
        await store.claimScheduleSlot("sch-1", "2026-12-01T06:00:00.000Z", "2027-01-01T06:00:00.000Z");
        await store.savePreparation(preparationRecord());
        const before = await store.getRun(run.id);
        await store.close();

        const reopened = await subject.reopen();
        try {
          expect(await reopened.getRun(run.id)).toEqual(before);
          expect((await reopened.listRuns({ tag: "durable" })).runs.map((r) => r.id)).toEqual([run.id]);
          expect(await reopened.listEvents(run.id)).toHaveLength(1);
          expect(await reopened.claimIdempotencyKey("slack:abc", "other", 3600)).toEqual({
            claimed: false,
            value: run.id,
          });
          expect((await reopened.getBest("DE"))?.solID).toBe("1_2_3");
          expect((await reopened.getMapping("demo.t"))?.mapping).toEqual({ tv_S: "paid_media_spend" });
          expect((await reopened.getShareLink("sl-1"))?.revokedAt).toBe(START);
          expect((await reopened.findApiToken("a".repeat(64)))?.label).toBe("ci");
          expect((await reopened.getDataset("weekly-sales"))?.version).toBe(1);
          expect((await reopened.listLiftStudies("de")).map((s) => s.id)).toEqual(["ls-1"]);
          expect((await reopened.listScenarios(run.id, "1_2_3")).map((s) => s.name)).toEqual(["TV +20%"]);
          // Another instance over the same data cannot claim the slot again.
          expect(
            await reopened.claimScheduleSlot("sch-1", "2026-12-01T06:00:00.000Z", "2027-01-01T06:00:00.000Z"),
          ).toBeUndefined();
          expect((await reopened.listSchedules()).map((s) => s.lastSlot)).toEqual([
            "2026-12-01T06:00:00.000Z",
          ]);
          expect(await reopened.getPreparation("us-weekly")).toEqual(preparationRecord());
        } finally {
          await reopened.close();
        }
      });

      it("refuses calls after close, and closing twice is harmless", async () => {
        const store = subject.store;
        await store.close();
        await store.close();
        await expect(store.getRun("x")).rejects.toThrow();
        await expect(store.createRun(makeRun())).rejects.toThrow();
      });
    });
  });
}
