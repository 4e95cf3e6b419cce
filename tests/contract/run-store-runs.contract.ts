/**
 * RunStore contract, part 1: creating, reading, listing and patching runs (see `run-store.contract.ts`).
 * Its registering function is a flat list of short tests, hence its length.
 */
import { describe, expect, it } from "vitest";
import type { Run } from "../../core/run.ts";
import type { RunFilter, RunPatch, RunStore } from "../../core/run-store/port.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB, makeRun, minutesAfter } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

const T0 = "2026-11-20T09:00:00.000Z";

/** Every page of a listing, following cursors. */
async function allPages(store: RunStore, filter: RunFilter): Promise<Run[][]> {
  const pages: Run[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRuns({ ...filter, ...(cursor !== undefined ? { cursor } : {}) });
    pages.push(page.runs);
    cursor = page.nextCursor;
    if (pages.length > 50) throw new Error("the cursor never ends");
  } while (cursor !== undefined);
  return pages;
}

export function runStoreRunsContract(h: RunStoreHarness): void {
  describe("createRun and getRun", () => {
    it("returns the run as it was created, as a copy", async () => {
      const run = makeRun({ tag: "Q3 budget review", groupId: "g1", slack: { channel: "C1", ts: "1.2" } });
      await h.store().createRun(run);
      const stored = await h.store().getRun(run.id);
      expect(stored).toEqual(run);
      stored!.status = "failed";
      stored!.spec.paid_media_spends.push("changed");
      expect(await h.store().getRun(run.id)).toEqual(run);
    });

    it("answers undefined for an unknown id", async () => {
      expect(await h.store().getRun("20261126T000000Z-de-000000")).toBeUndefined();
    });

    it("refuses a second run with the same id and keeps the first", async () => {
      const run = makeRun();
      await h.store().createRun(run);
      await expectMmmError(h.store().createRun({ ...run, tag: "imposter" }), "conflict");
      expect(await h.store().getRun(run.id)).toEqual(run);
    });

    it("refuses a run it could not list or order", async () => {
      await expectMmmError(h.store().createRun(makeRun({ id: "" })), "invalid_input", "id");
      await expectMmmError(
        h.store().createRun(makeRun({ id: "20261126T000000Z-de-abcdef", createdAt: "yesterday" })),
        "invalid_input",
        "createdAt",
      );
    });
  });

  describe("listRuns", () => {
    /** Seven runs a minute apart: DE, FR, DE, US, DE, FR, DE (newest last), with a few fields varied. */
    async function seed(): Promise<Run[]> {
      const countries = ["DE", "FR", "DE", "US", "DE", "FR", "DE"];
      const runs = countries.map((country, i) =>
        makeRun({
          country,
          createdAt: minutesAfter(T0, i),
          status: i < 3 ? "succeeded" : i === 3 ? "failed" : "queued",
          createdBy: i % 2 === 0 ? ALICE : BOB,
          ...(i >= 4 ? { tag: "Q3", groupId: "launch-1" } : {}),
        }),
      );
      for (const run of [...runs].reverse()) await h.store().createRun(run);
      return runs;
    }
    const ids = (runs: readonly Run[]) => runs.map((r) => r.id);
    const newestFirst = (runs: readonly Run[]) => ids([...runs].reverse());

    it("lists every run newest first when no filter is given", async () => {
      const runs = await seed();
      const page = await h.store().listRuns();
      expect(ids(page.runs)).toEqual(newestFirst(runs));
      expect(page.nextCursor).toBeUndefined();
    });

    it("filters by country (any case), statuses, creator, tag and group", async () => {
      const runs = await seed();
      const pick = (...indexes: number[]) => newestFirst(indexes.map((i) => runs[i]!));
      const list = async (filter: RunFilter) => ids((await h.store().listRuns(filter)).runs);
      expect(await list({ country: "de" })).toEqual(pick(0, 2, 4, 6));
      expect(await list({ status: ["failed", "queued"] })).toEqual(pick(3, 4, 5, 6));
      expect(await list({ status: [] })).toEqual(pick(0, 1, 2, 3, 4, 5, 6));
      expect(await list({ createdBy: BOB.id })).toEqual(pick(1, 3, 5));
      expect(await list({ tag: "Q3" })).toEqual(pick(4, 5, 6));
      expect(await list({ groupId: "launch-1", country: "FR" })).toEqual(pick(5));
      expect(await list({ country: "GB" })).toEqual([]);
    });

    it("filters by creation time: since is inclusive, until exclusive", async () => {
      const runs = await seed();
      const list = async (filter: RunFilter) => ids((await h.store().listRuns(filter)).runs);
      expect(await list({ since: minutesAfter(T0, 2), until: minutesAfter(T0, 5) })).toEqual(
        newestFirst(runs.slice(2, 5)),
      );
      // Times in another zone or precision mean the same instant.
      expect(await list({ since: "2026-11-20T10:04:00+01:00" })).toEqual(newestFirst(runs.slice(4)));
    });

    it("pages through the runs with a cursor, without gaps or repeats", async () => {
      const runs = await seed();
      const pages = await allPages(h.store(), { limit: 3 });
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(ids(pages.flat())).toEqual(newestFirst(runs));
      const filtered = await allPages(h.store(), { limit: 2, country: "DE" });
      expect(filtered.map((p) => p.length)).toEqual([2, 2]);
      expect(ids(filtered.flat())).toEqual(newestFirst([runs[0]!, runs[2]!, runs[4]!, runs[6]!]));
    });

    it("pages correctly through runs created at the same instant", async () => {
      const same = Array.from({ length: 5 }, () => makeRun({ createdAt: T0 }));
      for (const run of same) await h.store().createRun(run);
      const pages = await allPages(h.store(), { limit: 2 });
      const listed = ids(pages.flat());
      expect(listed).toHaveLength(5);
      expect(new Set(listed)).toEqual(new Set(ids(same)));
      expect(listed).toEqual([...listed].sort().reverse());
    });

    it("refuses a bad page size, cursor or time, naming the field", async () => {
      await expectMmmError(h.store().listRuns({ limit: 0 }), "invalid_input", "limit");
      await expectMmmError(h.store().listRuns({ limit: 10_000 }), "invalid_input", "limit");
      await expectMmmError(h.store().listRuns({ cursor: "not-a-cursor" }), "invalid_input", "cursor");
      await expectMmmError(h.store().listRuns({ since: "last tuesday" }), "invalid_input", "since");
    });
  });

  describe("listActiveRuns", () => {
    it("lists the runs not yet finished, oldest first", async () => {
      const statuses = ["running", "succeeded", "queued", "failed", "preparing", "cancelled"] as const;
      const runs = statuses.map((status, i) => makeRun({ status, createdAt: minutesAfter(T0, i) }));
      for (const run of [...runs].reverse()) await h.store().createRun(run);
      expect((await h.store().listActiveRuns()).map((r) => r.status)).toEqual([
        "running",
        "queued",
        "preparing",
      ]);
    });
  });

  describe("updateRun", () => {
    it("sets the given fields and updatedAt, and leaves the rest", async () => {
      const run = makeRun({ status: "running", progress: { phase: "search", done: 1, total: 10 } });
      await h.store().createRun(run);
      h.clock.advance(5000);
      const updated = await h.store().updateRun(run.id, {
        slack: { channel: "C42", ts: "1700000000.000100" },
        progress: undefined,
        execution: { launcher: "child-process", id: "e1" },
      });
      expect(updated).toEqual({
        ...run,
        slack: { channel: "C42", ts: "1700000000.000100" },
        execution: { launcher: "child-process", id: "e1" },
        updatedAt: h.clock.iso(),
      });
      expect(await h.store().getRun(run.id)).toEqual(updated);
    });

    it("never changes the status, id or event sequence, even when asked through a cast", async () => {
      const run = makeRun({ status: "running" });
      await h.store().createRun(run);
      const sneaky = { status: "succeeded", id: "other", lastEventSeq: 99, tag: "x" } as unknown as RunPatch;
      const updated = await h.store().updateRun(run.id, sneaky);
      expect(updated.status).toBe("running");
      expect(updated.id).toBe(run.id);
      expect(updated.lastEventSeq).toBe(0);
      expect(updated.tag).toBeUndefined();
    });

    it("works on a finished run (the Slack message may be posted after the run ended)", async () => {
      const run = makeRun({ status: "succeeded" });
      await h.store().createRun(run);
      const updated = await h.store().updateRun(run.id, { slack: { channel: "C1", ts: "2.3" } });
      expect(updated.status).toBe("succeeded");
      expect(updated.slack).toEqual({ channel: "C1", ts: "2.3" });
    });

    it("loses nothing when many callers change different fields at once", async () => {
      const run = makeRun({ status: "queued" });
      await h.store().createRun(run);
      const s = h.store();
      await Promise.all([
        s.updateRun(run.id, { slack: { channel: "C1", ts: "1.1" } }),
        s.updateRun(run.id, { execution: { launcher: "child-process", id: "e1" } }),
        s.updateRun(run.id, { summary: { models: 42 } }),
        s.updateRun(run.id, { resources: { cpuSeconds: 1, peakMemoryMb: 2, wallSeconds: 3 } }),
        s.transition(run.id, "preparing"),
        s.recordEvent(run.id, { seq: 1, at: "2026-11-26T05:00:01Z", type: "started" }),
        ...Array.from({ length: 20 }, (_, i) =>
          s.updateRun(run.id, { progress: { phase: "search", done: i, total: 20 } }),
        ),
      ]);
      const stored = (await s.getRun(run.id))!;
      expect(stored.slack).toEqual({ channel: "C1", ts: "1.1" });
      expect(stored.execution).toEqual({ launcher: "child-process", id: "e1" });
      expect(stored.summary).toEqual({ models: 42 });
      expect(stored.resources).toEqual({ cpuSeconds: 1, peakMemoryMb: 2, wallSeconds: 3 });
      expect(stored.status).toBe("running");
      expect(stored.lastEventSeq).toBe(1);
      expect(stored.progress?.total).toBe(20);
    });

    it("fails with not_found for an unknown run", async () => {
      await expectMmmError(h.store().updateRun("20261126T000000Z-de-000000", {}), "not_found");
    });
  });
}
