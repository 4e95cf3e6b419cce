/**
 * `mmm import-robyn FILE --out DIR [--data DATA.csv] [--holidays H.csv] [--country CC] [--prophet native|precomputed]`
 *
 * Rebuilds the model of a Robyn `RobynModel-<solID>.json` with the native engine as a one-model run folder,
 * the same folder `mmm train --out` writes, so `mmm allocate`, `mmm response`, `mmm export-robyn` and the
 * viewer use it like any run. The data is `--data`, else the file's `Extras.raw_data`. Prophet components
 * are recomputed natively with `--holidays` (Robyn's `dt_holidays` shape) or the country's public holidays;
 * `--prophet precomputed` takes them from data columns named after the components instead.
 *
 * stdout: the import report (also `output/robyn_import.json`): what became of each field of the file, the
 * rebuilt model's errors and coefficients next to Robyn's, and warnings.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { invalidInput, MmmError } from "../../common/errors.ts";
import type { Table } from "../../common/table.ts";
import { parseRunSpec, type RunSpec } from "../../core/run-spec.ts";
import { buildModelInput } from "../../engine/model-input/model-input.ts";
import { toCsv } from "../../engine/outputs/csv.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { readRobynModelFile } from "../../engine/robyn-json/read-robyn-model-json.ts";
import {
  compareWithRobyn,
  derivedMismatches,
  robynRunSettings,
} from "../../engine/robyn-json/robyn-import-plan.ts";
import { numberOf, outputRecords } from "../../core/results/run-outputs.ts";
import { eventSink } from "../../trainer/event-sink.ts";
import { runTrainer } from "../../trainer/trainer.ts";
import { renderRunPictures } from "../../engine/report/run-pictures.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";
import type { CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { readDataFile } from "../read-data-file.ts";
import { readJsonFile } from "../read-json-file.ts";
import { readHolidaysFile } from "../holidays-file.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE["import-robyn"];

export async function importRobynCommand(args: string[], io: CommandIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      data: { type: "string" },
      holidays: { type: "string" },
      country: { type: "string" },
      prophet: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0)
    throw invalidInput("file", `Give one Robyn model file (RobynModel-<solID>.json). Usage: ${usage}`);
  requireOptions(values, usage, { out: "" });
  const prophetMode = values.prophet ?? "native";
  if (prophetMode !== "native" && prophetMode !== "precomputed")
    throw invalidInput("prophet", `--prophet must be native or precomputed, not "${prophetMode}".`);

  const file = readRobynModelFile(await readJsonFile(path, "file"));
  const country = values.country ?? file.settings.country;
  if (!country)
    throw invalidInput(
      "country",
      "The file names no country (InputCollect.prophet_country is absent): give the run's country with --country, e.g. --country DE.",
    );
  const settings = robynRunSettings(file, country);
  const spec = await importedSpec(settings, prophetMode, values.holidays);

  let table: Table;
  let dataPath: string | undefined;
  if (values.data) {
    ({ table, path: dataPath } = await readDataFile(values.data, spec, usage, { env: process.env }));
  } else if (file.rawData) {
    table = file.rawData;
  } else {
    throw invalidInput("data", `The file has no Extras.raw_data: give the data with --data. Usage: ${usage}`);
  }

  const input = buildModelInput(table, spec, nativeProphet);

  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, RUN_FILES.spec), JSON.stringify(spec, null, 2));
  if (dataPath) await copyFile(dataPath, join(values.out, RUN_FILES.input));
  else await writeFile(join(values.out, RUN_FILES.input), tableCsv(table));

  const outcome = await runTrainer({
    settings: spec,
    table,
    outDir: values.out,
    workers: 1,
    events: eventSink(async () => undefined),
    signal: new AbortController().signal,
    prophet: nativeProphet,
    renderPictures: renderRunPictures,
  });
  if (outcome !== "succeeded") {
    const status = JSON.parse(await readFile(join(values.out, RUN_FILES.status), "utf8")) as {
      reason?: string;
    };
    throw new MmmError("invalid_input", `The model could not be rebuilt: ${status.reason ?? outcome}.`, {
      context: { field: "file" },
    });
  }

  const rebuilt = await rebuiltModel(values.out);
  const warnings = [...input.warnings, ...derivedMismatches(file, input)];
  if (file.versionNote) warnings.unshift(file.versionNote);
  if (spec.prophet_vars.length > 0 && prophetMode === "native")
    warnings.push(
      `Prophet components (${spec.prophet_vars.join(", ")}) were recomputed with the native decomposition and ` +
        `${values.holidays ? "the given holidays" : `${country}'s public holidays`}; Robyn's Stan fit differs slightly, ` +
        "so the coefficients differ more than the rounding of the file.",
    );
  const report = {
    robyn_solID: file.solID,
    solID: rebuilt.solID,
    robyn_version: file.robynVersion,
    lambda: rebuilt.lambda,
    lambda_hp: rebuilt.lambda_hp,
    // Robyn's search ranges, written back by `mmm export-robyn` so a round trip keeps them.
    ranges: file.ranges,
    fields: file.fields,
    checks: compareWithRobyn(file, rebuilt),
    warnings,
  };
  await writeFile(join(values.out, OUTPUT_FILES.robynImport), JSON.stringify(report, null, 2));
  for (const warning of warnings) io.stderr(`warning: ${warning}`);
  io.stdout(JSON.stringify(report, null, 2));
}

/**
 * The run's spec. Robyn's `dt_holidays` replaces its own table, so the file's rows stand alone
 * (`country_holidays: false`); they are refused for a model without the holiday component, where Robyn
 * would not read them either.
 */
