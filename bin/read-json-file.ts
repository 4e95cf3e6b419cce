import { readFile } from "node:fs/promises";
import { invalidInput } from "../common/errors.ts";

/** Reads and parses a JSON file, with errors that name the option it came from. */
export async function readJsonFile(path: string, field: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalidInput(
      field,
      `Cannot read ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidInput(field, `${path} is not valid JSON: ${(error as Error).message}.`);
  }
}
