/**
 * Everything the app keeps on this machine (the data folder MMM_DATA_DIR: its secret, run store, artifacts,
 * trainer logs and execution records) is readable by this account only: folders 0700, files 0600.
 */
import { mkdir } from "node:fs/promises";
import { mkdirSync } from "node:fs";

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `path` and its missing parents as private folders; an existing folder is left as it is. */
export async function makePrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/** `makePrivateFolder` for the few places that must not yield (spawning a child). */
export function makePrivateFolderSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}
