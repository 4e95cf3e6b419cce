/**
 * The RunStore contract against the Firestore adapter, talking gRPC to the npm Firestore emulator
 * (`tests/fakes/firestore-emulator.ts`) started once for this file. Each test gets a project id of its
 * own, so tests never see each other's data, and `reopen` opens a second client on the same project.
 * The emulator's address goes to each client as `emulatorHost`; no environment variable is set.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFirestoreRunStore } from "../../core/run-store/firestore/firestore.ts";
import { startFirestoreEmulator, type RunningFirestoreEmulator } from "../fakes/firestore-emulator.ts";
import { makeRun } from "./run-fixtures.ts";
import { runStoreContract } from "./run-store.contract.ts";
import { schedule } from "./run-store-schedules.contract.ts";

let emulator: RunningFirestoreEmulator;
beforeAll(async () => {
  emulator = await startFirestoreEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

runStoreContract("firestore (emulator)", async ({ now }) => {
  const options = { projectId: `mmm-test-${randomUUID()}`, emulatorHost: emulator.host, now };
  const store = await openFirestoreRunStore(options);
  return {
    store,
    reopen: () => openFirestoreRunStore(options),
    cleanup: () => store.close(),
  };
});

describe("Firestore run store: adapter specifics", () => {
  it("keeps ids that are not plain document ids apart, and out of other paths", async () => {
    const store = await openFirestoreRunStore({
      projectId: `mmm-test-${randomUUID()}`,
      emulatorHost: emulator.host,
    });
    try {
      const odd = makeRun({ id: "runs/../__odd__" });
      const plain = makeRun({ id: "__odd__x" });
      await store.createRun(odd);
      await store.createRun(plain);
      expect((await store.getRun(odd.id))?.id).toBe(odd.id);
      expect((await store.getRun(plain.id))?.id).toBe(plain.id);
      expect(await store.getRun("runs")).toBeUndefined();
      const events = await store.recordEvent(odd.id, { seq: 1, at: odd.createdAt, type: "started" });
      expect(events.applied).toBe(true);
      expect(await store.listEvents(odd.id)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("gives a schedule's slot to one of two instances claiming it at once", async () => {
    const options = { projectId: `mmm-test-${randomUUID()}`, emulatorHost: emulator.host };
    const [a, b] = [await openFirestoreRunStore(options), await openFirestoreRunStore(options)];
    try {
      await a.saveSchedule(schedule());
      const claims = await Promise.all(
        [a, b, a, b].map((store) =>
          store.claimScheduleSlot("sch-1", "2026-12-01T06:00:00.000Z", "2027-01-01T06:00:00.000Z"),
        ),
      );
      expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
