/**
 * RunStore contract, part 7: saved preparations (see `run-store.contract.ts`): stored under a unique name,
 * listed by name, returned as copies, deleted for good.
 */
import { describe, expect, it } from "vitest";
import type { Preparation } from "../../core/preparations/preparation.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

export function preparationRecord(overrides: Partial<Preparation> = {}): Preparation {
  return {
    name: "us-weekly",
    source: { dataset: "weekly-sales@2" },
    market: "US",
    country_column: "country",
    date_column: "DATE",
    goal: { column: "revenue", type: "revenue" },
    secondary_goals: [{ column: "orders", type: "conversion" }],
    columns: ["DATE", "country", "revenue", "orders", "tv_S", "fb_a_S", "fb_b_S", "fb_I"],
    derived: [{ name: "facebook_S", sum: ["fb_a_S", "fb_b_S"], tag: "facebook" }],
    paid_media: [
      { spend: "tv_S", response: "tv_S" },
      { spend: "facebook_S", response: "fb_I" },
    ],
    organic_vars: [],
    context_vars: [],
    factor_vars: [],
    created_by: ALICE,
    created_at: "2026-11-26T05:00:00.000Z",
    ...overrides,
  };
}

export function runStorePreparationsContract(h: RunStoreHarness): void {
  describe("preparations", () => {
    it("stores a preparation whole and returns it by name", async () => {
      const stored = await h.store().savePreparation(preparationRecord());
      expect(stored).toEqual(preparationRecord());
      expect(await h.store().getPreparation("us-weekly")).toEqual(preparationRecord());
      expect(await h.store().getPreparation("nothing")).toBeUndefined();
    });

    it("stores a preparation made on a SQL query with its text", async () => {
      const sql = "SELECT * FROM SALES WHERE \"DATE\" >= '2024-01-01' -- one query";
      const record = preparationRecord({ name: "from-sql", source: { sql } });
      expect(await h.store().savePreparation(record)).toEqual(record);
      expect((await h.store().getPreparation("from-sql"))?.source).toEqual({ sql });
    });

    it("refuses a second preparation under a taken name, keeping the first", async () => {
      await h.store().savePreparation(preparationRecord());
      await expectMmmError(
        h.store().savePreparation(preparationRecord({ created_by: BOB })),
        "conflict",
        "name",
      );
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => h.store().savePreparation(preparationRecord({ name: "race" }))),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await h.store().getPreparation("us-weekly"))?.created_by).toEqual(ALICE);
    });

    it("lists every preparation by name", async () => {
      await h.store().savePreparation(preparationRecord({ name: "zeta" }));
      await h.store().savePreparation(preparationRecord({ name: "alpha" }));
      expect((await h.store().listPreparations()).map((p) => p.name)).toEqual(["alpha", "zeta"]);
    });

    it("deletes a preparation and frees its name", async () => {
      await h.store().savePreparation(preparationRecord());
      expect((await h.store().deletePreparation("us-weekly"))?.name).toBe("us-weekly");
      expect(await h.store().getPreparation("us-weekly")).toBeUndefined();
      expect(await h.store().deletePreparation("us-weekly")).toBeUndefined();
      expect(await h.store().listPreparations()).toEqual([]);
      await h.store().savePreparation(preparationRecord({ created_by: BOB }));
      expect((await h.store().getPreparation("us-weekly"))?.created_by).toEqual(BOB);
    });

    it("refuses a bad name or time, storing nothing", async () => {
      await expectMmmError(
        h.store().savePreparation(preparationRecord({ name: "Bad Name" })),
        "invalid_input",
        "name",
      );
      await expectMmmError(
        h.store().savePreparation(preparationRecord({ created_at: "yesterday" })),
        "invalid_input",
        "created_at",
      );
      expect(await h.store().listPreparations()).toEqual([]);
    });

    it("returns copies and keeps none of a caller's stray fields", async () => {
      const stored = await h
        .store()
        .savePreparation({ ...preparationRecord(), stray: 1 } as unknown as Preparation);
      expect(stored).not.toHaveProperty("stray");
      (stored.columns as string[]).push("changed");
      expect((await h.store().getPreparation("us-weekly"))?.columns).toEqual(preparationRecord().columns);
      expect(await h.store().getPreparation("us-weekly")).not.toHaveProperty("stray");
    });
  });
}
