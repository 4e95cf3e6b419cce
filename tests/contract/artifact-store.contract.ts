/**
 * The ArtifactStore contract (`core/artifacts/port.ts`), run against every adapter.
 *
 * `make` gives a fresh, empty store for each test, a `cleanup` that removes everything it made, and
 * `verifySignedUrl`, which checks a signed URL as the service that serves it would at time `now` (the
 * app's artifact route for the local folder; the Cloud Storage server or its loopback fake for GCS).
 *
 *   artifactStoreContract("local-folder", async () => { … return { store, cleanup, verifySignedUrl }; });
 *
 * The registering function is long on purpose: it is a flat list of short tests, one per promise of
 * the port, which reads better than the same tests spread over helpers.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArtifactStore } from "../../core/artifacts/port.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";

export interface ArtifactStoreUnderTest {
  readonly store: ArtifactStore;
  readonly cleanup: () => Promise<void>;
  readonly verifySignedUrl: (url: string, now: Date) => Promise<boolean>;
}

const RUN = "runs/20261126T043012Z-de-7f3a9c/";

/** Keys no adapter may accept, each with the rule it breaks. */
const UNSAFE_KEYS: readonly [string, string][] = [
  ["", "empty"],
  ["../secret.txt", "parent segment"],
  ["runs/../../etc/passwd", "parent segment inside"],
  ["runs/..", "parent segment at the end"],
  ["/etc/passwd", "absolute"],
  ["C:/Windows/win.ini", "drive letter"],
  ["runs\\x\\spec.json", "backslashes"],
  ["runs//spec.json", "empty segment"],
  ["runs/x/", "trailing slash"],
  ["./spec.json", "dot segment"],
  ["runs/.hidden", "segment starting with a dot"],
  ["runs/x\u0000.json", "NUL character"],
  ["a".repeat(1025), "longer than 1024 bytes"],
];

