import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { parseCsv } from "../data/csv.ts";
import { nativeProphet } from "../prophet/native-prophet.ts";
import { trainModels } from "../pipeline/train-models.ts";
import { toCsv } from "./csv.ts";
import { paretoMatrixText } from "./matrix-text-pool.ts";
import { allDecompMatrix, mediaTransformMatrix, type CellValue } from "./output-tables.ts";
import { paretoRecords } from "./pareto-records.ts";

describe("paretoMatrixText", () => {
  it("gives the matrices' rows in the Pareto models' order, the same bytes from one thread or several", async () => {
    const settings = parseRunSpec({ ...DEMO_SPEC, iterations: 150, trials: 2, seed: 5 });
    const table = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));
    const result = await trainModels(table, settings, { workers: 1, prophet: nativeProphet });
    expect(result.paretoModels.length).toBeGreaterThan(10);

    // Expected: every model's rows, one model after another, built here cell by cell and formatted as
    // one table (Robyn's layout: the series, then what the row says of its model).
    const media = result.input.media.map((m) => m.name);
    const regressors = result.input.regressors.map((r) => r.name);
    const records = [...paretoRecords(result, result.paretoModels)];
    const mediaRows = records.flatMap(([model, record]) =>
      (["adstocked", "response"] as const).flatMap((key) =>
        record.series.ds.map((date, t) => [
          date,
          ...media.map((m) => record.media[m]![key][t]!),
          key === "adstocked" ? "adstockedMedia" : "decompMedia",
          model.solID,
          model.cluster,
          model.topSol,
        ]),
      ),
    );
    const decompRows = records.flatMap(([model, { series }]) =>
      series.ds.map((date, t) => [
        date,
        series.dep_var[t]!,
        ...regressors.map((name) => series.contributions[name]![t]!),
        series.intercept[t]!,
        series.depVarHat[t]!,
        model.solID,
        model.cluster,
        model.topSol,
      ]),
    );
    const body = (columns: string[], rows: CellValue[][]) =>
      toCsv({ columns, rows }).split("\n").slice(1).join("\n");
    const expected = [
      body(mediaTransformMatrix(result).columns, mediaRows),
      body(allDecompMatrix(result).columns, decompRows),
    ];

    const joined = async (workers: number) => {
      const parts: [Buffer[], Buffer[]] = [[], []];
      let slices = 0;
      for await (const text of paretoMatrixText(result, workers)) {
        parts[0].push(Buffer.from(text.mediaTransform));
        parts[1].push(Buffer.from(text.allDecomp));
        slices += 1;
      }
      return { texts: parts.map((p) => Buffer.concat(p).toString("utf8")), slices };
    };
    const oneThread = await joined(1);
    const threeThreads = await joined(3);
    expect(threeThreads.slices).toBeGreaterThan(3);
    expect(oneThread.texts).toEqual(expected);
    expect(threeThreads.texts).toEqual(expected);
  });
});
