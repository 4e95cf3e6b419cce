/** The version in package.json, found from the source (bin/) or its build (dist/bin/). */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

export async function packageVersion(): Promise<string> {
  let folder = import.meta.dirname;
  while (!existsSync(join(folder, "package.json")) && dirname(folder) !== folder) folder = dirname(folder);
  const manifest = JSON.parse(await readFile(join(folder, "package.json"), "utf8")) as { version?: string };
  return manifest.version ?? "unknown";
}
