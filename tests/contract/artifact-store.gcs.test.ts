/**
 * The ArtifactStore contract against the GCS adapter: the official client talks HTTP to a loopback fake
 * of the Cloud Storage JSON API (`tests/fakes/fake-gcs.ts`), a fresh one per test. Bodies over 1 MiB go
 * through resumable sessions in 1 MiB chunks here, so the contract's 4 MiB atomicity test exercises
 * them. Signed URLs are checked by the fake as Cloud Storage documents V4 signing, with the public half
 * of the test's own key. Fault injection is in `artifact-store-faults.gcs.test.ts`.
 */
import { describe, expect, it } from "vitest";
import { artifactStoreContract } from "./artifact-store.contract.ts";
import { TEST_BUCKET, TEST_SIGNER, startFakeGcsStore } from "../fakes/fake-gcs-store.ts";

const MIB = 1024 * 1024;
const SMALL_UPLOADS = { resumableThresholdBytes: MIB, resumableChunkBytes: MIB };

artifactStoreContract("gcs (loopback fake)", async () => {
  const { fake, store, stop } = await startFakeGcsStore(SMALL_UPLOADS);
  return { store, cleanup: stop, verifySignedUrl: async (url, now) => fake.checkSignedUrl(url, now).valid };
});

describe("GCS artifact store: how it uses Cloud Storage", () => {
  it("sends small bodies in one multipart upload with their content type", async () => {
    const { fake, store, stop } = await startFakeGcsStore(SMALL_UPLOADS);
    try {
      await store.put("runs/r1/spec.json", '{"a":1}');
      await store.put("runs/r1/output/1_2_3.png", Buffer.from([1, 2, 3]), "image/png");
      const uploads = fake.requests.filter((r) => r.kind === "upload-simple");
      expect(uploads.map((r) => r.query.get("uploadType"))).toEqual(["multipart", "multipart"]);
      expect(fake.object(TEST_BUCKET, "runs/r1/spec.json")?.contentType).toBe("application/json");
      expect(fake.object(TEST_BUCKET, "runs/r1/output/1_2_3.png")?.contentType).toBe("image/png");
    } finally {
      await stop();
    }
  });

  it("sends a body over the threshold through a resumable session, chunk by chunk", async () => {
    const { fake, store, stop } = await startFakeGcsStore(SMALL_UPLOADS);
    try {
      const body = Buffer.alloc(2 * MIB + 1234, 7);
      await store.put("runs/r1/input.csv", body);
      expect(fake.requests.filter((r) => r.kind === "upload-session")).toHaveLength(1);
      expect(fake.requests.filter((r) => r.kind === "upload-chunk")).toHaveLength(3);
      expect(fake.object(TEST_BUCKET, "runs/r1/input.csv")?.data.equals(body)).toBe(true);
      expect(fake.object(TEST_BUCKET, "runs/r1/input.csv")?.contentType).toBe("text/csv; charset=utf-8");
    } finally {
      await stop();
    }
  });

  it("lists page by page", async () => {
    const { fake, store, stop } = await startFakeGcsStore({}, { pageSize: 2 });
    try {
      for (const name of ["e", "a", "d", "b", "c"]) await store.put(`runs/r1/${name}.txt`, name);
      expect(await store.list("runs/")).toEqual(["a", "b", "c", "d", "e"].map((n) => `runs/r1/${n}.txt`));
      expect(fake.requests.filter((r) => r.kind === "list")).toHaveLength(3);
      expect(await store.delete("runs/r1/")).toBe(5);
    } finally {
      await stop();
    }
  });

  it("signs V4 URLs for the key, with the expiry and the disposition, that the server honours", async () => {
    const { fake, store, stop } = await startFakeGcsStore();
    try {
      const key = "runs/r1/output/model_summary.json";
      await store.put(key, '{"ok":true}');
      const url = new URL(await store.signedUrl(key, { expiresInSeconds: 600, disposition: "attachment" }));
      expect(url.pathname).toBe(`/${TEST_BUCKET}/${key}`);
      expect(url.searchParams.get("X-Goog-Algorithm")).toBe("GOOG4-RSA-SHA256");
      expect(url.searchParams.get("X-Goog-Expires")).toBe("600");
      expect(url.searchParams.get("X-Goog-Credential")).toMatch(
        new RegExp(`^${TEST_SIGNER}/\\d{8}/auto/storage/goog4_request$`),
      );
      expect(url.searchParams.get("response-content-disposition")).toBe(
        'attachment; filename="model_summary.json"',
      );

      const served = await fetch(url);
      expect(served.status).toBe(200);
      expect(await served.text()).toBe('{"ok":true}');
      expect(served.headers.get("content-disposition")).toBe('attachment; filename="model_summary.json"');
      expect(fake.requests.at(-1)?.kind).toBe("signed-download");
      url.searchParams.set("response-content-disposition", "inline");
      expect((await fetch(url)).status).toBe(403);
    } finally {
      await stop();
    }
  });
});
