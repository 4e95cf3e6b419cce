/**
 * `mmm response --run DIR|RUN_ID --model SOLID --metric NAME [--value X] [--date-range R]`
 * `mmm response --spec spec.json [--data data.csv] --metric NAME [--value X] [--date-range R]`
 *
 * Robyn's `robyn_response` on one model, of a finished run or fitted from the spec's fixed hyperparameters (as
 * `mmm fit`): prints the result as JSON with Robyn's field names plus the curve used. `--metric` is Robyn's
 * `metric_name`, `--value` its `metric_value` (one total for the date range), `--date-range` its `date_range`:
 * all, last, last_N, or comma-separated dates. `marginal` gives the mROI (response per extra unit of spend) at the
 * historical mean spend and at the queried spend: `--value 20000 --date-range last` reads it at 20,000 a period.
 * An organic variable has no spend, hence no mROI (`marginal: null`, and a note says so).
 */
import { parseArgs } from "node:util";
import { invalidInput, isMmmError } from "../../common/errors.ts";
import {
  responseForFit,
  responseForRunModel,
  responseQueryFromText,
  type ModelResponseReport,
} from "../../core/results/model-response.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import type { ResponseQuery } from "../../engine/response/index.ts";
import type { CommandIo } from "../command-io.ts";
import { toJson } from "../json-output.ts";
import { openRun } from "../open-run.ts";
import { namingRunModels } from "../unknown-model.ts";
import { readDataFile } from "../read-data-file.ts";
import { readJsonFile } from "../read-json-file.ts";
import { USAGE } from "../command-usage.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE.response;

/** The flag each of Robyn's argument names comes from, for error messages. */
const FLAGS: Record<string, string> = {
  metric_name: "--metric",
  metric_value: "--value",
  date_range: "--date-range",
};

export async function responseCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      run: { type: "string" },
      model: { type: "string" },
      spec: { type: "string" },
      data: { type: "string" },
      metric: { type: "string" },
      value: { type: "string" },
      "date-range": { type: "string" },
    },
    strict: true,
  });
  if (values.run && values.spec)
    throw invalidInput(
      "run",
      `Give either --run (a trained run) or --spec (fixed hyperparameters), not both. Usage: ${usage}`,
    );
  if (!values.run && !values.spec) throw invalidInput("run", `--run or --spec is required. Usage: ${usage}`);
  requireOptions(values, usage, { metric: "a paid channel or organic variable" });
  const metric = values.metric;
  const report = await namingFlags(() => {
    const query = responseQueryFromText({
      metric_name: metric,
      metric_value: values.value,
      date_range: values["date-range"],
    });
    return values.run ? fromRun(values, query, env) : fromSpec(values, query, io, env);
  });
  for (const note of report.notes) io.stderr(`note: ${note}`);
  io.stdout(toJson(report));
}

async function fromRun(
  values: { run?: string; model?: string },
  query: ResponseQuery,
  env: Record<string, string | undefined>,
): Promise<ModelResponseReport> {
  if (!values.model)
    throw invalidInput("model", `--model is required with --run (a solID such as 1_64_9). Usage: ${usage}`);
  const { artifacts, run, close } = await openRun(values.run!, env);
  try {
    const model = values.model;
    return await namingRunModels(artifacts, run, model, () =>
      responseForRunModel(artifacts, run, model, query),
    );
  } finally {
    await close();
  }
}

async function fromSpec(
  values: { spec?: string; data?: string },
  query: ResponseQuery,
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<ModelResponseReport> {
  const spec = parseRunSpec(await readJsonFile(values.spec!, "spec"));
  const { table } = await readDataFile(values.data, spec, usage, { env });
  const fit = fitOneModel(table, spec, nativeProphet);
  for (const warning of fit.warnings) io.stderr(`warning: ${warning}`);
  return responseForFit(fit, query);
}

/** Re-labels the engine's errors (named by Robyn's arguments) with the flag the person typed. */
async function namingFlags<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const flag = isMmmError(error) && error.field ? FLAGS[error.field] : undefined;
    if (!flag || !isMmmError(error)) throw error;
    throw invalidInput(flag.slice(2), `${flag}: ${error.message}`, error.context);
  }
}
