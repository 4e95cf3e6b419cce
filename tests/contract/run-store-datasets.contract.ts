/**
 * RunStore contract, part 6: the register of uploaded datasets (see `run-store.contract.ts`): versions
 * given by the store, one after another, lists of the latest versions, and deletion of a whole dataset.
 */
import { describe, expect, it } from "vitest";
import { datasetKey, type DatasetDraft } from "../../core/datasets/dataset.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

export function datasetDraft(overrides: Partial<DatasetDraft> = {}): DatasetDraft {
  const name = overrides.name ?? "weekly-sales";
  const contentHash = overrides.contentHash ?? "ab".repeat(32);
  return {
    name,
    fileName: "weekly sales.csv",
    format: "csv",
    bytes: 1234,
    contentHash,
    key: datasetKey(name, contentHash),
    columns: [
      { name: "DATE", type: "date" },
      { name: "revenue", type: "number" },
    ],
    rows: 208,
    dateColumn: "DATE",
    dateRange: { start: "2020-01-06", end: "2023-12-25" },
    notes: ["Read as CSV: comma-separated."],
    uploadedBy: ALICE,
    ...overrides,
  };
}

export function runStoreDatasetsContract(h: RunStoreHarness): void {
  describe("datasets", () => {
    it("gives the first upload version 1 and the store's time, and returns it by name and version", async () => {
      const stored = await h.store().addDataset(datasetDraft());
      expect(stored).toEqual({ ...datasetDraft(), version: 1, uploadedAt: h.clock.iso() });
      expect(await h.store().getDataset("weekly-sales")).toEqual(stored);
      expect(await h.store().getDataset("weekly-sales", 1)).toEqual(stored);
      expect(await h.store().getDataset("weekly-sales", 2)).toBeUndefined();
      expect(await h.store().getDataset("nothing")).toBeUndefined();
    });

    it("adds the next version for each upload under a name; the latest is the default", async () => {
      await h.store().addDataset(datasetDraft());
      h.clock.advance(60_000);
      const second = await h.store().addDataset(
        datasetDraft({
          contentHash: "cd".repeat(32),
          key: datasetKey("weekly-sales", "cd".repeat(32)),
          uploadedBy: BOB,
        }),
      );
      expect(second.version).toBe(2);
      expect(second.uploadedBy).toEqual(BOB);
      expect((await h.store().getDataset("weekly-sales"))?.version).toBe(2);
      expect((await h.store().getDataset("weekly-sales", 1))?.contentHash).toBe("ab".repeat(32));
      expect((await h.store().listDatasetVersions("weekly-sales")).map((d) => d.version)).toEqual([2, 1]);
      expect(await h.store().listDatasetVersions("nothing")).toEqual([]);
    });

    it("gives concurrent uploads under one name distinct versions", async () => {
      const stored = await Promise.all(Array.from({ length: 5 }, () => h.store().addDataset(datasetDraft())));
      expect(stored.map((d) => d.version).sort()).toEqual([1, 2, 3, 4, 5]);
    });

    it("lists the latest version of every dataset, by name", async () => {
      await h.store().addDataset(datasetDraft({ name: "zeta", key: datasetKey("zeta", "ab".repeat(32)) }));
      await h.store().addDataset(datasetDraft());
      await h.store().addDataset(datasetDraft());
      const list = await h.store().listDatasets();
      expect(list.map((d) => [d.name, d.version])).toEqual([
        ["weekly-sales", 2],
        ["zeta", 1],
      ]);
    });

    it("deletes every version of a dataset, and the name starts again at 1", async () => {
      await h.store().addDataset(datasetDraft());
      await h.store().addDataset(datasetDraft());
      const removed = await h.store().deleteDataset("weekly-sales");
      expect(removed.map((d) => d.version)).toEqual([2, 1]);
      expect(await h.store().getDataset("weekly-sales")).toBeUndefined();
      expect(await h.store().listDatasets()).toEqual([]);
      expect(await h.store().deleteDataset("weekly-sales")).toEqual([]);
      expect((await h.store().addDataset(datasetDraft())).version).toBe(1);
    });

    it("refuses a bad name, hash, key, row count or date column, storing nothing", async () => {
      await expectMmmError(h.store().addDataset(datasetDraft({ name: "Bad Name" })), "invalid_input", "name");
      await expectMmmError(
        h.store().addDataset(datasetDraft({ contentHash: "xyz" })),
        "invalid_input",
        "contentHash",
      );
      await expectMmmError(h.store().addDataset(datasetDraft({ key: "runs/x" })), "invalid_input", "key");
      await expectMmmError(h.store().addDataset(datasetDraft({ rows: 0 })), "invalid_input", "rows");
      await expectMmmError(
        h.store().addDataset(datasetDraft({ dateColumn: "week" })),
        "invalid_input",
        "dateColumn",
      );
      expect(await h.store().listDatasets()).toEqual([]);
    });

    it("returns copies: changing a returned dataset changes nothing stored", async () => {
      const stored = await h.store().addDataset(datasetDraft());
      (stored.columns as unknown as { name: string }[])[0]!.name = "changed";
      expect((await h.store().getDataset("weekly-sales"))?.columns[0]?.name).toBe("DATE");
    });
  });
}
