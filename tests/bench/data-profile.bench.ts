/**
 * The data profile (`GET /api/data/profile`, Slack's source summary) on the scale case: three years of daily
 * rows with 30 paid channels, profiled in memory (the read itself is the warehouse benchmarks' business).
 */
import { profileTable } from "../../core/data-profile/profile-table.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { consume, measure, type Measurement } from "./harness.ts";
import { SCALE_CHANNELS, SCALE_DAYS, scaleCsv } from "./scale-data.ts";

export function benchDataProfile(): Measurement {
  const table = parseCsv(scaleCsv());
  return measure(
    () => consume(profileTable({ table, goal: "revenue", market: "DE", source: "scale" }).rows),
    { warmup: 2, minSeconds: 2, batch: 1 },
  );
}

export function describeDataProfile(m: Measurement, baselineSeconds: number): [string, string][] {
  return [
    [
      `profile of ${SCALE_DAYS} daily rows, ${SCALE_CHANNELS} channels`,
      `${(m.seconds * 1000).toFixed(1)} ms per profile = ${Math.round(m.seconds / baselineSeconds).toLocaleString("en")} baseline units`,
    ],
  ];
}
