import type { ViewOutput } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { MAPPING_BLOCK, SETTINGS_BLOCK, SOURCE_BLOCK } from "../blocks/ids.ts";
import { parseCalibration, readMappingStep, readSettingsStep, readSourceStep } from "./read-steps.ts";

type Values = ViewOutput["state"]["values"];
const view = (values: Values) => ({ state: { values } }) as unknown as ViewOutput;
const text = (value: string) => ({ value: { type: "plain_text_input", value } });
const select = (value: string) => ({
  value: {
    type: "static_select",
    selected_option: { text: { type: "plain_text" as const, text: value }, value },
  },
});
const multi = (values: string[]) => ({
  value: {
    type: "multi_static_select",
    selected_options: values.map((v) => ({ text: { type: "plain_text" as const, text: v }, value: v })),
  },
});

describe("readSourceStep", () => {
  it("wants one source (a table, SQL or a dataset) and markets: country codes or values such as Geo3", () => {
    expect(readSourceStep(view({ [SOURCE_BLOCK.countriesText]: text("de") })).errors).toEqual({
      [SOURCE_BLOCK.table]: "Pick a table, write a SQL query, or choose an uploaded dataset below.",
    });
    const both = readSourceStep(
      view({
        [SOURCE_BLOCK.table]: {
          table_selected: {
            type: "external_select",
            selected_option: { text: { type: "plain_text", text: "T" }, value: "T" },
          },
        },
        [SOURCE_BLOCK.sql]: text("SELECT 1"),
        [SOURCE_BLOCK.countriesText]: text("DE, a/b"),
      }),
    );
    expect(both.errors).toEqual({
      [SOURCE_BLOCK.sql]: "Use one source: a table, a SQL query or a dataset. Clear the others.",
      [SOURCE_BLOCK.countriesText]:
        '"a/b" is not a market: use the values of the data\'s market column, such as DE or Geo3.',
    });
    const geo = readSourceStep(
      view({ [SOURCE_BLOCK.sql]: text("SELECT * FROM t"), [SOURCE_BLOCK.countriesText]: text("Geo0, Geo1") }),
    );
    expect(geo).toEqual({ source: { sql: "SELECT * FROM t" }, countries: ["Geo0", "Geo1"], errors: {} });
    const ok = readSourceStep(
      view({ [SOURCE_BLOCK.sql]: text("SELECT * FROM t"), [SOURCE_BLOCK.countriesText]: text("de fr, DE") }),
    );
    expect(ok).toEqual({ source: { sql: "SELECT * FROM t" }, countries: ["DE", "FR"], errors: {} });
    const dataset = readSourceStep(
      view({ [SOURCE_BLOCK.dataset]: select("weekly@2"), [SOURCE_BLOCK.countriesText]: text("de") }),
    );
    expect(dataset).toEqual({ source: { dataset: "weekly@2" }, countries: ["DE"], errors: {} });
    const twice = readSourceStep(
      view({
        [SOURCE_BLOCK.dataset]: select("weekly@2"),
        [SOURCE_BLOCK.sql]: text("SELECT 1"),
        [SOURCE_BLOCK.countriesText]: text("de"),
      }),
    );
    expect(twice).toEqual({
      countries: ["DE"],
      errors: {
        [SOURCE_BLOCK.dataset]: "Use one source: a table, a SQL query or a dataset. Clear the others.",
      },
    });
  });
});

