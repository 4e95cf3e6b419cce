/**
 * The production ArtifactStore: one Cloud Storage bucket through `@google-cloud/storage` (v7). The rules
 * it follows are in `port.ts`.
 *
 * - Writes: a body up to `resumableThresholdBytes` (8 MiB) goes in one multipart upload; a larger one
 *   (a big `input.csv` snapshot) in a resumable session, sent in chunks, so that a dropped connection
 *   resumes from the last chunk Cloud Storage holds. Either way the object appears only when complete:
 *   Cloud Storage writes are atomic. Content types default to `contentTypeOf(key)`; CRC32C is checked.
 * - Retries: the library retries 5xx, 408 and dropped connections with exponential backoff. Every call
 *   here replaces or reads a whole object, so uploads and deletes are retried too (`RetryAlways`; the
 *   library's default retries them only with a generation precondition). A 429 is not left to the
 *   library, which ignores `Retry-After`: this store waits as long as the answer asks (at most
 *   `maxRetryAfterSeconds`) and tries again, `rateLimitRetries` times. What still fails becomes an
 *   `MmmError` (`gcs-errors.ts`): `unavailable` with `retry` for 5xx, 429 and timeouts.
 * - Signed URLs are V4, signed locally with a key or through IAM signBlob without one
 *   (`gcs-signed-url.ts`).
 * - `apiEndpoint` points the client elsewhere (tests: a loopback fake); the library then sends no
 *   credentials, so tests need no network.
 */
