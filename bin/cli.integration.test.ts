import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_DATA_FILE, DEMO_MAPPING } from "../tests/fixtures/demo-spec.ts";
import { main } from "./cli.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
}

function writeSpec(spec: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "mmm-fit-"));
  const path = join(dir, "spec.json");
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

const media = ["tv_S", "ooh_S", "print_S", "facebook_I", "search_clicks_P", "newsletter"];
const fixed: Record<string, number> = Object.fromEntries(
  media.flatMap((m) => [
    [`${m}_alphas`, 1.5],
    [`${m}_gammas`, 0.6],
    [`${m}_thetas`, 0.3],
  ]),
);
// Robyn's demo without the events factor, with one value per hyperparameter.
const spec = {
  country: "DE",
  ...DEMO_MAPPING,
  context_vars: ["competitor_sales_B"],
  factor_vars: [],
  window_start: "2016-01-01",
  window_end: "2018-12-31",
  hyperparameters: { ...fixed, lambda: 20000 } as Record<string, number>,
};

describe("mmm fit", () => {
  it("prints the model record as JSON", async () => {
    const { out, err, io } = capture();
    const code = await main(["fit", "--spec", writeSpec(spec), "--data", DEMO_DATA_FILE], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const record = JSON.parse(out.join("\n"));
    expect(record.solID).toBe("1_1_1");
    expect(Object.keys(record.coefficients)).toEqual(["(Intercept)", "competitor_sales_B", ...media]);
    expect(record.nrmse).toBeGreaterThan(0);
    expect(record.series.depVarHat).toHaveLength(157);
    expect(record.rsq_val).toBeNull();
  });

  it("rejects a range where a single value is needed, with exit code 2 and nothing on stdout", async () => {
    const { out, err, io } = capture();
    const bad = { ...spec, hyperparameters: { ...spec.hyperparameters, tv_S_alphas: [0.5, 3] } };
    const code = await main(["fit", "--spec", writeSpec(bad), "--data", DEMO_DATA_FILE], io);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      "error: hyperparameters.tv_S_alphas is a range [0.5, 3]: fitting one model needs a single value. Use `mmm train` to search ranges.",
    ]);
  });

  it("rejects a missing hyperparameter and an invalid spec field by name", async () => {
    const missing = capture();
    const { tv_S_thetas: _dropped, ...withoutTheta } = spec.hyperparameters;
    expect(
      await main(
        ["fit", "--spec", writeSpec({ ...spec, hyperparameters: withoutTheta }), "--data", DEMO_DATA_FILE],
        missing.io,
      ),
    ).toBe(2);
    expect(missing.err[0]).toBe(
      "error: hyperparameters.tv_S_thetas is missing: a single model needs a value for every hyperparameter.",
    );
    const invalid = capture();
    expect(
      await main(
        ["fit", "--spec", writeSpec({ ...spec, dep_var_type: "sales" }), "--data", DEMO_DATA_FILE],
        invalid.io,
      ),
    ).toBe(2);
    expect(invalid.err[0]).toBe(
      "error: The run settings are not valid: dep_var_type must be revenue or conversion.",
    );
  });

  it("takes a holidays file (Robyn's dt_holidays) into the holiday component, and only its country's rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mmm-holidays-"));
    const holidays = join(dir, "holidays.csv");
    writeFileSync(
      holidays,
      "ds,holiday,country,year\n2017-08-09,launch,DE,2017\n2017-06-14,lancement,FR,2017\n",
    );
    const alone = { ...spec, prophet_vars: ["trend", "holiday"], country_holidays: false };
    const { out, err, io } = capture();
    expect(
      await main(["fit", "--spec", writeSpec(alone), "--data", DEMO_DATA_FILE, "--holidays", holidays], io),
    ).toBe(0);
    expect(err).toEqual([]);
    const { series } = JSON.parse(out.join("\n")) as {
      series: { ds: string[]; contributions: Record<string, number[]> };
    };
    const weeks = series.contributions.holiday!.flatMap((v, i) => (v !== 0 ? [series.ds[i]] : []));
    expect(weeks).toEqual(["2017-08-07"]);

    const twice = capture();
    const withRows = { ...alone, dt_holidays: [{ ds: "2017-08-09", holiday: "launch" }] };
    expect(
      await main(
        ["fit", "--spec", writeSpec(withRows), "--data", DEMO_DATA_FILE, "--holidays", holidays],
        twice.io,
      ),
    ).toBe(2);
    expect(twice.err[0]).toContain("give the holidays one way");
    const none = capture();
    expect(await main(["fit", "--spec", writeSpec(alone), "--data", DEMO_DATA_FILE], none.io)).toBe(2);
    expect(none.err[0]).toContain("country_holidays is false and there is no dt_holidays");
  });

  it("explains a missing data file and unknown commands", async () => {
    const noFile = capture();
    expect(await main(["fit", "--spec", writeSpec(spec), "--data", "/nonexistent/data.csv"], noFile.io)).toBe(
      2,
    );
    expect(noFile.err[0]).toBe("error: Cannot read the data file /nonexistent/data.csv: no such file.");
    const unknown = capture();
    expect(await main(["fitt"], unknown.io)).toBe(2);
    expect(unknown.err[0]).toMatch(/^Unknown command "fitt"\./);
  });
});
