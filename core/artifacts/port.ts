/**
 * ArtifactStore: where a run's files live (a local folder by default, Google Cloud Storage in
 * production). Every run writes under its own prefix, `runs/<runId>/` (`runPrefix` in `common/run-folder.ts`):
 * `spec.json`, `input.csv`, `status.json`, `log.txt` and `output/…`.
 *
 * Every adapter passes `tests/contract/artifact-store.contract.ts`. The rules below are the contract:
 *
 * - **Keys are relative POSIX paths** such as `runs/<id>/output/model_summary.json`, checked by
 *   `assertArtifactKey` (`artifact-key.ts`) before anything is read or written: no `..` or `.`
 *   segments, no segment that starts with a dot (the local folder keeps its temporary files under such
 *   names), no leading `/`, no backslashes, no empty segments, no control characters, at most 1024 bytes.
 *   A refused key fails with an `invalid_input` `MmmError` whose `context.field` is `key` (`prefix` for
 *   `list` and `delete`), whatever the method.
 * - **A missing key is not an error**: `get` and `getText` return `undefined`, `exists` returns false.
 * - **Writes are atomic**: a reader sees either the whole previous body or the whole new one, never a
 *   part, and `list` never shows a key whose body is still being written.
 * - **Prefixes are plain string prefixes** (as in Cloud Storage): `list("runs/a")` also returns
 *   `runs/ab/…`. Pass a folder prefix ending in `/` (`runPrefix(id)`) to mean one run.
 * - **Signed URLs** let a browser fetch one key without signing in, until they expire; they are made
 *   without checking that the key exists.
 */

/** How long a signed URL may live: Cloud Storage's V4 limit, seven days. */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;

export interface SignedUrlOptions {
  /** Seconds from now until the URL stops working: a whole number from 1 to `MAX_SIGNED_URL_SECONDS`. */
  readonly expiresInSeconds: number;
  /**
   * `attachment` makes the browser download the file (under its own file name), `inline` shows it.
   * Absent: the server's default for the content type. The disposition is part of what is signed.
   */
  readonly disposition?: "inline" | "attachment";
}

export interface ArtifactStore {
  /** Which adapter this is, for logs and messages: `local-folder`, `gcs`. */
  readonly kind: string;

  /**
   * Writes `body` under `key`, replacing any previous body atomically. A string is written as UTF-8.
   * `contentType` defaults to `contentTypeOf(key)` (`content-type.ts`) where the store keeps one.
   */
  put(key: string, body: Buffer | string, contentType?: string): Promise<void>;

  /**
   * Writes the file at `path` (on this machine) under `key`, streaming it: a body of any size (an uploaded
   * dataset) costs no more memory than a small one. Atomic like `put`.
   */
  putFile(key: string, path: string, contentType?: string): Promise<void>;

  /** The body under `key`, or `undefined` when there is none. */
  get(key: string): Promise<Buffer | undefined>;

  /**
   * Copies the body under `key` to a new file at `path` (on this machine), streaming it; false (and no
   * file) when there is no such key. A file already at `path` is replaced.
   */
  getFile(key: string, path: string): Promise<boolean>;

  /** The body under `key` decoded as UTF-8, or `undefined` when there is none. */
  getText(key: string): Promise<string | undefined>;

  /** Whether a body exists under `key`. */
  exists(key: string): Promise<boolean>;

  /**
   * Every key that starts with `prefix`, sorted (by UTF-16 code units, which is byte order for the
   * ASCII keys the product writes). `""` lists everything. A prefix with no keys gives `[]`.
   */
  list(prefix: string): Promise<string[]>;

  /**
   * Deletes every key that starts with `prefix` and returns how many were deleted (0 when none).
   * `prefix` must not be empty: nothing deletes the whole store by accident.
   */
  delete(prefix: string): Promise<number>;

  /** A URL that serves `key` without other credentials until it expires. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}
