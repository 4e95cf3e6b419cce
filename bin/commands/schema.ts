/** `mmm schema [--out FILE]`: the RunSpec's JSON Schema (the R trainer's copy is r/run-spec.schema.json). */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runSpecJsonSchema } from "../../core/run-spec-json-schema.ts";
import type { CommandIo } from "../command-io.ts";

export async function schemaCommand(args: string[], io: CommandIo): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: "string" } }, strict: true });
  const text = `${JSON.stringify(runSpecJsonSchema(), null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  else io.stdout(text.trimEnd());
}
