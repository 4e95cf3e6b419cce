/**
 * `mmm train` as a process: progress as JSON lines on stdout, and SIGTERM stopping the run promptly with
 * status.json saying "cancelled".
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../fixtures/demo-spec.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-train-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = join(import.meta.dirname, "../../bin/mmm.js");

function start(spec: object, out: string) {
  const specFile = join(dir, `${out}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(
    process.execPath,
    [cli, "train", "--spec", specFile, "--data", DEMO_DATA_FILE, "--out", join(dir, out), "--workers", "1"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, exit };
}

describe("mmm train process", () => {
  it("stops on SIGTERM within a second and leaves status.json saying cancelled", async () => {
    const { child, lines, exit } = start({ ...DEMO_SPEC, iterations: 20000, trials: 5 }, "cancelled");
    for await (const line of lines) {
      if (JSON.parse(line).phase === "searching") break;
    }
    const sent = performance.now();
    child.kill("SIGTERM");
    const code = await exit;
    const seconds = (performance.now() - sent) / 1000;
    console.log(`stopped ${seconds.toFixed(2)} s after SIGTERM`);
    expect(seconds).toBeLessThan(1.5);
    expect(code).toBe(130);
    const status = JSON.parse(readFileSync(join(dir, "cancelled", "status.json"), "utf8"));
    expect(status.state).toBe("cancelled");
  });

  it("prints progress as JSON lines and ends with the completed event", async () => {
    const { lines, exit } = start({ ...DEMO_SPEC, iterations: 200, trials: 3 }, "quick");
    const events: { type: string; seq: number }[] = [];
    for await (const line of lines) events.push(JSON.parse(line));
    expect(await exit).toBe(0);
    expect(events[0]!.type).toBe("started");
    expect(events.some((e) => e.type === "progress")).toBe(true);
    expect(events.at(-1)!.type).toBe("completed");
  });
});
