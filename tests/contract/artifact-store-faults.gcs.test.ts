/**
 * The GCS adapter under injected faults of the loopback Cloud Storage fake: a failure the library retries
 * is invisible to the caller; one that outlasts the retries is an `unavailable` error that may be retried;
 * a 429 is waited out as long as its `Retry-After` says (the store's `sleep` is recorded, not slept, so
 * nothing here depends on timing); refusals name the bucket and the missing permission. The library's own
 * retry waits are one second here (its minimum for uploads), so a retried call takes about that long.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeGcsStore, type FakeGcsStore } from "../fakes/fake-gcs-store.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";

const KEY = "runs/r1/output/model_summary.json";
const MIB = 1024 * 1024;

let subject: FakeGcsStore | undefined;
afterEach(async () => {
  await subject?.stop();
  subject = undefined;
});

async function start(...args: Parameters<typeof startFakeGcsStore>): Promise<FakeGcsStore> {
  subject = await startFakeGcsStore(...args);
  return subject;
}

describe("GCS artifact store: retried failures", () => {
  it("retries a 503 on a read transparently", async () => {
    const { fake, store } = await start();
    await store.put(KEY, "{}");
    fake.inject({ kind: "download", status: 503 });
    expect(await store.getText(KEY)).toBe("{}");
    expect(fake.requests.filter((r) => r.kind === "download").map((r) => r.fault?.status)).toEqual([
      503,
      undefined,
    ]);
  });

  it("retries a 503 on a simple upload transparently", async () => {
    const { fake, store } = await start();
    fake.inject({ kind: "upload-simple", status: 503 });
    await store.put(KEY, '{"v":1}');
    expect(fake.requests.filter((r) => r.kind === "upload-simple")).toHaveLength(2);
    expect(await store.getText(KEY)).toBe('{"v":1}');
  });

  it("resumes a resumable upload from the bytes the server holds after a 503 on a chunk", async () => {
    const { fake, store } = await start({ resumableThresholdBytes: MIB, resumableChunkBytes: MIB });
    const body = Buffer.from(Array.from({ length: 3 * MIB }, (_, i) => i % 251));
    fake.inject({ kind: "upload-chunk", status: 503, after: 1 });
    await store.put("runs/r1/input.csv", body);
    expect(fake.requests.filter((r) => r.kind === "upload-session")).toHaveLength(1);
    const chunks = fake.requests.filter((r) => r.kind === "upload-chunk");
    expect(chunks.map((r) => `${r.headers["content-range"]}${r.fault ? " 503" : ""}`)).toEqual([
      "bytes 0-1048575/*",
      "bytes 1048576-2097151/* 503",
      "bytes */*", // where to go on: the server holds the first chunk
      "bytes 1048576-2097151/*",
      "bytes 2097152-3145727/3145728",
    ]);
    expect((await store.get("runs/r1/input.csv"))?.equals(body)).toBe(true);
  });

  it("retries a list whose answer never comes, once the request times out", async () => {
    const { fake, store } = await start({ requestTimeoutMs: 500 });
    await store.put(KEY, "{}");
    fake.inject({ kind: "list", hang: true });
    expect(await store.list("runs/")).toEqual([KEY]);
    const lists = fake.requests.filter((r) => r.kind === "list");
    expect(lists[0]?.fault?.hang).toBe(true);
    expect(lists.length).toBeGreaterThanOrEqual(2);
  });
});

