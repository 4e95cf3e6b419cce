import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rowCount, type Table } from "../../common/table.ts";
import { DEMO_DATA_FILE, DEMO_HYPERPARAMETERS, DEMO_MODEL_SETTINGS } from "../../tests/fixtures/demo-spec.ts";
import { parseCsv } from "../data/csv.ts";
import { aggregatesOf, type ModelRecord } from "../model/model-record.ts";
import { fitOneModel } from "../pipeline/fit-one-model.ts";
import type { TrainSettings } from "../pipeline/train-settings.ts";
import { buildRefreshReport, changeSplit } from "./refresh-report.ts";
import { deriveRefreshSettings } from "./refresh-spec.ts";

const demo = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"), "demo");
const firstRows = (table: Table, n: number): Table => ({
  columns: table.columns,
  data: Object.fromEntries(table.columns.map((c) => [c, table.data[c]!.slice(0, n)])),
});

const SETTINGS: TrainSettings = {
  ...DEMO_MODEL_SETTINGS,
  hyperparameters: DEMO_HYPERPARAMETERS,
  hyperparameter_preset: "robyn_recommended",
  iterations: 10,
  trials: 1,
  seed: 1,
  ts_validation: false,
  calibration_input: [],
  pareto_fronts: "auto",
  min_candidates: 1,
  calibration_constraint: 0.1,
};
/** One value inside each demo range: the middle. */
const MIDDLE = Object.fromEntries(
  Object.entries(DEMO_HYPERPARAMETERS).map(([name, [lo, hi]]) => [name, (lo + hi) / 2]),
);

function parentOf(record: ModelRecord, input: ReturnType<typeof fitOneModel>["input"], table: Table) {
  const parameters: Record<string, number> = { ...record.hyperparameters, lambda: record.lambda };
  for (const [medium, value] of Object.entries(record.inflexion)) parameters[`${medium}_inflexion`] = value;
  return {
    run: "parent-run",
    settings: SETTINGS,
    input,
    table,
    model: {
      solID: record.solID,
      parameters,
      variables: record.variables as unknown as Record<string, unknown>[],
      intervals: new Map([["tv_S", { low: 0, up: 1e-9 }]]),
    },
  };
}

describe("refresh report", () => {
  it("splits a change into new data and re-estimation that add up to it", () => {
    expect(changeSplit(2, 1.8, 1.6)).toEqual({ data: 0.5, reestimation: 0.5 });
    expect(changeSplit(2, 2, 2)).toBeUndefined();
    expect(changeSplit(2, null, 1)).toBeUndefined();
  });

  it("puts all of the change on the new data when the hyperparameters stay the parent's", () => {
    const old = firstRows(demo, 170);
    const parent = fitOneModel(old, { ...SETTINGS, hyperparameters: { ...MIDDLE, lambda: 1e5 } });
    const { settings } = deriveRefreshSettings(parentOf(parent.record, parent.input, old), demo, {
      steps: 8,
      iterations: 10,
      trials: 1,
    });
    expect(rowCount(demo)).toBe(208);
    // The parent's hyperparameters on the refresh window: the refit, and here also the refreshed model.
    const refit = fitOneModel(demo, {
      ...settings,
      hyperparameters: settings.refresh.parent.hyperparameters,
    });
    const report = buildRefreshReport({
      refresh: settings.refresh,
      depVarType: "revenue",
      period: "week",
      window: { start: settings.window_start!, end: settings.window_end! },
      after: aggregatesOf(refit.record),
      refit: aggregatesOf(refit.record),
    });
    expect(report.channels.map((c) => c.channel)).toEqual([
      "tv_S",
      "ooh_S",
      "print_S",
      "facebook_I",
      "search_clicks_P",
    ]);
    for (const channel of report.channels) {
      expect(channel.change, channel.channel).not.toBe(0);
      expect(channel.explained_by_new_data, channel.channel).toBe(1);
      expect(channel.explained_by_reestimation, channel.channel).toBe(0);
      expect(channel.sentence).toMatch(/the new data explains 100% of the change/);
    }
    const tv = report.channels[0]!;
    expect(tv.before.value).toBeCloseTo(parent.record.variables.find((v) => v.rn === "tv_S")!.roi_total!, 12);
    expect(tv.outside_previous_interval).toBe(true);
    expect(report.summary[1]).toBe("tv_S moved outside the previous range.");
  });

  it("puts all of the change on re-estimation when the data stay the same", () => {
    const old = firstRows(demo, 170);
    const parent = fitOneModel(old, { ...SETTINGS, hyperparameters: { ...MIDDLE, lambda: 1e5 } });
    const other = fitOneModel(old, {
      ...SETTINGS,
      hyperparameters: { ...MIDDLE, tv_S_thetas: 0.7, lambda: 1e5 },
    });
    const { settings } = deriveRefreshSettings(parentOf(parent.record, parent.input, old), demo, {
      steps: 8,
      iterations: 10,
      trials: 1,
    });
    const report = buildRefreshReport({
      refresh: settings.refresh,
      depVarType: "revenue",
      period: "week",
      window: { start: "2016-01-04", end: "2019-02-18" },
      after: aggregatesOf(other.record),
      refit: aggregatesOf(parent.record),
    });
    const tv = report.channels.find((c) => c.channel === "tv_S")!;
    expect(tv.explained_by_new_data).toBe(0);
    expect(tv.explained_by_reestimation).toBe(1);
  });
});
