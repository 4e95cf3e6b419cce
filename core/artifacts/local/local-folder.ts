/**
 * The embedded ArtifactStore: one file per key under a root folder, so a fresh machine needs no account.
 *
 * Writes go to a temporary file beside the target (`.<name>.<random>.tmp`, a name no key can have)
 * and are renamed over it: rename is atomic within one file system, so a reader sees the old or the new
 * body, never part of one. Content types are not stored: the app's artifact route serves a file with
 * `contentTypeOf(key)`. Signed URLs point at that route (see `artifact-signature.ts`).
 *
 * The folder holds only what the store wrote: a symbolic link in it (a file or a folder on a key's way) is
 * refused, never followed, so a link planted there cannot serve a file from elsewhere on the machine. The
 * root is resolved to its real path once, at open; every key's real path must then be exactly its path.
 * Folders are created 0700 and files 0600: run data is readable by this account only.
 *
 * Unlike Cloud Storage, a folder cannot also be a file: `runs/a` and `runs/a/b` cannot both exist;
 * writing the second fails with a `conflict` error. The product's layout never needs both.
 */
import { randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import {
  chmod,
  copyFile,
  lstat,
  open,
  readdir,
  realpath,
  rename,
  rmdir,
  unlink,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { MmmError, invalidInput, isMmmError } from "../../../common/errors.ts";
import { PRIVATE_FILE_MODE, makePrivateFolder } from "../../private-files.ts";
import { assertArtifactKey, assertArtifactPrefix } from "../artifact-key.ts";
import { signedArtifactUrl } from "../artifact-signature.ts";
import { MAX_SIGNED_URL_SECONDS, type ArtifactStore, type SignedUrlOptions } from "../port.ts";

export { verifyArtifactSignature } from "../artifact-signature.ts";

export interface LocalFolderArtifactStoreOptions {
  /** The folder that holds every artifact; created when missing. */
  readonly root: string;
  /**
   * How the store signs URLs: the app's public URL (e.g. `http://localhost:3000`; signed URLs point at
   * `<baseUrl>/artifacts/…`) and the HMAC secret (at least 16 characters; the artifact route verifies with
   * the same). Absent for a store that only reads and writes (the trainer's): `signedUrl` then throws.
   */
  readonly signing?: { readonly baseUrl: string; readonly secret: string };
  /** The clock for signed URL expiry (default: the system clock). */
  readonly now?: () => Date;
}

/** Opens (and creates when missing) the artifact folder. */
export async function openLocalFolderArtifactStore(
  options: LocalFolderArtifactStoreOptions,
): Promise<LocalFolderArtifactStore> {
  const signing = options.signing;
  if (signing && signing.secret.length < 16) {
    throw invalidInput("signingSecret", "The artifact signing secret must be at least 16 characters long.");
  }
  if (signing && !URL.canParse(signing.baseUrl)) {
    throw invalidInput(
      "baseUrl",
      `The artifact base URL ${signing.baseUrl} is not a URL, e.g. http://localhost:3000.`,
    );
  }
  await makePrivateFolder(resolve(options.root));
  return new LocalFolderArtifactStore(await realpath(resolve(options.root)), options);
}

export class LocalFolderArtifactStore implements ArtifactStore {
  readonly kind = "local-folder";
  readonly #root: string;
  readonly #options: LocalFolderArtifactStoreOptions;

  constructor(root: string, options: LocalFolderArtifactStoreOptions) {
    this.#root = root;
    this.#options = options;
  }

  async put(key: string, body: Buffer | string, _contentType?: string): Promise<void> {
    await this.#write(key, (temp) => writeFile(temp, body, { mode: PRIVATE_FILE_MODE, flag: "wx" }));
  }

  async putFile(key: string, path: string, _contentType?: string): Promise<void> {
    await this.#write(key, async (temp) => {
      await copyFile(path, temp, constants.COPYFILE_EXCL);
      await chmod(temp, PRIVATE_FILE_MODE);
    });
  }

  /** Writes a key through a temporary file beside it (`fill` creates it), renamed over the key's file. */
  async #write(key: string, fill: (temp: string) => Promise<void>): Promise<void> {
    const file = this.#pathOf(key);
    const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await makePrivateFolder(dirname(file));
      await this.#refuseLinks(key, dirname(file));
      await fill(temp);
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      if (isMmmError(error)) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EISDIR" || code === "ENOTDIR" || code === "EEXIST" || code === "ENOTEMPTY") {
        throw new MmmError(
          "conflict",
          `Artifact ${key} cannot be written: a folder and a file would share a name.`,
          {
            context: { key },
            cause: error,
          },
        );
      }
      throw new MmmError("unavailable", `Artifact ${key} could not be written: ${String(error)}`, {
        context: { key },
        cause: error,
      });
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    const file = this.#pathOf(key);
    try {
      await this.#refuseLinks(key, file);
      // O_NOFOLLOW: a link swapped in after the check above is refused too.
      const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (isMissing(error)) return undefined;
      if ((error as NodeJS.ErrnoException).code === "ELOOP") throw linkRefused(key);
      throw error;
    }
  }

  async getText(key: string): Promise<string | undefined> {
    return (await this.get(key))?.toString("utf8");
  }

  async getFile(key: string, path: string): Promise<boolean> {
    const file = this.#pathOf(key);
    try {
      await this.#refuseLinks(key, file);
      // O_NOFOLLOW: a link swapped in after the check above is refused too.
      const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        await pipeline(handle.createReadStream({ autoClose: false }), createWriteStream(path));
        return true;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (isMissing(error)) return false;
      if ((error as NodeJS.ErrnoException).code === "ELOOP") throw linkRefused(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const file = this.#pathOf(key);
    try {
      await this.#refuseLinks(key, file);
      return (await lstat(file)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertArtifactPrefix(prefix, { allowEmpty: true });
    const folder = prefix.slice(0, prefix.lastIndexOf("/") + 1);
    const keys = await this.#walk(folder);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async delete(prefix: string): Promise<number> {
    assertArtifactPrefix(prefix, { allowEmpty: false });
    const keys = await this.list(prefix);
    const folders = new Set<string>();
    for (const key of keys) {
      await unlink(this.#pathOf(key)).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
      for (let at = key.lastIndexOf("/"); at > 0; at = key.lastIndexOf("/", at - 1))
        folders.add(key.slice(0, at));
    }
    // Remove the folders left empty, deepest first; a folder still holding something stays.
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      await rmdir(join(this.#root, ...folder.split("/"))).catch(() => undefined);
    }
    return keys.length;
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertArtifactKey(key);
    const signing = this.#options.signing;
    if (!signing)
      throw new MmmError(
        "internal",
        `Artifact ${key} cannot be signed: this store was opened without a signing key.`,
      );
    const seconds = options.expiresInSeconds;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
      throw invalidInput(
        "expiresInSeconds",
        `A signed URL must expire in 1 to ${MAX_SIGNED_URL_SECONDS} whole seconds (seven days), not ${seconds}.`,
      );
    }
    const now = (this.#options.now ?? (() => new Date()))();
    const expires = Math.floor(now.getTime() / 1000) + seconds;
    return signedArtifactUrl(signing.baseUrl, key, expires, signing.secret, options.disposition);
  }

  /** The file of a key, after checking the key; never outside the root. */
  #pathOf(key: string): string {
    assertArtifactKey(key);
    const file = join(this.#root, ...key.split("/"));
    const inside = relative(this.#root, file);
    if (inside.startsWith("..") || inside.startsWith(sep))
      throw invalidInput("key", `Artifact key ${key} leaves the store.`);
    return file;
  }

  /**
   * Throws `forbidden` when `path` (a key's file or folder, inside the root) is, or lies under, a symbolic
   * link; an error with `ENOENT` when it does not exist.
   */
  async #refuseLinks(key: string, path: string): Promise<void> {
    if ((await realpath(path)) !== path) throw linkRefused(key);
  }

  /** Every key below `folder` (`""` or a prefix ending in `/`), skipping temporary files. */
  async #walk(folder: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(join(this.#root, ...folder.split("/").filter(Boolean)), {
        withFileTypes: true,
      });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) keys.push(...(await this.#walk(`${folder}${entry.name}/`)));
      else if (entry.isFile()) keys.push(`${folder}${entry.name}`);
    }
    return keys;
  }
}

function linkRefused(key: string): MmmError {
  return new MmmError(
    "forbidden",
    `Artifact ${key} is, or lies under, a symbolic link: the local store serves only files it wrote itself.`,
    { context: { key } },
  );
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}