export function artifactStoreContract(name: string, make: () => Promise<ArtifactStoreUnderTest>): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    let store: ArtifactStore;
    let subject: ArtifactStoreUnderTest;
    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe("put, get, getText, exists", () => {
      it("returns exactly the bytes that were written, for text and binary bodies", async () => {
        const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
        await store.put(`${RUN}output/onepagers/1_2_3.png`, binary, "image/png");
        await store.put(`${RUN}spec.json`, '{"country":"DE","note":"München €"}');
        expect(await store.get(`${RUN}output/onepagers/1_2_3.png`)).toEqual(binary);
        expect(await store.getText(`${RUN}spec.json`)).toBe('{"country":"DE","note":"München €"}');
        expect((await store.get(`${RUN}spec.json`))?.toString("utf8")).toContain("München €");
        expect(await store.exists(`${RUN}spec.json`)).toBe(true);
      });

      it("writes a file from this machine and copies a body back to one, byte for byte", async () => {
        const folder = await mkdtemp(join(tmpdir(), "mmm-artifact-files-"));
        try {
          // Larger than one chunk of a resumable upload in the GCS tests (256 KiB), with every byte value.
          const body = Buffer.from(Array.from({ length: 700 * 1024 }, (_, i) => (i * 7) % 256));
          await writeFile(join(folder, "in.bin"), body);
          await store.putFile("datasets/sales/abc.parquet", join(folder, "in.bin"));
          expect(await store.get("datasets/sales/abc.parquet")).toEqual(body);
          await writeFile(join(folder, "out.bin"), "old contents");
          expect(await store.getFile("datasets/sales/abc.parquet", join(folder, "out.bin"))).toBe(true);
          expect(await readFile(join(folder, "out.bin"))).toEqual(body);
          expect(await store.getFile("datasets/sales/missing.parquet", join(folder, "none.bin"))).toBe(false);
          await expect(stat(join(folder, "none.bin"))).rejects.toThrow();
          await expectMmmError(store.putFile("../x", join(folder, "in.bin")), "invalid_input", "key");
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
      });

      it("stores an empty body as an empty file, not as a missing key", async () => {
        await store.put(`${RUN}log.txt`, "");
        expect(await store.exists(`${RUN}log.txt`)).toBe(true);
        expect(await store.getText(`${RUN}log.txt`)).toBe("");
      });

      it("answers undefined and false for a missing key, also below a missing folder", async () => {
        await store.put(`${RUN}spec.json`, "{}");
        for (const key of [`${RUN}missing.json`, "runs/nothing/here.csv", "runs"]) {
          expect(await store.get(key)).toBeUndefined();
          expect(await store.getText(key)).toBeUndefined();
          expect(await store.exists(key)).toBe(false);
        }
      });

      it("replaces a body on a second put", async () => {
        await store.put(`${RUN}status.json`, '{"status":"running"}');
        await store.put(`${RUN}status.json`, '{"status":"succeeded"}');
        expect(await store.getText(`${RUN}status.json`)).toBe('{"status":"succeeded"}');
        expect(await store.list(RUN)).toEqual([`${RUN}status.json`]);
      });

      it("never lets a reader or a listing see a half-written body", async () => {
        const key = `${RUN}input.csv`;
        const size = 4 * 1024 * 1024;
        const bodies = ["a", "b", "c", "d"].map((c) => Buffer.alloc(size, c));
        await store.put(key, bodies[0]!);
        for (let round = 1; round < bodies.length; round++) {
          const reads = Array.from({ length: 8 }, () => store.get(key));
          const [, ...seen] = await Promise.all([store.put(key, bodies[round]!), ...reads, store.list(RUN)]);
          for (const body of seen.slice(0, -1) as (Buffer | undefined)[]) {
            expect(body?.length).toBe(size);
            const first = body![0]!;
            expect(
              body!.every((byte) => byte === first),
              "a read mixed two bodies",
            ).toBe(true);
          }
          expect(seen.at(-1)).toEqual([key]);
        }
        expect((await store.get(key))?.equals(bodies.at(-1)!)).toBe(true);
      });
    });

    describe("list and delete", () => {
      beforeEach(async () => {
        for (const key of [
          "runs/a/spec.json",
          "runs/a/output/model_summary.json",
          "runs/a/output/onepagers/1_1_1.png",
          "runs/ab/spec.json",
          "runs/b/spec.json",
          "exports/report.csv",
        ]) {
          await store.put(key, key);
        }
      });

      it("lists every key below a folder prefix, sorted, and nothing else", async () => {
        expect(await store.list("runs/a/")).toEqual([
          "runs/a/output/model_summary.json",
          "runs/a/output/onepagers/1_1_1.png",
          "runs/a/spec.json",
        ]);
        expect(await store.list("runs/a/output/onepagers/")).toEqual(["runs/a/output/onepagers/1_1_1.png"]);
      });

      it("treats a prefix as a plain string prefix, as Cloud Storage does", async () => {
        expect(await store.list("runs/a")).toEqual([
          "runs/a/output/model_summary.json",
          "runs/a/output/onepagers/1_1_1.png",
          "runs/a/spec.json",
          "runs/ab/spec.json",
        ]);
        expect(await store.list("runs/a/output/model")).toEqual(["runs/a/output/model_summary.json"]);
      });

      it("lists everything for an empty prefix and nothing for an unknown one", async () => {
        const all = await store.list("");
        expect(all).toHaveLength(6);
        expect(all).toEqual([...all].sort());
        expect(await store.list("runs/zzz/")).toEqual([]);
        expect(await store.list("nothing")).toEqual([]);
      });

      it("deletes one run's keys, reports how many, and leaves the others", async () => {
        expect(await store.delete("runs/a/")).toBe(3);
        expect(await store.list("runs/a/")).toEqual([]);
        expect(await store.get("runs/a/spec.json")).toBeUndefined();
        expect(await store.list("")).toEqual(["exports/report.csv", "runs/ab/spec.json", "runs/b/spec.json"]);
        expect(await store.delete("runs/a/")).toBe(0);
        await store.put("runs/a/spec.json", "again");
        expect(await store.getText("runs/a/spec.json")).toBe("again");
      });

      it("refuses to delete with an empty prefix", async () => {
        await expectMmmError(store.delete(""), "invalid_input", "prefix");
        expect(await store.list("")).toHaveLength(6);
      });
    });

    describe("unsafe keys", () => {
      it.each(UNSAFE_KEYS)("refuses %j (%s) in every method", async (key) => {
        await expectMmmError(store.put(key, "x"), "invalid_input", "key");
        await expectMmmError(store.get(key), "invalid_input", "key");
        await expectMmmError(store.getText(key), "invalid_input", "key");
        await expectMmmError(store.exists(key), "invalid_input", "key");
        await expectMmmError(store.signedUrl(key, { expiresInSeconds: 60 }), "invalid_input", "key");
      });

      it.each(["../", "/runs/", "runs//", "runs\\a", "runs/../"])("refuses the prefix %j", async (prefix) => {
        await expectMmmError(store.list(prefix), "invalid_input", "prefix");
        await expectMmmError(store.delete(prefix), "invalid_input", "prefix");
      });

      it("names the key and the rule in the message", async () => {
        const error = await expectMmmError(store.put("../x.json", "x"), "invalid_input", "key");
        expect(error.message).toContain("../x.json");
        expect(error.message).toContain("..");
      });

      it("writes nothing when a key is refused", async () => {
        await store.put("runs/a/spec.json", "{}");
        await expectMmmError(store.put("runs/a/../b/spec.json", "x"), "invalid_input", "key");
        expect(await store.list("")).toEqual(["runs/a/spec.json"]);
      });
    });

    describe("signed URLs", () => {
      const key = `${RUN}output/model_summary.json`;
      beforeEach(async () => {
        await store.put(key, "{}");
      });

      it("gives a URL that verifies until it expires", async () => {
        const now = new Date();
        const url = await store.signedUrl(key, { expiresInSeconds: 600 });
        expect(() => new URL(url)).not.toThrow();
        expect(await subject.verifySignedUrl(url, now)).toBe(true);
        expect(await subject.verifySignedUrl(url, new Date(now.getTime() + 590_000))).toBe(true);
        expect(await subject.verifySignedUrl(url, new Date(now.getTime() + 605_000))).toBe(false);
      });

      it("signs the disposition too", async () => {
        const url = await store.signedUrl(key, { expiresInSeconds: 600, disposition: "attachment" });
        expect(await subject.verifySignedUrl(url, new Date())).toBe(true);
        const withoutIt = new URL(url);
        for (const name of [...withoutIt.searchParams.keys()]) {
          if (/disposition/i.test(name)) withoutIt.searchParams.delete(name);
        }
        expect(await subject.verifySignedUrl(withoutIt.toString(), new Date())).toBe(false);
      });

      it("fails when any part of the URL is changed", async () => {
        const url = await store.signedUrl(key, { expiresInSeconds: 600 });
        const now = new Date();
        const otherKey = url.replace("model_summary.json", "all_models.csv");
        expect(otherKey).not.toBe(url);
        expect(await subject.verifySignedUrl(otherKey, now)).toBe(false);
        const parsed = new URL(url);
        for (const [param, value] of parsed.searchParams) {
          const tampered = new URL(url);
          tampered.searchParams.set(param, alter(value));
          expect(await subject.verifySignedUrl(tampered.toString(), now), `changed ${param}`).toBe(false);
        }
      });

      it("refuses an expiry outside 1 second to 7 days", async () => {
        for (const seconds of [0, -5, 1.5, 7 * 24 * 3600 + 1]) {
          await expectMmmError(store.signedUrl(key, { expiresInSeconds: seconds }), "invalid_input");
        }
      });
    });
  });
}

/** Changes a query value: a number grows by one, anything else gets a different first character. */
function alter(value: string): string {
  if (/^\d+$/.test(value)) return String(BigInt(value) + 1n);
  return (value.startsWith("a") ? "b" : "a") + value.slice(1);
}
