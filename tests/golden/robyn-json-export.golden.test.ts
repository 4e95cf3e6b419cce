/**
 * B7 export: our `RobynModel-<solID>.json` for the three B7 models against the files Robyn 3.12.1 wrote.
 *
 * - Structure key by key: the same keys in the same order, the same nesting, array lengths and value types.
 * - Values at the precision Robyn writes them (jsonlite, digits = 10): every value that does not depend on
 *   the ridge solver (roles, window, ranges, hyperparameters, lambda, spends, the raw data) must print to
 *   the very same text.
 * - The solver-dependent values (coefficients, decomposition, errors, performance) against Robyn's exact
 *   ridge variant of the same model at 1e-8, against Robyn's glmnet file at the golden README's level, and
 *   Robyn's semantics of the derived fields (all-row spend, /totalObservations) to 1e-10.
 * - Bookkeeping that differs between any two exports (timestamps, plot folder, R version, the arguments of
 *   Robyn's `robyn_inputs` call in `custom_params`) is left out of the value comparison.
 */
import { describe, expect, it } from "vitest";
import { jsonliteNumber, writeJsonliteText, type JsonValue } from "../../engine/robyn-json/jsonlite-text.ts";
import { b7Cases, exportB7Model } from "./b7-models.ts";
import { assertClose } from "./tolerance.ts";

const BOOKKEEPING = new Set([
  "InputCollect.custom_params",
  "InputCollect.version",
  "ModelsCollect.train_timestamp",
  "ModelsCollect.export_timestamp",
  "ModelsCollect.outputs_time",
  "ModelsCollect.plot_folder",
]);
const SOLVER_DEPENDENT =
  /^ExportedModel\.(performance\[0\]\.(response|performance)|summary\[\d+\]\.(coef|decompPer|decompAgg|performance|mean_response)|errors\[0\]\..+)$/;

interface Leaf {
  path: string;
  ours: JsonValue;
  robyn: JsonValue;
}

/** Walks both documents together; any difference in keys, order, nesting or types fails with its path. */
function pairLeaves(ours: JsonValue, robyn: JsonValue, path: string, out: Leaf[]): void {
  if (BOOKKEEPING.has(path)) return;
  const kind = (v: JsonValue) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  expect(kind(ours), `${path}: type`).toBe(kind(robyn));
  if (Array.isArray(robyn)) {
    const mine = ours as JsonValue[];
    expect(mine.length, `${path}: length`).toBe(robyn.length);
    robyn.forEach((v, i) => pairLeaves(mine[i]!, v, `${path}[${i}]`, out));
  } else if (robyn !== null && typeof robyn === "object") {
    const mine = ours as { [key: string]: JsonValue };
    expect(Object.keys(mine), `${path}: keys`).toEqual(Object.keys(robyn));
    for (const [key, v] of Object.entries(robyn))
      pairLeaves(mine[key]!, v, path ? `${path}.${key}` : key, out);
  } else {
    out.push({ path, ours, robyn });
  }
}

describe.each(b7Cases().map((c) => [c.expectation.solID, c] as const))("B7 export of %s", (_solID, c) => {
  const ours = exportB7Model(c);
  const leaves = (): Leaf[] => {
    const out: Leaf[] = [];
    pairLeaves(ours, c.json, "", out);
    return out;
  };

  it("has Robyn's keys, order, nesting, lengths and types", () => {
    expect(leaves().length).toBeGreaterThan(2000);
  });

  it("prints every solver-independent value as Robyn does", () => {
    const different = leaves()
      .filter((leaf) => !SOLVER_DEPENDENT.test(leaf.path))
      .filter((leaf) =>
        typeof leaf.robyn === "number"
          ? jsonliteNumber(leaf.ours as number) !== jsonliteNumber(leaf.robyn)
          : leaf.ours !== leaf.robyn,
      )
      .map((leaf) => `${leaf.path}: ours ${String(leaf.ours)}, Robyn ${String(leaf.robyn)}`);
    expect(different).toEqual([]);
  });

  it("matches Robyn's exact-ridge model at 1e-8 and Robyn's glmnet file at the README's level", () => {
    const exact = c.model.exact_ridge_variant;
    const exported = ours.ExportedModel as { [key: string]: JsonValue };
    const summary = exported.summary as { [key: string]: number | string }[];
    const robynSummary = (c.json.ExportedModel as { summary: { [key: string]: number }[] }).summary;
    summary.forEach((row, i) => {
      const name = row.variable as string;
      const variable = exact.variables.find((v) => v.rn === name)!;
      assertClose(row.coef as number, variable.coef as number, { rel: 1e-8, abs: 1e-10 }, `${name} coef`);
      assertClose(
        row.decompAgg as number,
        variable.xDecompAgg as number,
        { rel: 1e-8, abs: 1e-6 },
        `${name} decompAgg`,
      );
      assertClose(
        row.decompPer as number,
        variable.xDecompPerc as number,
        { rel: 1e-8, abs: 1e-12 },
        `${name} decompPer`,
      );
      const robyn = robynSummary[i]!;
      // Coefficients within glmnet's distance from the exact optimum (README: up to 4e-2 at small lambda).
      assertClose(row.coef as number, robyn.coef!, { rel: 4e-2, abs: 1e-9 }, `${name} coef vs Robyn's file`);
      // Robyn's definitions of the derived fields: ratios that do not depend on the solver.
      if (robyn.performance !== undefined) {
        const rel = { rel: 1e-10 };
        const ratio = (r: { [key: string]: number | string }, field: string) =>
          (r[field] as number) / (r.decompAgg as number);
        assertClose(
          ratio(row, "performance"),
          ratio(robyn, "performance"),
          rel,
          `${name} performance/decompAgg`,
        );
        assertClose(
          ratio(row, "mean_response"),
          ratio(robyn, "mean_response"),
          rel,
          `${name} mean_response/decompAgg`,
        );
      }
    });
    const errors = (exported.errors as { [key: string]: number }[])[0]!;
    for (const [field, value] of Object.entries(errors)) {
      assertClose(value, exact.metrics[field]!, { rel: 1e-8, abs: 1e-12 }, `errors.${field}`);
    }
    const robynErrors = (c.json.ExportedModel as { errors: { [key: string]: number }[] }).errors[0]!;
    assertClose(errors.nrmse!, robynErrors.nrmse!, { rel: 1.7e-3 }, "nrmse vs Robyn's file");
    assertClose(
      errors["decomp.rssd"]!,
      robynErrors["decomp.rssd"]!,
      { rel: 3e-4 },
      "decomp.rssd vs Robyn's file",
    );
  });

  it("writes jsonlite's text: Robyn's own file re-serialised is byte-identical", () => {
    expect(writeJsonliteText(c.json)).toBe(c.text);
  });
});
