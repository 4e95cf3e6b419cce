/**
 * What the SQLite run store adds to the contract (`tests/contract/run-store.sqlite.test.ts`): several
 * processes on one file, the busy timeout, the schema version, and `:memory:`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isMmmError } from "../../../common/errors.ts";
import { newRunId } from "../../run-id.ts";
import type { Run } from "../../run.ts";
import { parseRunSpec } from "../../run-spec.ts";
import { SCHEMA_VERSION } from "./sqlite-schema.ts";
import { openSqliteRunStore } from "./sqlite.ts";
import { runPrefix } from "../../../common/run-folder.ts";

const REPO = join(import.meta.dirname, "..", "..", "..");

function makeRun(): Run {
  const id = newRunId("DE");
  const now = new Date().toISOString();
  return {
    id,
    country: "DE",
    status: "running",
    spec: parseRunSpec({
      country: "DE",
      dep_var: "revenue",
      dep_var_type: "revenue",
      paid_media_spends: ["tv_S"],
    }),
    createdBy: { kind: "cli", id: "test" },
    createdAt: now,
    updatedAt: now,
    artifactPrefix: runPrefix(id),
    lastEventSeq: 0,
  };
}

/** Runs `node` with `args` in the repository, collecting stdout; resolves when it exits with 0. */
function node(
  args: string[],
  onLine?: (line: string) => void,
): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    if (onLine !== undefined) for (const line of chunk.toString("utf8").split("\n")) if (line) onLine(line);
  });
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const done = once(child, "exit").then(([code]) => {
    if (code !== 0) throw new Error(`child exited with ${String(code)}: ${err}`);
    return out;
  });
  return { child, done };
}

/** A process that holds the file's write lock for `ms` milliseconds; resolves once it holds it. */
async function holdLock(path: string, ms: number): Promise<{ released: Promise<string> }> {
  const script =
    `import Database from "libsql"; const db = new Database(${JSON.stringify(path)});` +
    `db.exec("BEGIN IMMEDIATE"); console.log("locked");` +
    `setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${ms});`;
  let locked!: () => void;
  const holding = new Promise<void>((resolve) => (locked = resolve));
  const { done } = node(["--input-type=module", "-e", script], (line) => line === "locked" && locked());
  await Promise.race([holding, done]);
  return { released: done };
}

describe("SQLite run store", () => {
  let folder: string;
  let path: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "mmm-sqlite-"));
    path = join(folder, "runs.sqlite");
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("keeps every change atomic when two processes write to the same file at once", async () => {
    const store = await openSqliteRunStore({ path });
    const eventRun = makeRun();
    const finishRuns = Array.from({ length: 20 }, makeRun);
    for (const run of [eventRun, ...finishRuns]) await store.createRun(run);
    const startAt = String(Date.now() + 2500); // both writers have loaded by then
    const writer = join(REPO, "tests", "support", "sqlite-writer.ts");
    const args = [
      "--import",
      "tsx",
      writer,
      path,
      startAt,
      "300",
      eventRun.id,
      ...finishRuns.map((r) => r.id),
    ];
    const outputs = await Promise.all([node(args).done, node(args).done]);
    const won = outputs.map(
      (out) => JSON.parse(out) as { events: number[]; keys: string[]; transitions: string[] },
    );

    const events = won.flatMap((w) => w.events);
    expect(new Set(events).size, "an event was applied twice").toBe(events.length);
    const stored = (await store.getRun(eventRun.id))!;
    expect(stored.lastEventSeq).toBe(300);
    expect((await store.listEvents(eventRun.id)).map((e) => e.seq)).toEqual(
      [...events].sort((a, b) => a - b),
    );

    const keys = won.flatMap((w) => w.keys);
    expect(keys).toHaveLength(300);
    expect(new Set(keys).size).toBe(300);

    const transitions = won.flatMap((w) => w.transitions).sort();
    expect(transitions).toEqual(finishRuns.map((r) => r.id).sort());
    await store.close();
  });

  it("waits for another process's lock instead of failing", async () => {
    const store = await openSqliteRunStore({ path, busyTimeoutMs: 10_000 });
    const run = makeRun();
    await store.createRun(run);
    const holder = await holdLock(path, 300);
    const updated = await store.updateRun(run.id, { slack: { channel: "C1", ts: "1.1" } });
    expect(updated.slack).toEqual({ channel: "C1", ts: "1.1" });
    await holder.released;
    await store.close();
  });

  it("fails with a retryable error when the lock is held past the busy timeout", async () => {
    const store = await openSqliteRunStore({ path, busyTimeoutMs: 50 });
    const run = makeRun();
    await store.createRun(run);
    const holder = await holdLock(path, 1500);
    const error = await store.updateRun(run.id, {}).catch((e: unknown) => e);
    expect(isMmmError(error) && error.code === "unavailable" && error.retry).toBe(true);
    await holder.released;
    expect((await store.updateRun(run.id, { summary: { ok: true } })).summary).toEqual({ ok: true });
    await store.close();
  });

  it("uses WAL and records its schema version", async () => {
    const store = await openSqliteRunStore({ path });
    await store.close();
    const db = new Database(path);
    expect(db.prepare("PRAGMA journal_mode").get()).toMatchObject({ journal_mode: "wal" });
    expect(db.prepare("SELECT MAX(version) AS v FROM schema_version").get()).toMatchObject({
      v: SCHEMA_VERSION,
    });
    db.close();
  });

  it("refuses a file written by a newer version of the app", async () => {
    await (await openSqliteRunStore({ path })).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)").run(
      SCHEMA_VERSION + 1,
      "later",
    );
    db.close();
    const error = await openSqliteRunStore({ path }).catch((e: unknown) => e);
    expect(isMmmError(error) && error.message.includes("newer version")).toBe(true);
  });

  it("creates the folder of a new file", async () => {
    const store = await openSqliteRunStore({ path: join(folder, "state", "nested", "runs.sqlite") });
    const run = makeRun();
    await store.createRun(run);
    expect((await store.getRun(run.id))?.id).toBe(run.id);
    await store.close();
  });

  it("keeps separate :memory: stores apart", async () => {
    const a = await openSqliteRunStore({ path: ":memory:" });
    const b = await openSqliteRunStore({ path: ":memory:" });
    const run = makeRun();
    await a.createRun(run);
    expect(await b.getRun(run.id)).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });
});