describe("readMappingStep", () => {
  const columns = [
    "DATE",
    "revenue",
    "tv_S",
    "facebook_S",
    "facebook_I",
    "search_clicks_P",
    "events",
    "COUNTRY",
  ];

  it("pairs exposures with their spends as the auto-mapping does", () => {
    const read = readMappingStep(
      view({
        [MAPPING_BLOCK.date]: select("0"),
        [MAPPING_BLOCK.depVar]: select("1"),
        [MAPPING_BLOCK.depVarType]: select("conversion"),
        [MAPPING_BLOCK.spends]: multi(["2", "3"]),
        [MAPPING_BLOCK.exposures]: multi(["4"]),
        [MAPPING_BLOCK.factors]: multi(["6"]),
        [MAPPING_BLOCK.countryColumn]: select("7"),
        [MAPPING_BLOCK.save]: multi(["save"]),
      }),
      columns,
    );
    expect(read).toEqual({
      mapping: {
        date_var: "DATE",
        dep_var: "revenue",
        dep_var_type: "conversion",
        paid_media_spends: ["tv_S", "facebook_S"],
        paid_media_vars: ["tv_S", "facebook_I"],
        organic_vars: [],
        context_vars: ["events"],
        factor_vars: ["events"],
        country_column: "COUNTRY",
      },
      save: true,
      errors: {},
    });
  });

  it("names the input of each problem", () => {
    const read = readMappingStep(
      view({
        [MAPPING_BLOCK.depVar]: select("2"),
        [MAPPING_BLOCK.spends]: multi(["2"]),
        [MAPPING_BLOCK.exposures]: multi(["5"]),
      }),
      columns,
    );
    expect(read.mapping).toBeUndefined();
    expect(read.errors).toEqual({
      [MAPPING_BLOCK.spends]: "tv_S is already the goal: give each column one role.",
      [MAPPING_BLOCK.exposures]:
        "search_clicks_P: no spend column of the same channel is chosen, and Robyn models an exposure only beside its spend. Choose the spend too, or remove the exposure.",
      [MAPPING_BLOCK.date]: "Choose the date column.",
    });
  });
});

describe("readSettingsStep", () => {
  it("takes a preset's size, or asks for both numbers when the size is custom", () => {
    expect(readSettingsStep(view({ [SETTINGS_BLOCK.preset]: select("quick") })).values).toMatchObject({
      iterations: 200,
      trials: 3,
    });
    const custom = readSettingsStep(
      view({
        [SETTINGS_BLOCK.preset]: select("custom"),
        [SETTINGS_BLOCK.iterations]: { value: { type: "number_input", value: "50" } },
      }),
    );
    expect(custom.errors).toEqual({
      [SETTINGS_BLOCK.trials]: "With a Custom search size, give the trials: a whole number from 1 to 50.",
    });
  });
});

describe("parseCalibration", () => {
  it("reads one study per line", () => {
    expect(
      parseCalibration(
        "facebook_S, 2018-05-01, 2018-06-10, 400000, 70000\n\ntv_S;2018-01-01;2018-02-01;1e5;5e4;0.8",
      ),
    ).toEqual([
      {
        channel: "facebook_S",
        liftStartDate: "2018-05-01",
        liftEndDate: "2018-06-10",
        liftAbs: 400000,
        spend: 70000,
        confidence: 0.9,
        calibration_scope: "immediate",
      },
      {
        channel: "tv_S",
        liftStartDate: "2018-01-01",
        liftEndDate: "2018-02-01",
        liftAbs: 100000,
        spend: 50000,
        confidence: 0.8,
        calibration_scope: "immediate",
      },
    ]);
  });

  it.each([
    [
      "tv_S, 2018-01-01, 400",
      "Line 1 has 3 parts; write channel, start date, end date, lift, spend[, confidence].",
    ],
    ["tv_S, 01/02/2018, 2018-02-01, 1, 1", "Line 1: liftStartDate must be a date written YYYY-MM-DD."],
    [
      "tv_S, 2018-03-01, 2018-02-01, 1, 1",
      "Line 1: the study ends (2018-02-01) before it starts (2018-03-01).",
    ],
    [
      "tv_S, 2018-01-01, 2018-02-01, lots, 1",
      "Line 1: liftAbs must be the measured incremental response (a number).",
    ],
  ])("says what is wrong with %j", (text, problem) => {
    expect(parseCalibration(text)).toBe(problem);
  });
});
