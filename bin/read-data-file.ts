import { readFile } from "node:fs/promises";
import { invalidInput } from "../common/errors.ts";
import type { RunSpec } from "../core/run-spec.ts";

/**
 * The data file of a command that trains from a file: `--data`, else the spec's `data.file`. Returns its path
 * and text; a missing or unreadable file is an error on `data` that ends with the command's `usage`.
 */
export async function readDataFile(
  option: string | undefined,
  spec: RunSpec,
  usage: string,
): Promise<{ path: string; text: string }> {
  const path = option ?? (spec.data && "file" in spec.data ? spec.data.file : undefined);
  if (!path) throw invalidInput("data", `--data is required (or set data.file in the spec). Usage: ${usage}`);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(
      "data",
      `Cannot read the data file ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}.`,
    );
  });
  return { path, text };
}
