/**
 * RunStore contract, part 7: forward scenarios saved per model (see `run-store.contract.ts`): saved under a
 * name with the store's time, replaced by a save under the same name, listed by name per model, deleted.
 */
import { describe, expect, it } from "vitest";
import type { SavedScenarioDraft } from "../../core/run-store/port.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB, makeRun } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

export function scenarioDraft(overrides: Partial<SavedScenarioDraft> = {}): SavedScenarioDraft {
  return {
    runId: "run-1",
    solID: "1_2_3",
    name: "TV +20%",
    plan: { periods: 8, multiplier: { tv_S: 1.2 } },
    by: ALICE,
    ...overrides,
  };
}

export function runStoreScenariosContract(h: RunStoreHarness): void {
  describe("saved scenarios", () => {
    async function withRun(id = "run-1"): Promise<void> {
      await h.store().createRun(makeRun({ id }));
    }

    it("saves a scenario with the store's time and returns it by run, model and name", async () => {
      await withRun();
      const stored = await h.store().saveScenario(scenarioDraft());
      expect(stored).toEqual({ ...scenarioDraft(), savedAt: h.clock.iso() });
      expect(await h.store().getScenario("run-1", "1_2_3", "TV +20%")).toEqual(stored);
      expect(await h.store().getScenario("run-1", "1_2_3", "tv +20%")).toBeUndefined();
      expect(await h.store().getScenario("run-1", "9_9_9", "TV +20%")).toBeUndefined();
      expect(await h.store().getScenario("run-2", "1_2_3", "TV +20%")).toBeUndefined();
    });

    it("keeps an explicit plan exactly, and returns copies", async () => {
      await withRun();
      const plan = { dates: ["2020-01-06", "2020-01-13"], spend: { tv_S: [1000.5, 0], ooh_S: [0.1, 2e6] } };
      const stored = await h.store().saveScenario(scenarioDraft({ name: "Plan Q1", plan }));
      (stored.plan as unknown as { dates: string[] }).dates.push("x");
      expect((await h.store().getScenario("run-1", "1_2_3", "Plan Q1"))?.plan).toEqual(plan);
    });

    it("replaces a scenario saved again under the same name on the same model", async () => {
      await withRun();
      await h.store().saveScenario(scenarioDraft());
      h.clock.advance(60_000);
      const again = await h.store().saveScenario(scenarioDraft({ plan: { periods: 4 }, by: BOB }));
      expect(again.savedAt).toBe(h.clock.iso());
      expect(await h.store().getScenario("run-1", "1_2_3", "TV +20%")).toEqual(again);
      expect(await h.store().listScenarios("run-1", "1_2_3")).toEqual([again]);
    });

    it("lists a model's scenarios by name, apart from other models' and runs'", async () => {
      await withRun();
      await withRun("run-2");
      for (const name of ["b", "A", "a (2)", "Z"]) await h.store().saveScenario(scenarioDraft({ name }));
      await h.store().saveScenario(scenarioDraft({ name: "other model", solID: "4_5_6" }));
      await h.store().saveScenario(scenarioDraft({ name: "other run", runId: "run-2" }));
      expect((await h.store().listScenarios("run-1", "1_2_3")).map((s) => s.name)).toEqual([
        "A",
        "Z",
        "a (2)",
        "b",
      ]);
      expect((await h.store().listScenarios("run-1", "4_5_6")).map((s) => s.name)).toEqual(["other model"]);
      expect(await h.store().listScenarios("run-3", "1_2_3")).toEqual([]);
    });

    it("deletes a scenario and returns it; deleting it again is not_found naming the name", async () => {
      await withRun();
      const stored = await h.store().saveScenario(scenarioDraft());
      await h.store().saveScenario(scenarioDraft({ name: "keep" }));
      expect(await h.store().deleteScenario("run-1", "1_2_3", "TV +20%")).toEqual(stored);
      expect(await h.store().getScenario("run-1", "1_2_3", "TV +20%")).toBeUndefined();
      expect((await h.store().listScenarios("run-1", "1_2_3")).map((s) => s.name)).toEqual(["keep"]);
      await expectMmmError(h.store().deleteScenario("run-1", "1_2_3", "TV +20%"), "not_found", "name");
    });

    it("refuses a scenario on a missing run or with a bad name, and stores nothing", async () => {
      await expectMmmError(h.store().saveScenario(scenarioDraft()), "not_found", "runId");
      await withRun();
      for (const name of ["", " leading space", "a/b", "x".repeat(61)])
        await expectMmmError(h.store().saveScenario(scenarioDraft({ name })), "invalid_input", "name");
      await expectMmmError(
        h.store().saveScenario(scenarioDraft({ plan: {} as SavedScenarioDraft["plan"] })),
        "invalid_input",
        "plan",
      );
      expect(await h.store().listScenarios("run-1", "1_2_3")).toEqual([]);
    });
  });
}