async function importedSpec(
  settings: ReturnType<typeof robynRunSettings>,
  prophetMode: "native" | "precomputed",
  holidaysPath: string | undefined,
): Promise<RunSpec> {
  const spec = parseRunSpec({ ...settings, prophet: prophetMode });
  if (holidaysPath === undefined) return spec;
  if (!spec.prophet_vars.includes("holiday") || prophetMode === "precomputed")
    throw invalidInput(
      "holidays",
      "--holidays is only used to recompute the holiday component natively: this model has none to recompute, so leave it out.",
    );
  const rows = await readHolidaysFile(holidaysPath, spec.country);
  return parseRunSpec({ ...spec, dt_holidays: rows, country_holidays: false });
}

/** The one model of the rebuilt run: its id, errors and coefficients as written to the run's files. */
async function rebuiltModel(outDir: string) {
  const hyper = outputRecords(await readFile(join(outDir, OUTPUT_FILES.paretoHyperparameters), "utf8"));
  const aggregated = outputRecords(await readFile(join(outDir, OUTPUT_FILES.paretoAggregated), "utf8"));
  const row = hyper[0]!;
  const metrics: Record<string, number | null> = {};
  for (const name of [
    "rsq_train",
    "rsq_val",
    "rsq_test",
    "nrmse_train",
    "nrmse_val",
    "nrmse_test",
    "nrmse",
    "decomp.rssd",
    "mape",
  ]) {
    const value = row[name];
    metrics[name] = typeof value === "number" && !Number.isNaN(value) ? value : null;
  }
  const coefficients = Object.fromEntries(aggregated.map((v) => [String(v.rn), numberOf(v, "coef")]));
  return {
    solID: String(row.solID),
    lambda: row.lambda as number,
    lambda_hp: numberOf(row, "lambda_hp"),
    metrics,
    coefficients,
  };
}

function tableCsv(table: Table): string {
  const rows = table.data[table.columns[0]!]!.map((_, i) =>
    table.columns.map((c) => table.data[c]![i] ?? null),
  );
  return toCsv({ columns: [...table.columns], rows });
}
