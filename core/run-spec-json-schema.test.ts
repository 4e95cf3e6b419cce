import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSpecJsonSchema } from "./run-spec-json-schema.ts";

describe("RunSpec JSON Schema", () => {
  it("matches the copy the R trainer validates against (run `npm run mmm -- schema --out r/run-spec.schema.json`)", () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, "../r/run-spec.schema.json"), "utf8"),
    );
    expect(committed).toEqual(runSpecJsonSchema());
  });

  it("names Robyn's fields and requires the essentials", () => {
    const schema = runSpecJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        "paid_media_spends",
        "hyperparameters",
        "adstock",
        "calibration_input",
        "engine",
      ]),
    );
    expect(schema.required).toEqual(expect.arrayContaining(["dep_var", "dep_var_type", "paid_media_spends"]));
    // A run names its market or its country (or both): neither is required on its own.
    expect(schema.required).not.toContain("country");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["market", "country"]));
  });
});
