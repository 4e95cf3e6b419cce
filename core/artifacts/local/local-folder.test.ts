/**
 * What the local-folder store adds to the contract (`tests/contract/artifact-store.local.test.ts`): its
 * files on disk, its options, and the folder-versus-file limit.
 */
import { mkdtemp, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isMmmError } from "../../../common/errors.ts";
import {
  openLocalFolderArtifactStore,
  verifyArtifactSignature,
  type LocalFolderArtifactStore,
} from "./local-folder.ts";

const SECRET = "unit-test-signing-secret";

describe("local-folder artifact store", () => {
  let root: string;
  let store: LocalFolderArtifactStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "mmm-artifacts-"));
    store = await openLocalFolderArtifactStore({
      root,
      signing: { baseUrl: "http://localhost:3000", secret: SECRET },
      now: () => new Date("2026-11-26T05:00:00Z"),
    });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("keeps one plain file per key and leaves no temporary files", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put("runs/a/status.json", `{"n":${i}}`)));
    await store.put("runs/a/output/model_summary.json", "{}");
    expect(await readdir(join(root, "runs", "a"))).toEqual(["output", "status.json"]);
  });

  it("refuses a key that would make a file of a folder or a folder of a file", async () => {
    await store.put("runs/a/output/x.json", "{}");
    for (const key of ["runs/a/output", "runs/a/output/x.json/y.json"]) {
      const error = await store.put(key, "{}").catch((e: unknown) => e);
      expect(isMmmError(error) && error.code === "conflict").toBe(true);
    }
    expect(await store.list("")).toEqual(["runs/a/output/x.json"]);
    expect(await readdir(join(root, "runs", "a", "output"))).toEqual(["x.json"]);
  });

  it("removes the folders a delete leaves empty, and nothing else", async () => {
    await store.put("runs/a/output/onepagers/1.png", "png");
    await store.put("runs/b/spec.json", "{}");
    await store.delete("runs/a/");
    expect(await readdir(join(root, "runs"))).toEqual(["b"]);
    await store.delete("runs/b/spec.json");
    expect(await readdir(root)).toEqual([]);
  });

  it("signs URLs with its clock, for the app's artifact route", async () => {
    const url = new URL(await store.signedUrl("runs/a/spec.json", { expiresInSeconds: 60 }));
    expect(url.origin + url.pathname).toBe("http://localhost:3000/artifacts/runs/a/spec.json");
    const expires = url.searchParams.get("expires")!;
    expect(Number(expires)).toBe(Date.parse("2026-11-26T05:01:00Z") / 1000);
    const sig = url.searchParams.get("sig")!;
    expect(
      verifyArtifactSignature("runs/a/spec.json", expires, sig, SECRET, new Date("2026-11-26T05:00:59Z")),
    ).toBe(true);
    expect(
      verifyArtifactSignature("runs/a/spec.json", expires, sig, SECRET, new Date("2026-11-26T05:01:00Z")),
    ).toBe(false);
  });

  it("opened without a signing key (the trainer's store), reads and writes but refuses to sign", async () => {
    const unsigned = await openLocalFolderArtifactStore({ root });
    await unsigned.put("runs/a/spec.json", "{}");
    expect(await store.getText("runs/a/spec.json")).toBe("{}");
    const refused = await unsigned
      .signedUrl("runs/a/spec.json", { expiresInSeconds: 60 })
      .catch((e: unknown) => e);
    expect(isMmmError(refused) && refused.code === "internal").toBe(true);
  });

  it("refuses a short secret and a base URL that is not a URL", async () => {
    const open = (secret: string, baseUrl: string) =>
      openLocalFolderArtifactStore({ root, signing: { secret, baseUrl } }).catch((e: unknown) => e);
    const short = await open("short", "http://localhost:3000");
    expect(isMmmError(short) && short.field === "signingSecret").toBe(true);
    const badUrl = await open(SECRET, "localhost");
    expect(isMmmError(badUrl) && badUrl.field === "baseUrl").toBe(true);
  });

  it("refuses a symbolic link planted in the folder, to a file or a folder outside it", async () => {
    const outside = await mkdtemp(join(tmpdir(), "mmm-outside-"));
    try {
      await writeFile(join(outside, "passwd"), "root:x:0:0");
      await store.put("runs/a/spec.json", "{}");
      await symlink(join(outside, "passwd"), join(root, "runs", "a", "log.txt"));
      await symlink(outside, join(root, "runs", "b"));
      for (const key of ["runs/a/log.txt", "runs/b/passwd"]) {
        // One read at a time: reads started together could reject before their catch is attached.
        for (const read of [() => store.get(key), () => store.getText(key), () => store.exists(key)]) {
          const error = await read().catch((e: unknown) => e);
          expect(isMmmError(error) && error.code === "forbidden", key).toBe(true);
        }
      }
      const write = await store.put("runs/b/planted.txt", "x").catch((e: unknown) => e);
      expect(isMmmError(write) && write.code === "forbidden").toBe(true);
      expect(await readdir(outside)).toEqual(["passwd"]);
      expect(await store.list("runs/")).toEqual(["runs/a/spec.json"]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("keeps its folders and files private to this account (0700 and 0600)", async () => {
    const fresh = join(root, "fresh");
    const own = await openLocalFolderArtifactStore({
      root: fresh,
      signing: { baseUrl: "http://localhost:3000", secret: SECRET },
    });
    await own.put("runs/a/output/model_summary.json", "{}");
    for (const folder of ["", "runs", "runs/a", "runs/a/output"])
      expect((await stat(join(fresh, folder))).mode & 0o777, folder).toBe(0o700);
    expect((await stat(join(fresh, "runs/a/output/model_summary.json"))).mode & 0o777).toBe(0o600);
  });
});
