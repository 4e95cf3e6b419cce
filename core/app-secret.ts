/**
 * The app's secret (share links, sessions, artifact links, trainer tokens): `MMM_SECRET`, or on a fresh
 * machine a random one created once in the data folder (mode 0600), so links keep working across restarts.
 */
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PRIVATE_FILE_MODE, makePrivateFolder } from "./private-files.ts";

export async function loadAppSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, "secret");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing && existing.trim().length >= 32) return existing.trim();
  await makePrivateFolder(dataDir);
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: PRIVATE_FILE_MODE, flag: "wx" }).catch(async () => undefined);
  return (await readFile(file, "utf8")).trim();
}
