/**
 * `mmm trainer` reading a big input.csv (about 150 MB) from the artifact store, as the launcher starts
 * it: it says it is preparing before the read ends (the app fails a silent trainer as hung), and SIGTERM
 * during the read stops it at once with a cancelled event.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runPrefix } from "../../common/run-folder.ts";
import { newRunId } from "../../core/run-id.ts";
import { writeBigCsv } from "../fixtures/big-csv.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-trainer-input-"));
const runId = newRunId("us");
const cli = join(import.meta.dirname, "../../bin/mmm.js");
beforeAll(async () => {
  const folder = join(dir, runPrefix(runId));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "spec.json"), JSON.stringify(DEMO_SPEC));
  await writeBigCsv(join(folder, "input.csv"), 150);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("sends a heartbeat while it reads a big input, and stops within two seconds on SIGTERM", async () => {
  const env = { ...process.env, MMM_ARTIFACTS_DIR: dir, MMM_EVENTS_URL: "", MMM_EVENT_TOKEN: "" };
  const child = spawn(process.execPath, [cli, "trainer", "--run", runId], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = JSON.parse((await lines.next()).value as string);
  expect(first).toMatchObject({ type: "progress", phase: "preparing", seq: 1 });

  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(child.exitCode).toBeNull();
  const sent = performance.now();
  child.kill("SIGTERM");
  const code = await exit;
  const seconds = (performance.now() - sent) / 1000;
  console.log(`trainer stopped ${seconds.toFixed(2)} s after SIGTERM while reading its input`);
  expect(seconds).toBeLessThan(2);
  expect(code).toBe(130);
  const rest: { type: string }[] = [];
  for (let next = await lines.next(); !next.done; next = await lines.next())
    rest.push(JSON.parse(next.value));
  expect(rest.map((e) => e.type)).not.toContain("started");
  expect(rest.at(-1)).toMatchObject({ type: "cancelled" });
}, 60_000);
