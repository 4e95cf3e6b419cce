/**
 * The example specs in `examples/` are ready to copy: each is a valid RunSpec whose data file exists,
 * and each trains through `mmm train` (with fewer iterations here, to be quick). The daily example's
 * data is exactly what its generator writes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../bin/cli.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DAILY_EXAMPLE_FILE, dailyExampleCsv } from "../fixtures/generate-daily-example.ts";

const root = join(import.meta.dirname, "../..");
const examples = join(root, "examples");
const dir = mkdtempSync(join(tmpdir(), "mmm-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const specs = readdirSync(examples).filter((name) => name.endsWith(".json"));

describe("examples/", () => {
  it("has Robyn's demo, a minimal spec, daily data and calibration", () => {
    expect(specs.sort()).toEqual(["calibration.json", "daily.json", "minimal.json", "robyn-demo.json"]);
  });

  it.each(specs)("%s is a valid spec that trains", { timeout: 120_000 }, async (name) => {
    const spec = JSON.parse(readFileSync(join(examples, name), "utf8")) as { data: { file: string } };
    expect(() => parseRunSpec(spec)).not.toThrow();
    // Data paths are relative to the project folder, where the README runs them from.
    expect(existsSync(join(root, spec.data.file))).toBe(true);
    const quick = join(dir, name);
    writeFileSync(
      quick,
      JSON.stringify({ ...spec, data: { file: join(root, spec.data.file) }, iterations: 100, trials: 2 }),
    );
    const out = join(dir, name.replace(".json", ""));
    const err: string[] = [];
    const code = await main(["train", "--spec", quick, "--out", out, "--workers", "2"], {
      stdout: () => undefined,
      stderr: (text) => err.push(text),
    });
    expect({ code, err: err.filter((line) => line.startsWith("error")) }).toEqual({ code: 0, err: [] });
    const summary = JSON.parse(readFileSync(join(out, OUTPUT_FILES.modelSummary), "utf8"));
    expect(summary.pareto_model_count).toBeGreaterThan(0);
  });

  it("daily_shop.csv is what its generator writes", () => {
    expect(readFileSync(DAILY_EXAMPLE_FILE, "utf8")).toBe(dailyExampleCsv());
  });
});
