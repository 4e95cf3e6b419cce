/**
 * `mmm fit --spec spec.json --data data.csv [--holidays H.csv]`: one model from fixed hyperparameters, printed as JSON.
 */
import { parseArgs } from "node:util";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { toJson } from "../json-output.ts";
import { readDataFile } from "../read-data-file.ts";
import { USAGE } from "../command-usage.ts";
import { readSpecWithHolidays } from "../holidays-file.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE.fit;

export async function fitCommand(
  args: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { spec: { type: "string" }, data: { type: "string" }, holidays: { type: "string" } },
    strict: true,
  });
  requireOptions(values, usage, { spec: "" });
  const spec = await readSpecWithHolidays(values.spec, values.holidays);
  const { table } = await readDataFile(values.data, spec, usage, { env: process.env });
  const { record, warnings } = fitOneModel(table, spec, nativeProphet);
  for (const warning of warnings) io.stderr(`warning: ${warning}`);
  io.stdout(toJson(record));
}
