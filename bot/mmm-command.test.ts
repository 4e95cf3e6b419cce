import { describe, expect, it } from "vitest";
import { parseAmount, parseMmm, USAGE } from "./mmm-command.ts";

const RUN = "20261126T043012Z-de-7f3a9c";

describe("parseMmm", () => {
  it.each([
    ["", { name: "help" }],
    ["help", { name: "help" }],
    ["  TRAIN ", { name: "train" }],
    ["runs", { name: "runs" }],
    ["runs de", { name: "runs", country: "DE" }],
    [`status ${RUN}`, { name: "status", runId: RUN }],
    [`status \`${RUN.toUpperCase()}\``, { name: "status", runId: RUN }],
    [`cancel ${RUN}`, { name: "cancel", runId: RUN }],
    ["best FR", { name: "best", country: "FR" }],
    ["schedule de monthly", { name: "schedule", action: "create", country: "DE", cadence: "monthly" }],
    [
      'schedule DE "0 6 * * 1"',
      { name: "schedule", action: "create", country: "DE", cadence: '"0 6 * * 1"' },
    ],
    [
      "schedule DE monthly tz Europe/Berlin",
      { name: "schedule", action: "create", country: "DE", cadence: "monthly", timezone: "Europe/Berlin" },
    ],
    [
      'schedule de "30 4 * * 2" TZ America/New_York',
      {
        name: "schedule",
        action: "create",
        country: "DE",
        cadence: '"30 4 * * 2"',
        timezone: "America/New_York",
      },
    ],
    ["schedule list", { name: "schedule", action: "list" }],
    ["schedule cancel `sch-1a2b3c4d`", { name: "schedule", action: "cancel", id: "sch-1a2b3c4d" }],
    [`allocate ${RUN} 3_145_2`, { name: "allocate", runId: RUN, solID: "3_145_2" }],
    [
      "split",
      { name: "split", countries: [], marketBounds: { low: {}, up: {} }, channelBounds: { low: {}, up: {} } },
    ],
    [
      "split ROAS=2.5 de",
      {
        name: "split",
        targetRoas: 2.5,
        countries: ["DE"],
        marketBounds: { low: {}, up: {} },
        channelBounds: { low: {}, up: {} },
      },
    ],
    [
      "split 500k de fr us=0.9-1.1 TV_S=0.8-1.2 DE.OOH_S=1",
      {
        name: "split",
        budget: 500_000,
        countries: ["DE", "FR"],
        marketBounds: { low: { US: 0.9 }, up: { US: 1.1 } },
        channelBounds: { low: { TV_S: 0.8, "DE.OOH_S": 1 }, up: { TV_S: 1.2, "DE.OOH_S": 1 } },
      },
    ],
    [
      `scenario ${RUN} 3_145_2 1.2`,
      { name: "scenario", runId: RUN, solID: "3_145_2", multiplier: 1.2, weeks: 4 },
    ],
    [
      `scenario ${RUN} 3_145_2 x0 8`,
      { name: "scenario", runId: RUN, solID: "3_145_2", multiplier: 0, weeks: 8 },
    ],
    [`allocate ${RUN} 3_145_2 250k`, { name: "allocate", runId: RUN, solID: "3_145_2", budget: 250_000 }],
    [
      `allocate ${RUN} 3_145_2 tv_S=0.8-1.2 250k ooh_S=1`,
      {
        name: "allocate",
        runId: RUN,
        solID: "3_145_2",
        budget: 250_000,
        bounds: { low: { tv_S: 0.8, ooh_S: 1 }, up: { tv_S: 1.2, ooh_S: 1 } },
      },
    ],
    [
      `response ${RUN} 3_145_2 tv_S 50k`,
      { name: "response", runId: RUN, solID: "3_145_2", channel: "tv_S", spend: 50_000 },
    ],
    [
      `response ${RUN} 3_145_2 tv_S 0 last_4`,
      { name: "response", runId: RUN, solID: "3_145_2", channel: "tv_S", spend: 0, dateRange: "last_4" },
    ],
    [
      `response ${RUN} 3_145_2 tv_S 1.5m 2018-09-17, 2018-10-15`,
      {
        name: "response",
        runId: RUN,
        solID: "3_145_2",
        channel: "tv_S",
        spend: 1_500_000,
        dateRange: "2018-09-17,2018-10-15",
      },
    ],
    [
      `compare ${RUN} 20261127T000000Z-fr-000001`,
      { name: "compare", runIds: [RUN, "20261127T000000Z-fr-000001"] },
    ],
    ["lift de", { name: "lift", country: "DE" }],
    ["studies FR", { name: "lift", country: "FR" }],
    [
      "lift import de channel,liftStartDate,liftEndDate,liftAbs,spend\ntv_S,2018-01-01,2018-01-28,1,2",
      {
        name: "lift_import",
        country: "DE",
        csv: "channel,liftStartDate,liftEndDate,liftAbs,spend\ntv_S,2018-01-01,2018-01-28,1,2",
      },
    ],
  ])("%j", (text, command) => {
    expect(parseMmm(text)).toEqual({ ok: true, command });
  });

  it.each([
    ["frobnicate", "`frobnicate` is not an /mmm command.", Object.values(USAGE).join("\n")],
    ["train now", "`/mmm train` takes nothing after it.", USAGE.train],
    ["runs Germany", "`Germany` is not a country code: use two letters, such as DE.", USAGE.runs],
    ["status", "Name the run: its id, such as 20261126T043012Z-de-7f3a9c (see `/mmm runs`).", USAGE.status],
    [
      "cancel 42",
      "`42` is not a run id: run ids look like 20261126T043012Z-de-7f3a9c (see `/mmm runs`).",
      USAGE.cancel,
    ],
    [
      `allocate ${RUN}`,
      "Name the model too: its id, such as 3_145_2 (see the run's thread).",
      USAGE.allocate,
    ],
    [`allocate ${RUN} best`, "`best` is not a model id: model ids look like 3_145_2.", USAGE.allocate],
    [
      `allocate ${RUN} 1_2_3 tv_S=1.5-1.2`,
      "`tv_S=1.5-1.2`: the lowest spend of tv_S (1.5×) is above its highest (1.2×); write the lower multiple first, such as tv_S=1.2-1.5.",
      USAGE.allocate,
    ],
    [
      `allocate ${RUN} 1_2_3 tv_S=lots`,
      "`tv_S=lots` is not a bound for tv_S: write the lowest and highest spend as multiples of today's, such as tv_S=0.8-1.2 (or tv_S=1 to keep today's spend).",
      USAGE.allocate,
    ],
    [
      `allocate ${RUN} 1_2_3 10k 20k`,
      "`/mmm allocate` takes one budget after the model, then bounds such as tv_S=0.8-1.2.",
      USAGE.allocate,
    ],
    [`allocate ${RUN} 1_2_3 tv_S=1 tv_S=2`, "tv_S has two bounds: give each channel once.", USAGE.allocate],
    [
      "split roas=lots",
      "`roas=lots` is not a ROAS target: write the revenue per unit of spend to meet, such as roas=2.5.",
      USAGE.split,
    ],
    [
      "split 500k 600k",
      "`600k` is neither a budget (one amount per week, such as 500k), a country (such as DE) nor a bound (such as US=0.9-1.1 or TV_S=0.8-1.2).",
      USAGE.split,
    ],
    [
      `allocate ${RUN} 1_2_3 -5`,
      "`-5` is not a budget: write a positive amount such as 250000, 250k or 1.5m.",
      USAGE.allocate,
    ],
    [
      `response ${RUN} 1_2_3`,
      "Name the channel too: a paid channel such as tv_S, or an organic variable.",
      USAGE.response,
    ],
    [
      `response ${RUN} 1_2_3 tv_S`,
      "Give the spend on `tv_S` too: an amount such as 50000, 50k or 1.5m.",
      USAGE.response,
    ],
    [
      `response ${RUN} 1_2_3 tv_S -5`,
      "`-5` is not a spend: write an amount of 0 or more, such as 50000, 50k or 1.5m.",
      USAGE.response,
    ],
    [`response ${RUN} best tv_S 5`, "`best` is not a model id: model ids look like 3_145_2.", USAGE.response],
    [
      `scenario ${RUN} 1_2_3`,
      "Give the multiplier of the last weeks' spend too: 1.2 for 20 % more, 0 for none.",
      USAGE.scenario,
    ],
    [
      `scenario ${RUN} 1_2_3 -1`,
      "`-1` is not a multiplier: write a number of 0 or more, such as 1.2.",
      USAGE.scenario,
    ],
    [
      `scenario ${RUN} 1_2_3 1.2 0`,
      "`0` is not a number of weeks: write a whole number from 1 to 104.",
      USAGE.scenario,
    ],
    [`compare ${RUN}`, "Name two runs to compare.", USAGE.compare],
    [`compare ${RUN} ${RUN}`, "Those are the same run: name two different runs.", USAGE.compare],
    [`best DE FR`, "`/mmm best` takes at most 1 after it.", USAGE.best],
    ["lift", "Name the country whose lift studies these are, such as DE.", USAGE.lift],
    ["lift Germany", "`Germany` is not a country code: use two letters, such as DE.", USAGE.lift],
    ["lift DE FR", "`/mmm lift` takes one country after it.", USAGE.lift],
    [
      "lift import DE",
      "Put the studies after `/mmm lift import DE`, one CSV line each: channel, start date, end date, lift, spend[, confidence].",
      USAGE.lift,
    ],
    ["schedule DE", "Say how often: weekly, monthly or a cron expression in quotes.", USAGE.schedule],
    ["schedule 12 weekly", "`12` is not a country code: use two letters, such as DE.", USAGE.schedule],
    [
      "schedule DE monthly tz",
      "Name one time zone after `tz`, e.g. `/mmm schedule DE monthly tz Europe/Berlin`.",
      USAGE.schedule,
    ],
    [
      "schedule DE tz Europe/Berlin",
      "Say how often: weekly, monthly or a cron expression in quotes.",
      USAGE.schedule,
    ],
    [
      "schedule cancel",
      "Name the one schedule to cancel: its id, from `/mmm schedule list`.",
      USAGE.schedule,
    ],
  ])("%j is refused with the right form", (text, problem, usage) => {
    expect(parseMmm(text)).toEqual({ ok: false, problem, usage });
  });
});

describe("parseAmount", () => {
  it.each([
    ["250000", 250_000],
    ["250,000", 250_000],
    ["250_000", 250_000],
    ["1.5m", 1_500_000],
    ["2e6", 2_000_000],
    ["12K", 12_000],
  ])("%s", (text, value) => expect(parseAmount(text)).toBe(value));

  it.each(["0", "-1", "abc", "1..2", "1e999", ""])("refuses %j", (text) =>
    expect(parseAmount(text)).toBeUndefined(),
  );

  it("takes zero only when asked to", () => {
    expect(parseAmount("0", { zero: true })).toBe(0);
    expect(parseAmount("-1", { zero: true })).toBeUndefined();
  });
});
