/**
 * RunStore contract, part 4: idempotency keys, best-model picks and saved mappings (see
 * `run-store.contract.ts`).
 * Its registering function is a flat list of short tests, hence its length.
 */
import { describe, expect, it } from "vitest";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB, makeRun, minutesAfter } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

const T0 = "2026-11-26T06:00:00.000Z";

export function runStoreKeysPicksMappingsContract(h: RunStoreHarness): void {
  describe("claimIdempotencyKey", () => {
    it("lets the first claim win and gives later claims the first value", async () => {
      expect(await h.store().claimIdempotencyKey("slack:T1:abc", "run-1", 600)).toEqual({
        claimed: true,
        value: "run-1",
      });
      expect(await h.store().claimIdempotencyKey("slack:T1:abc", "run-2", 600)).toEqual({
        claimed: false,
        value: "run-1",
      });
      expect(await h.store().claimIdempotencyKey("slack:T1:other", "run-3", 600)).toEqual({
        claimed: true,
        value: "run-3",
      });
    });

    it("lets exactly one of many concurrent claims win", async () => {
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => h.store().claimIdempotencyKey("retry", `run-${i}`, 600)),
      );
      const winners = claims.filter((c) => c.claimed);
      expect(winners).toHaveLength(1);
      expect(new Set(claims.map((c) => c.value))).toEqual(new Set([winners[0]!.value]));
    });

    it("holds a key until it expires, then lets the next claim win", async () => {
      await h.store().claimIdempotencyKey("k", "first", 60);
      h.clock.advance(59_000);
      expect(await h.store().claimIdempotencyKey("k", "second", 60)).toEqual({
        claimed: false,
        value: "first",
      });
      h.clock.advance(2_000);
      expect(await h.store().claimIdempotencyKey("k", "third", 60)).toEqual({
        claimed: true,
        value: "third",
      });
      expect(await h.store().claimIdempotencyKey("k", "fourth", 60)).toEqual({
        claimed: false,
        value: "third",
      });
    });

    it("refuses an empty key and a lifetime that is not positive", async () => {
      await expectMmmError(h.store().claimIdempotencyKey("", "v", 60), "invalid_input", "key");
      await expectMmmError(h.store().claimIdempotencyKey("k", "v", 0), "invalid_input", "ttlSeconds");
    });
  });

  describe("best-model picks", () => {
    async function runFor(country: string) {
      const run = makeRun({ country, status: "succeeded" });
      await h.store().createRun(run);
      return run;
    }

    it("keeps the history newest first and the newest pick as the country's best", async () => {
      const de1 = await runFor("DE");
      const de2 = await runFor("DE");
      const fr = await runFor("FR");
      await h.store().pickBest({ country: "DE", runId: de1.id, solID: "1_10_1", by: ALICE, at: T0 });
      await h
        .store()
        .pickBest({ country: "fr", runId: fr.id, solID: "2_3_4", by: BOB, at: minutesAfter(T0, 1) });
      const latest = await h.store().pickBest({
        country: "de",
        runId: de2.id,
        solID: "3_5_2",
        note: "better fit on holdout",
        by: BOB,
        at: minutesAfter(T0, 2),
      });
      expect(latest).toEqual({
        country: "DE",
        runId: de2.id,
        solID: "3_5_2",
        note: "better fit on holdout",
        by: BOB,
        at: minutesAfter(T0, 2),
      });
      expect(await h.store().getBest("de")).toEqual(latest);
      expect((await h.store().listPicks("DE")).map((p) => p.solID)).toEqual(["3_5_2", "1_10_1"]);
      expect((await h.store().listBest()).map((p) => [p.country, p.solID])).toEqual([
        ["DE", "3_5_2"],
        ["FR", "2_3_4"],
      ]);
    });

    it("orders by the pick's time, and by order of recording for the same time", async () => {
      const run = await runFor("DE");
      await h
        .store()
        .pickBest({ country: "DE", runId: run.id, solID: "late", by: ALICE, at: minutesAfter(T0, 5) });
      await h.store().pickBest({ country: "DE", runId: run.id, solID: "early", by: ALICE, at: T0 });
      await h
        .store()
        .pickBest({ country: "DE", runId: run.id, solID: "late-again", by: ALICE, at: minutesAfter(T0, 5) });
      expect((await h.store().listPicks("DE")).map((p) => p.solID)).toEqual(["late-again", "late", "early"]);
      expect((await h.store().getBest("DE"))?.solID).toBe("late-again");
    });

    it("keeps picks and runs of a geo market apart from every other market", async () => {
      const geo = await runFor("Geo0");
      const other = await runFor("Geo1");
      await h.store().pickBest({ country: "Geo0", runId: geo.id, solID: "1_2_3", by: ALICE, at: T0 });
      expect((await h.store().getBest(" Geo0 "))?.runId).toBe(geo.id);
      expect(await h.store().getBest("Geo1")).toBeUndefined();
      expect((await h.store().listBest()).map((p) => p.country)).toEqual(["Geo0"]);
      expect((await h.store().listRuns({ country: "Geo1" })).runs.map((r) => r.id)).toEqual([other.id]);
      await expectMmmError(
        h.store().pickBest({ country: "Geo0", runId: other.id, solID: "1_2_3", by: ALICE, at: T0 }),
        "invalid_input",
        "country",
      );
    });

    it("answers nothing for a country without picks", async () => {
      expect(await h.store().getBest("GB")).toBeUndefined();
      expect(await h.store().listPicks("GB")).toEqual([]);
      expect(await h.store().listBest()).toEqual([]);
    });

    it("refuses a pick of an unknown run or of another country's run", async () => {
      const fr = await runFor("FR");
      const pick = { country: "DE", solID: "1_1_1", by: ALICE, at: T0 };
      await expectMmmError(
        h.store().pickBest({ ...pick, runId: "20261126T000000Z-de-000000" }),
        "not_found",
        "runId",
      );
      await expectMmmError(h.store().pickBest({ ...pick, runId: fr.id }), "invalid_input", "country");
      await expectMmmError(
        h.store().pickBest({ ...pick, country: "Germany", runId: fr.id }),
        "invalid_input",
        "country",
      );
      expect(await h.store().listPicks("DE")).toEqual([]);
    });
  });

  describe("saved mappings", () => {
    const tableWide = { tv_S: "paid_media_spend", revenue: "dep_var" };
    const forDe = { tv_S: "paid_media_spend", revenue: "dep_var", holiday_de: "context_var" };

    it("prefers the country's own mapping and falls back to the table-wide one", async () => {
      await h
        .store()
        .saveMapping({ table: "DEMO.MULTI_COUNTRY_WEEKLY", mapping: tableWide, by: ALICE, at: T0 });
      await h
        .store()
        .saveMapping({ table: "DEMO.MULTI_COUNTRY_WEEKLY", country: "de", mapping: forDe, by: BOB, at: T0 });
      expect(await h.store().getMapping("DEMO.MULTI_COUNTRY_WEEKLY", "DE")).toEqual({
        table: "DEMO.MULTI_COUNTRY_WEEKLY",
        country: "DE",
        mapping: forDe,
        by: BOB,
        at: T0,
      });
      expect((await h.store().getMapping("DEMO.MULTI_COUNTRY_WEEKLY", "FR"))?.mapping).toEqual(tableWide);
      expect((await h.store().getMapping("DEMO.MULTI_COUNTRY_WEEKLY"))?.mapping).toEqual(tableWide);
    });

    it("finds a table whatever the case or spaces of its name", async () => {
      await h
        .store()
        .saveMapping({ table: " Demo.Multi_Country_Weekly ", mapping: tableWide, by: ALICE, at: T0 });
      expect((await h.store().getMapping("demo.multi_country_weekly", "us"))?.mapping).toEqual(tableWide);
    });

    it("replaces a mapping saved again for the same table and country", async () => {
      await h.store().saveMapping({ table: "T", country: "DE", mapping: tableWide, by: ALICE, at: T0 });
      await h
        .store()
        .saveMapping({ table: "t", country: "DE", mapping: forDe, by: BOB, at: minutesAfter(T0, 1) });
      expect(await h.store().getMapping("T", "DE")).toMatchObject({ mapping: forDe, by: BOB });
    });

    it("answers nothing when neither the country nor the table has a mapping", async () => {
      await h.store().saveMapping({ table: "T", country: "DE", mapping: forDe, by: ALICE, at: T0 });
      expect(await h.store().getMapping("T")).toBeUndefined();
      expect(await h.store().getMapping("T", "FR")).toBeUndefined();
      expect(await h.store().getMapping("OTHER", "DE")).toBeUndefined();
    });

    it("refuses a mapping without a table or with a bad country", async () => {
      await expectMmmError(
        h.store().saveMapping({ table: "  ", mapping: tableWide, by: ALICE, at: T0 }),
        "invalid_input",
        "table",
      );
      await expectMmmError(
        h.store().saveMapping({ table: "T", country: "DEU", mapping: tableWide, by: ALICE, at: T0 }),
        "invalid_input",
        "country",
      );
    });
  });
}
