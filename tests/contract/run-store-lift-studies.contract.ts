/**
 * RunStore contract, part 7: lift studies remembered per country (see `run-store.contract.ts`).
 */
import { describe, expect, it } from "vitest";
import type { StoredLiftStudy } from "../../core/run-store/port.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB, minutesAfter } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

const T0 = "2026-11-26T06:00:00.000Z";

/** A study as the spec takes it, defaults filled in (the store keeps the checked study). */
function liftStudy(overrides: Partial<StoredLiftStudy> & { channel?: string; start?: string } = {}) {
  const { channel = "facebook_S", start = "2018-05-07", ...rest } = overrides;
  return {
    id: "ls-1",
    country: "DE",
    study: {
      channel,
      liftStartDate: start,
      liftEndDate: "2018-06-04",
      liftAbs: 125_000,
      spend: 40_000,
      confidence: 0.85,
      calibration_scope: "immediate" as const,
    },
    by: ALICE,
    at: T0,
    ...rest,
  };
}

export function runStoreLiftStudiesContract(h: RunStoreHarness): void {
  describe("lift studies", () => {
    it("keeps a country's studies, ordered by start date, apart from other countries'", async () => {
      const late = liftStudy({ id: "ls-late", start: "2018-05-21", channel: "tv_S" });
      const early = liftStudy({ id: "ls-early", country: "de" });
      const french = liftStudy({ id: "ls-fr", country: "FR" });
      await h.store().saveLiftStudy(late);
      expect(await h.store().saveLiftStudy(early)).toEqual({ ...early, country: "DE" });
      await h.store().saveLiftStudy(french);
      expect(await h.store().listLiftStudies("de")).toEqual([{ ...early, country: "DE" }, late]);
      expect((await h.store().listLiftStudies("FR")).map((s) => s.id)).toEqual(["ls-fr"]);
      expect(await h.store().listLiftStudies("US")).toEqual([]);
    });

    it("fills the spec's defaults into a study saved without them", async () => {
      const { confidence: _c, calibration_scope: _s, ...bare } = liftStudy().study;
      const saved = await h.store().saveLiftStudy({ ...liftStudy(), study: bare });
      expect(saved.study).toMatchObject({ confidence: 0.9, calibration_scope: "immediate" });
      expect((await h.store().listLiftStudies("DE"))[0]!.study).toEqual(saved.study);
    });

    it("replaces the study saved again under the same id (an edit)", async () => {
      await h.store().saveLiftStudy(liftStudy());
      const edited = liftStudy({ by: BOB, at: minutesAfter(T0, 5) });
      edited.study.liftAbs = 99_000;
      await h.store().saveLiftStudy(edited);
      expect(await h.store().listLiftStudies("DE")).toEqual([edited]);
    });

    it("forgets one study and returns it; an unknown id is undefined", async () => {
      await h.store().saveLiftStudy(liftStudy());
      await h.store().saveLiftStudy(liftStudy({ id: "ls-2", channel: "tv_S" }));
      expect((await h.store().deleteLiftStudy("de", "ls-1"))?.id).toBe("ls-1");
      expect(await h.store().deleteLiftStudy("DE", "ls-1")).toBeUndefined();
      expect(await h.store().deleteLiftStudy("FR", "ls-2")).toBeUndefined();
      expect((await h.store().listLiftStudies("DE")).map((s) => s.id)).toEqual(["ls-2"]);
    });

    it("refuses a bad study naming the field, and stores nothing", async () => {
      const bad = liftStudy();
      bad.study.liftEndDate = "2018-04-30";
      await expectMmmError(h.store().saveLiftStudy(bad), "invalid_input", "study.liftEndDate");
      const negative = liftStudy();
      negative.study.spend = -1;
      await expectMmmError(h.store().saveLiftStudy(negative), "invalid_input", "study.spend");
      const noDay = liftStudy({ start: "2018-02-30" });
      await expectMmmError(h.store().saveLiftStudy(noDay), "invalid_input", "study.liftStartDate");
      await expectMmmError(h.store().saveLiftStudy(liftStudy({ id: " " })), "invalid_input", "id");
      await expectMmmError(
        h.store().saveLiftStudy(liftStudy({ country: "DEU" })),
        "invalid_input",
        "country",
      );
      expect(await h.store().listLiftStudies("DE")).toEqual([]);
    });
  });
}
