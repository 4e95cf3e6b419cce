/**
 * What the child-process launcher adds to the contract (`tests/contract/launcher.child-process.test.ts`):
 * log files, working folder, environment, process groups, SIGKILL after the grace period, a real
 * restart (the launching process is gone), and pid reuse.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitForExecution } from "../../../tests/contract/launcher.contract.ts";
import { isMmmError } from "../../../common/errors.ts";
import { openChildProcessLauncher, type ChildProcessLauncher } from "./child-process.ts";
import { recordPath } from "./execution-record.ts";
import type { ExecutionDescription } from "../port.ts";
import { readStartTicksSync } from "./process-stats.ts";

const RUN_ID = "20261126T043012Z-de-7f3a9c";
const REPO = join(import.meta.dirname, "..", "..", "..");
const node = (source: string) => [process.execPath, "-e", source];
const ended = (d: ExecutionDescription) => d.state !== "running";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("child-process launcher", () => {
  let stateDir: string;
  let launcher: ChildProcessLauncher;
  const started: string[] = [];

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), "mmm-launcher-"));
    launcher = await openChildProcessLauncher({ stateDir, graceMs: 300, sampleIntervalMs: 100 });
  });
  afterEach(async () => {
    for (const id of started.splice(0)) {
      await launcher.cancel(id);
      await waitForExecution(launcher, id, ended, 5000);
    }
    await launcher.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  async function launch(
    source: string,
    extra: { env?: Record<string, string>; cwd?: string; logFile?: string } = {},
  ) {
    const ref = await launcher.launch({
      runId: RUN_ID,
      command: node(source),
      env: extra.env ?? {},
      ...extra,
    });
    started.push(ref.id);
    return ref.id;
  }

  it("appends stdout and stderr to the log file and runs in the given folder", async () => {
    const logFile = join(stateDir, "logs", "run.log");
    await writeFile(join(stateDir, "earlier.txt"), "");
    const id = await launch(`console.log("out", process.cwd()); console.error("err")`, {
      cwd: stateDir,
      logFile,
    });
    await waitForExecution(launcher, id, ended);
    const id2 = await launch(`console.log("second")`, { logFile });
    await waitForExecution(launcher, id2, ended);
    const log = await readFile(logFile, "utf8");
    expect(log).toContain(`out ${stateDir}`);
    expect(log).toContain("err");
    expect(log.indexOf("second")).toBeGreaterThan(log.indexOf("out"));
  });

  it("gives the child only the base environment and the request's, and keeps no values on disk", async () => {
    const withBase = await openChildProcessLauncher({ stateDir, baseEnv: { MMM_BASE: "1" } });
    const logFile = join(stateDir, "env.log");
    const ref = await withBase.launch({
      runId: RUN_ID,
      command: node(`console.log(JSON.stringify(Object.keys(process.env).sort()))`),
      env: { MMM_TOKEN: "secret-token-value" },
      logFile,
    });
    await waitForExecution(withBase, ref.id, ended);
    await withBase.close();
    expect(JSON.parse(await readFile(logFile, "utf8"))).toEqual(["MMM_BASE", "MMM_TOKEN"]);
    expect(await readFile(recordPath(stateDir, ref.id), "utf8")).not.toContain("secret-token-value");
  });

  it("kills a child that ignores SIGTERM once the grace period is over", async () => {
    const id = await launch(`process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)`);
    await sleep(300); // let it install its handler
    await launcher.cancel(id);
    const done = await waitForExecution(launcher, id, ended, 3000);
    expect(done).toMatchObject({ state: "cancelled", signal: "SIGKILL" });
  });

  it("stops the programs a child started, too", async () => {
    const logFile = join(stateDir, "tree.log");
    const id = await launch(
      `const c = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });` +
        `console.log(c.pid); setInterval(() => {}, 1000)`,
      { logFile },
    );
    let grandchild = 0;
    for (let i = 0; i < 100 && grandchild === 0; i++) {
      await sleep(50);
      grandchild = Number((await readFile(logFile, "utf8")).trim()) || 0;
    }
    expect(alive(grandchild)).toBe(true);
    await launcher.cancel(id);
    await waitForExecution(launcher, id, ended, 3000);
    for (let i = 0; i < 40 && alive(grandchild); i++) await sleep(50);
    expect(alive(grandchild)).toBe(false);
  });

  it("describes and cancels executions whose launching process has exited (a real restart)", async () => {
    // Another process launches two programs and exits at once, as a crashing app would.
    const script =
      `import { openChildProcessLauncher } from "./core/launcher/child-process/child-process.ts";` +
      `const l = await openChildProcessLauncher({ stateDir: ${JSON.stringify(stateDir)} });` +
      `const short = await l.launch({ runId: "${RUN_ID}", command: [process.execPath, "-e", "setTimeout(() => {}, 1200)"], env: {} });` +
      `const long = await l.launch({ runId: "${RUN_ID}", command: [process.execPath, "-e", "setInterval(() => {}, 1000)"], env: {} });` +
      `await l.close(); console.log(JSON.stringify([short.id, long.id])); process.exit(0);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: REPO },
    );
    const [short, long] = JSON.parse(stdout) as [string, string];
    started.push(long);

    expect((await launcher.describe(short)).state).toBe("running");
    expect((await launcher.describe(long)).cpuSeconds).toBeGreaterThanOrEqual(0);
    // Nobody saw the short one exit: its exit status is gone, and the launcher does not guess.
    const gone = await waitForExecution(launcher, short, (d) => d.state !== "running");
    expect(gone.state).toBe("unknown");
    expect(gone.startedAt).toBeDefined();

    await launcher.cancel(long);
    const cancelled = await waitForExecution(launcher, long, (d) => d.state !== "running", 3000);
    expect(cancelled.state).toBe("cancelled");
  });

  it("does not mistake a later process with the same pid for the execution", async () => {
    const record = {
      id: "borrowed-pid-0001",
      runId: RUN_ID,
      pid: process.pid, // alive, but it is the test runner, not the execution
      startTicks: (readStartTicksSync(process.pid) ?? 0) + 1,
      startedAt: new Date().toISOString(),
      command: ["trainer"],
    };
    await writeFile(recordPath(stateDir, record.id), JSON.stringify(record));
    expect((await launcher.describe(record.id)).state).toBe("unknown");
    await launcher.cancel(record.id); // must not signal the test runner
    expect(alive(process.pid)).toBe(true);
  });

  it("writes nothing once closed, even when a child ends afterwards", async () => {
    const id = await launch("setTimeout(() => {}, 300)");
    const path = recordPath(stateDir, id);
    const before = await readFile(path, "utf8");
    await launcher.close();
    await sleep(800);
    expect(await readFile(path, "utf8")).toBe(before);
    expect(JSON.parse(before).finishedAt).toBeUndefined();
  });

  it("fails with an MmmError when the program does not exist", async () => {
    const error = await launcher
      .launch({ runId: RUN_ID, command: [join(stateDir, "no-such-trainer")], env: {} })
      .catch((e: unknown) => e);
    expect(isMmmError(error) && error.field === "command").toBe(true);
    expect(await readdir(stateDir)).toEqual([]);
  });
});