import { stat, unlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import {
  IdempotencyStrategy,
  RETRYABLE_ERR_FN_DEFAULT,
  Storage,
  type Bucket,
  type GetFilesOptions,
  type StorageOptions,
} from "@google-cloud/storage";
import { invalidInput } from "../../../common/errors.ts";
import { assertArtifactKey, assertArtifactPrefix } from "../artifact-key.ts";
import { contentTypeOf } from "../content-type.ts";
import { asGcsError, isMissingBucket, retryAfterMs, statusOf, type GcsAction } from "./gcs-errors.ts";
import { signedUrlConfig } from "./gcs-signed-url.ts";
import type { ArtifactStore, SignedUrlOptions } from "../port.ts";

const MIB = 1024 * 1024;

export interface GcsRetryOptions {
  /** Retries after the first attempt (default 3). */
  readonly maxRetries?: number;
  /** Longest wait between two attempts, in seconds: at least 1 (default 64). */
  readonly maxRetryDelaySeconds?: number;
  /** Give up retrying after this many seconds (default 600). */
  readonly totalTimeoutSeconds?: number;
}

export interface GcsArtifactStoreOptions {
  /** The bucket (`GCS_BUCKET`), without `gs://`. */
  readonly bucket: string;
  /** Another endpoint than storage.googleapis.com (`GCS_API_ENDPOINT`); requests then carry no credentials. */
  readonly apiEndpoint?: string;
  readonly projectId?: string;
  /** A service-account key; absent in production, where the client uses the runtime's service account. */
  readonly credentials?: { readonly client_email: string; readonly private_key: string };
  /** Bodies larger than this go in a resumable upload (default 8 MiB). */
  readonly resumableThresholdBytes?: number;
  /** Chunk size of resumable uploads, a multiple of 256 KiB (default 8 MiB). */
  readonly resumableChunkBytes?: number;
  /** Time allowed for one request of a read, list, delete or simple upload, in ms (default 60 000). */
  readonly requestTimeoutMs?: number;
  readonly retry?: GcsRetryOptions;
  /** How many times a 429 is waited out and tried again (default 5). */
  readonly rateLimitRetries?: number;
  /** Longest wait a `Retry-After` may ask for, in seconds (default 60). */
  readonly maxRetryAfterSeconds?: number;
  /** How the store waits after a 429 (default: a timer); tests pass a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock of signed URLs and `Retry-After` dates (default: the system clock). */
  readonly now?: () => Date;
}

/** Deletes in flight at once when deleting a prefix. */
const DELETE_CONCURRENCY = 16;

/** Builds the client; nothing is sent until the first call (least privilege: no bucket read at start). */
export function openGcsArtifactStore(options: GcsArtifactStoreOptions): GcsArtifactStore {
  const bucket = options.bucket
    ?.trim()
    .replace(/^gs:\/\//, "")
    .replace(/\/+$/, "");
  if (!bucket) throw invalidInput("GCS_BUCKET", "Set GCS_BUCKET to the bucket that holds the run files.");
  const chunk = options.resumableChunkBytes ?? 8 * MIB;
  if (!Number.isInteger(chunk) || chunk <= 0 || chunk % (256 * 1024) !== 0) {
    throw invalidInput(
      "resumableChunkBytes",
      `The resumable chunk size must be a multiple of 256 KiB, not ${chunk}.`,
    );
  }
  const storageOptions: StorageOptions = {
    ...(options.apiEndpoint !== undefined ? { apiEndpoint: options.apiEndpoint } : {}),
    ...(options.projectId !== undefined ? { projectId: options.projectId } : {}),
    ...(options.credentials !== undefined ? { credentials: { ...options.credentials } } : {}),
    timeout: options.requestTimeoutMs ?? 60_000,
    retryOptions: {
      autoRetry: true,
      maxRetries: options.retry?.maxRetries ?? 3,
      // Upload retries wait at least a second (async-retry's minimum) and fail outright under a lower cap.
      maxRetryDelay: Math.max(1, options.retry?.maxRetryDelaySeconds ?? 64),
      totalTimeout: options.retry?.totalTimeoutSeconds ?? 600,
      retryDelayMultiplier: 2,
      idempotencyStrategy: IdempotencyStrategy.RetryAlways,
      // 429 is handled by the store, which honours Retry-After.
      retryableErrorFn: (error) => statusOf(error) !== 429 && RETRYABLE_ERR_FN_DEFAULT(error),
    },
  };
  return new GcsArtifactStore(new Storage(storageOptions).bucket(bucket), options, chunk);
}

export class GcsArtifactStore implements ArtifactStore {
  readonly kind = "gcs";
  readonly #bucket: Bucket;
  readonly #threshold: number;
  readonly #chunk: number;
  readonly #timeoutMs: number;
  readonly #rateLimitRetries: number;
  readonly #maxWaitMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => Date;

  constructor(bucket: Bucket, options: GcsArtifactStoreOptions, chunkBytes: number) {
    this.#bucket = bucket;
    this.#threshold = options.resumableThresholdBytes ?? 8 * MIB;
    this.#chunk = chunkBytes;
    this.#timeoutMs = options.requestTimeoutMs ?? 60_000;
    this.#rateLimitRetries = options.rateLimitRetries ?? 5;
    this.#maxWaitMs = (options.maxRetryAfterSeconds ?? 60) * 1000;
    this.#sleep = options.sleep ?? ((ms) => sleep(ms));
    this.#now = options.now ?? (() => new Date());
  }

  async put(key: string, body: Buffer | string, contentType?: string): Promise<void> {
    assertArtifactKey(key);
    const data = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const type = contentType ?? contentTypeOf(key);
    const resumable = data.length > this.#threshold;
    await this.#call("put", key, () =>
      this.#bucket.file(key).save(data, {
        resumable,
        ...(resumable ? { chunkSize: this.#chunk } : { timeout: this.#timeoutMs }),
        contentType: type,
        metadata: { contentType: type },
        validation: "crc32c",
      }),
    );
  }

  async putFile(key: string, path: string, contentType?: string): Promise<void> {
    assertArtifactKey(key);
    const type = contentType ?? contentTypeOf(key);
    const resumable = (await stat(path)).size > this.#threshold;
    await this.#call("put", key, () =>
      this.#bucket.upload(path, {
        destination: key,
        resumable,
        ...(resumable ? { chunkSize: this.#chunk } : { timeout: this.#timeoutMs }),
        contentType: type,
        metadata: { contentType: type },
        validation: "crc32c",
      }),
    );
  }

  async getFile(key: string, path: string): Promise<boolean> {
    assertArtifactKey(key);
    return this.#call("get", key, async () => {
      try {
        await this.#bucket.file(key).download({ destination: path });
        return true;
      } catch (error) {
        await unlink(path).catch(() => undefined);
        if (statusOf(error) === 404 && !isMissingBucket(error)) return false;
        throw error;
      }
    });
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertArtifactKey(key);
    return this.#call("get", key, async () => {
      try {
        const [contents] = await this.#bucket.file(key).download();
        return contents;
      } catch (error) {
        if (statusOf(error) === 404 && !isMissingBucket(error)) return undefined;
        throw error;
      }
    });
  }

  async getText(key: string): Promise<string | undefined> {
    return (await this.get(key))?.toString("utf8");
  }

  async exists(key: string): Promise<boolean> {
    assertArtifactKey(key);
    return this.#call("exists", key, async () => {
      try {
        await this.#bucket.file(key).getMetadata();
        return true;
      } catch (error) {
        // The library's `File#exists` also says false for a missing bucket; a wrong GCS_BUCKET must show.
        if (statusOf(error) === 404 && !isMissingBucket(error)) return false;
        throw error;
      }
    });
  }

  async list(prefix: string): Promise<string[]> {
    assertArtifactPrefix(prefix, { allowEmpty: true });
    return this.#listKeys(prefix);
  }

  async delete(prefix: string): Promise<number> {
    assertArtifactPrefix(prefix, { allowEmpty: false });
    const keys = await this.#listKeys(prefix);
    let deleted = 0;
    for (let start = 0; start < keys.length; start += DELETE_CONCURRENCY) {
      const batch = keys.slice(start, start + DELETE_CONCURRENCY);
      const gone = await Promise.all(batch.map((key) => this.#deleteOne(key)));
      deleted += gone.filter(Boolean).length;
    }
    return deleted;
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertArtifactKey(key);
    const config = signedUrlConfig(key, options, this.#now());
    return this.#call("signedUrl", key, async () => (await this.#bucket.file(key).getSignedUrl(config))[0]);
  }

  /** Every key under `prefix`, page by page, sorted by UTF-16 code units as the port promises. */
  async #listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let query: GetFilesOptions | undefined = {
      autoPaginate: false,
      maxResults: 1000,
      ...(prefix !== "" ? { prefix } : {}),
    };
    while (query !== undefined) {
      const page: GetFilesOptions = query;
      const [files, next] = await this.#call("list", prefix, () => this.#bucket.getFiles(page));
      keys.push(...files.map((file) => file.name));
      query = (next as GetFilesOptions | null | undefined) ?? undefined;
    }
    return keys.sort();
  }

  /** True when this call deleted the object, false when it was already gone. */
  async #deleteOne(key: string): Promise<boolean> {
    return this.#call("delete", key, async () => {
      try {
        await this.#bucket.file(key).delete();
        return true;
      } catch (error) {
        if (statusOf(error) === 404 && !isMissingBucket(error)) return false;
        throw error;
      }
    });
  }

  /** `work`, tried again after each 429 as `Retry-After` asks; other failures become `MmmError`s. */
  async #call<T>(action: GcsAction, key: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (statusOf(error) !== 429 || attempt >= this.#rateLimitRetries) {
          throw asGcsError(error, { bucket: this.#bucket.name, key, action });
        }
        const asked = retryAfterMs(error, this.#now()) ?? 1000 * 2 ** attempt;
        await this.#sleep(Math.min(asked, this.#maxWaitMs));
      }
    }
  }
}
