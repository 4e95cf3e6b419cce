import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../../tests/support/expect-mmm-error.ts";
import { parseLiftStudyCsv } from "./lift-study-csv.ts";
import { checkLiftStudy } from "./lift-study.ts";

describe("checkLiftStudy", () => {
  const good = {
    channel: "facebook_S",
    liftStartDate: "2018-05-07",
    liftEndDate: "2018-06-04",
    liftAbs: 125_000,
    spend: 40_000,
  };

  it("fills the spec's defaults", () => {
    expect(checkLiftStudy(good)).toEqual({ ...good, confidence: 0.9, calibration_scope: "immediate" });
  });

  it("names the bad field and what it should be", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, channel: "" }, "study.channel"],
      [{ ...good, liftStartDate: "7 May 2018" }, "study.liftStartDate"],
      [{ ...good, liftEndDate: "2018-02-30" }, "study.liftEndDate"],
      [{ ...good, liftEndDate: "2018-05-01" }, "study.liftEndDate"],
      [{ ...good, spend: -5 }, "study.spend"],
      [{ ...good, confidence: 1.5 }, "study.confidence"],
      [{ ...good, calibration_scope: "forever" }, "study.calibration_scope"],
      [{ ...good, lift: 3 }, "study.lift"],
    ];
    for (const [raw, field] of cases) {
      const error = mmmErrorOf(() => checkLiftStudy(raw, "study."));
      expect(error.context.field, JSON.stringify(raw)).toBe(field);
      expect(error.message).toContain(field.replace("study.", ""));
    }
  });
});

describe("parseLiftStudyCsv", () => {
  it("reads studies under Robyn's header, in any column order, with optional columns", () => {
    const text = [
      "liftStartDate,channel,liftEndDate,liftAbs,spend,confidence,calibration_scope",
      "2018-05-07,facebook_S,2018-06-04,125_000,40000,0.8,total",
      "2018-07-02,tv_S,2018-07-30,300000,90000,,",
    ].join("\n");
    expect(parseLiftStudyCsv(text)).toEqual([
      {
        channel: "facebook_S",
        liftStartDate: "2018-05-07",
        liftEndDate: "2018-06-04",
        liftAbs: 125_000,
        spend: 40_000,
        confidence: 0.8,
        calibration_scope: "total",
      },
      {
        channel: "tv_S",
        liftStartDate: "2018-07-02",
        liftEndDate: "2018-07-30",
        liftAbs: 300_000,
        spend: 90_000,
        confidence: 0.9,
        calibration_scope: "immediate",
      },
    ]);
  });

  it("reads rows without a header in the spec's column order, separated by ; or tabs", () => {
    const studies = parseLiftStudyCsv(
      "search_S; 2018-05-07; 2018-06-04; 5000; 1000\ntv_S\t2018-01-01\t2018-01-28\t1\t2\t0.5",
    );
    expect(studies.map((s) => [s.channel, s.confidence])).toEqual([
      ["search_S", 0.9],
      ["tv_S", 0.5],
    ]);
  });

  it("names the line and the field of the first bad study", () => {
    const error = mmmErrorOf(() =>
      parseLiftStudyCsv(
        "channel,liftStartDate,liftEndDate,liftAbs,spend\ntv_S,2018-01-01,2018-01-28,1,2\ntv_S,2018-03-01,2018-02-01,1,2",
      ),
    );
    expect(error.context).toMatchObject({ field: "csv", column: "liftEndDate" });
    expect(error.message).toMatch(/^Line 3: .*liftEndDate.*before it starts/);
    expect(mmmErrorOf(() => parseLiftStudyCsv("tv_S,2018-01-01,2018-01-28,lots,2")).message).toMatch(
      /Line 1: .*liftAbs/,
    );
    expect(mmmErrorOf(() => parseLiftStudyCsv("tv_S,2018-01-01,2018-01-28")).message).toMatch(
      /Line 1 has 3 fields/,
    );
    expect(mmmErrorOf(() => parseLiftStudyCsv("channel,start\ntv_S,2018-01-01")).message).toMatch(/`start`/);
    expect(mmmErrorOf(() => parseLiftStudyCsv("  \n ")).context.field).toBe("csv");
  });
});
