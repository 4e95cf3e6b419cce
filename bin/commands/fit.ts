/**
 * `mmm fit --spec spec.json --data data.csv`: one model from fixed hyperparameters, printed as JSON.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { invalidInput } from "../../core/errors.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { fitOneModel } from "../../engine/fit-one-model.ts";
import { parseCsv } from "../../engine/prepare/csv.ts";
import { nativeProphet } from "../../engine/prepare/native-prophet.ts";
import { toJson } from "../json-output.ts";
import { readJsonFile } from "../read-json-file.ts";

export const usage = "mmm fit --spec spec.json [--data data.csv]";

export async function fitCommand(
  args: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { spec: { type: "string" }, data: { type: "string" } },
    strict: true,
  });
  if (!values.spec) throw invalidInput("spec", `--spec is required. Usage: ${usage}`);
  const spec = parseRunSpec(await readJsonFile(values.spec, "spec"));
  const dataPath = values.data ?? (spec.data && "file" in spec.data ? spec.data.file : undefined);
  if (!dataPath)
    throw invalidInput("data", `--data is required (or set data.file in the spec). Usage: ${usage}`);
  const text = await readFile(dataPath, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(
      "data",
      `Cannot read the data file ${dataPath}: ${error.code === "ENOENT" ? "no such file" : error.message}.`,
    );
  });
  const { record, warnings } = fitOneModel(parseCsv(text, `The data file ${dataPath}`), spec, nativeProphet);
  for (const warning of warnings) io.stderr(`warning: ${warning}`);
  io.stdout(toJson(record));
}