describe("GCS artifact store: failures that outlast the retries", () => {
  it("ends repeated 5xx on a read in a retryable unavailable error naming the object", async () => {
    const { fake, store } = await start();
    fake.inject({ kind: "metadata", status: 503, times: Infinity });
    const error = await expectMmmError(store.exists(KEY), "unavailable");
    expect(error.retry).toBe(true);
    expect(error.message).toContain(`gs://mmm-test-artifacts/${KEY}`);
    expect(error.context).toMatchObject({ status: 503, action: "exists" });
    expect(fake.requests.filter((r) => r.kind === "metadata")).toHaveLength(3); // 1 + maxRetries
  });

  it("ends repeated 5xx on an upload in a retryable unavailable error", async () => {
    const { fake, store } = await start();
    fake.inject({ kind: "upload-simple", status: 502, times: Infinity });
    const error = await expectMmmError(store.put(KEY, "{}"), "unavailable");
    expect(error.retry).toBe(true);
    expect(fake.names("mmm-test-artifacts")).toEqual([]);
  });

  it("ends answers that never come in a retryable unavailable error", async () => {
    const { fake, store } = await start({ requestTimeoutMs: 200 });
    fake.inject({ kind: "metadata", hang: true, times: Infinity });
    const error = await expectMmmError(store.exists(KEY), "unavailable");
    expect(error.retry).toBe(true);
  });
});

describe("GCS artifact store: rate limits", () => {
  it("waits as long as Retry-After says, then tries again", async () => {
    const { fake, store, waits } = await start();
    await store.put(KEY, "{}");
    fake.inject({ kind: "download", status: 429, headers: { "Retry-After": "7" } });
    expect(await store.getText(KEY)).toBe("{}");
    expect(waits).toEqual([7000]);
    expect(fake.requests.filter((r) => r.kind === "download")).toHaveLength(2);
  });

  it("reads a Retry-After given as a date against the store's clock, and caps long waits", async () => {
    const now = new Date("2026-11-26T05:00:00.000Z");
    const { fake, store, waits } = await start({ now: () => now, maxRetryAfterSeconds: 30 });
    await store.put(KEY, "{}");
    fake.inject({
      kind: "metadata",
      status: 429,
      headers: { "Retry-After": "Thu, 26 Nov 2026 05:00:12 GMT" },
    });
    fake.inject({ kind: "metadata", status: 429, headers: { "Retry-After": "3600" } });
    expect(await store.exists(KEY)).toBe(true);
    expect(waits).toEqual([12_000, 30_000]);
  });

  it("backs off without Retry-After, and gives up with a retryable error", async () => {
    const { fake, store, waits } = await start({ rateLimitRetries: 3 });
    fake.inject({ kind: "upload-simple", status: 429, times: Infinity });
    const error = await expectMmmError(store.put(KEY, "{}"), "unavailable");
    expect(error.retry).toBe(true);
    expect(error.context).toMatchObject({ status: 429 });
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(fake.requests.filter((r) => r.kind === "upload-simple")).toHaveLength(4);
  });
});

describe("GCS artifact store: refusals", () => {
  it("names the bucket and the missing permission when access is denied", async () => {
    const { fake, store } = await start();
    fake.inject({
      kind: "upload-simple",
      status: 403,
      message: "mmm-app@mmm-test.iam.gserviceaccount.com does not have storage.objects.create access.",
    });
    const error = await expectMmmError(store.put(KEY, "{}"), "forbidden");
    expect(error.retry).toBe(false);
    expect(error.message).toContain("bucket mmm-test-artifacts");
    expect(error.message).toContain("storage.objects.create");
    expect(error.context.permission).toBe("storage.objects.create");
  });

  it("says which permission a listing needs when the server does not", async () => {
    const { fake, store } = await start();
    fake.inject({ kind: "list", status: 403, message: "Forbidden" });
    const error = await expectMmmError(store.list("runs/"), "forbidden");
    expect(error.message).toContain("storage.objects.list");
  });

  it("reports a missing bucket instead of a missing object", async () => {
    const { store } = await start({ bucket: "no-such-bucket" });
    await expectMmmError(store.get(KEY), "not_found", "GCS_BUCKET");
    await expectMmmError(store.exists(KEY), "not_found", "GCS_BUCKET");
    const error = await expectMmmError(store.put(KEY, "{}"), "not_found", "GCS_BUCKET");
    expect(error.message).toContain("no-such-bucket");
  });
});
