/**
 * The Launcher contract (`core/launcher/port.ts`), run against every adapter with real programs.
 *
 * `make` gives a launcher with fresh state, `reopen`, which makes another launcher instance over the
 * same state, as the app does after a restart (the first one stays open, as a crashed app's children
 * stay alive), and `cleanup`, which removes the state. The suite cancels and waits out every execution
 * it started before `cleanup`. Programs are small Node scripts, run with `[process.execPath, "-e",
 * source]` unless `nodeCommand` says otherwise (e.g. for an image whose entry point runs node).
 *
 *   launcherContract("child-process", async () => { … return { launcher, reopen, cleanup }; });
 *
 * The registering function is long on purpose: it is a flat list of short tests, one per promise of
 * the port, which reads better than the same tests spread over helpers.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExecutionDescription, Launcher } from "../../core/launcher/port.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";

export interface LauncherUnderTest {
  readonly launcher: Launcher;
  readonly reopen: () => Promise<Launcher>;
  readonly cleanup: () => Promise<void>;
}

export interface LauncherContractOptions {
  /** The command that runs a Node program given as source text. */
  readonly nodeCommand?: (source: string) => string[];
  /** False for an adapter that cannot report CPU time and memory (default true). */
  readonly measuresResources?: boolean;
  /**
   * A well-formed id of this adapter that it never gave out (default `never-started-0000`), for an adapter
   * whose ids have a fixed shape (Cloud Run's are execution resource names).
   */
  readonly unknownId?: string;
}

const RUN_ID = "20261126T043012Z-de-7f3a9c";

/** Polls `describe` until `done` holds or `timeoutMs` passes; returns the last description. */
export async function waitForExecution(
  launcher: Launcher,
  id: string,
  done: (d: ExecutionDescription) => boolean,
  timeoutMs = 15_000,
): Promise<ExecutionDescription> {
  const deadline = Date.now() + timeoutMs;
  let last = await launcher.describe(id);
  while (!done(last) && Date.now() < deadline) {
    await sleep(50);
    last = await launcher.describe(id);
  }
  return last;
}

const ended = (d: ExecutionDescription) => d.state !== "running" && d.state !== "unknown";

export function launcherContract(
  name: string,
  make: () => Promise<LauncherUnderTest>,
  options: LauncherContractOptions = {},
): void {
  const nodeCommand = options.nodeCommand ?? ((source: string) => [process.execPath, "-e", source]);

  describe(`Launcher contract: ${name}`, () => {
    let subject: LauncherUnderTest;
    let launcher: Launcher;
    const started: string[] = [];
    const reopened: Launcher[] = [];

    async function launch(source: string, env: Record<string, string> = {}): Promise<string> {
      const ref = await launcher.launch({ runId: RUN_ID, command: nodeCommand(source), env });
      started.push(ref.id);
      return ref.id;
    }

    async function reopen(): Promise<Launcher> {
      const other = await subject.reopen();
      reopened.push(other);
      return other;
    }

    beforeEach(async () => {
      subject = await make();
      launcher = subject.launcher;
    });

    afterEach(async () => {
      for (const id of started.splice(0)) {
        await launcher.cancel(id);
        const last = await waitForExecution(launcher, id, (d) => d.state !== "running", 30_000);
        expect(last.state, `execution ${id} still runs after the test`).not.toBe("running");
      }
      for (const other of reopened.splice(0)) await other.close();
      await launcher.close();
      await subject.cleanup();
    });

    it("runs a program to success, with the environment it was given", async () => {
      const before = Date.now();
      const ref = await launcher.launch({
        runId: RUN_ID,
        command: nodeCommand(`process.exit(process.env.MMM_CONTRACT_CHECK === "given" ? 0 : 3)`),
        env: { MMM_CONTRACT_CHECK: "given" },
      });
      started.push(ref.id);
      expect(ref.launcher).toBe(launcher.kind);
      expect(typeof ref.id).toBe("string");
      const done = await waitForExecution(launcher, ref.id, ended);
      expect(done).toMatchObject({ state: "succeeded", exitCode: 0 });
      expect(Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt!));
    });

    it("reports a failure with the program's exit code", async () => {
      const id = await launch(`console.error("no data for DE"); process.exit(7)`);
      const done = await waitForExecution(launcher, id, ended);
      expect(done).toMatchObject({ state: "failed", exitCode: 7 });
      expect(done.finishedAt).toBeDefined();
    });

    it("says running while the program runs", async () => {
      const id = await launch(`setTimeout(() => {}, 20000)`);
      const now = await launcher.describe(id);
      expect(now.state).toBe("running");
      expect(now.finishedAt).toBeUndefined();
      expect(now.exitCode).toBeUndefined();
    });

    it("cancels a long-running program within 2 seconds, and cancelling again does nothing", async () => {
      const id = await launch(`setInterval(() => {}, 1000)`);
      expect((await launcher.describe(id)).state).toBe("running");
      const asked = Date.now();
      await launcher.cancel(id);
      const done = await waitForExecution(launcher, id, (d) => d.state === "cancelled", 2000);
      expect(done.state).toBe("cancelled");
      expect(Date.now() - asked).toBeLessThan(2500);
      await launcher.cancel(id);
      expect((await launcher.describe(id)).state).toBe("cancelled");
    });

    it("leaves a finished execution as it was when cancelled afterwards", async () => {
      const id = await launch(`process.exit(0)`);
      await waitForExecution(launcher, id, ended);
      await launcher.cancel(id);
      expect((await launcher.describe(id)).state).toBe("succeeded");
    });

    it("describes an execution after a restart, while it runs and after it ended", async () => {
      const id = await launch(`setTimeout(() => process.exit(0), 1500)`);
      const restarted = await reopen();
      expect((await restarted.describe(id)).state).toBe("running");
      const done = await waitForExecution(restarted, id, ended);
      expect(done).toMatchObject({ state: "succeeded", exitCode: 0 });
      expect(done.startedAt).toBeDefined();
    });

    it("cancels, after a restart, an execution started before it", async () => {
      const id = await launch(`setInterval(() => {}, 1000)`);
      const restarted = await reopen();
      await restarted.cancel(id);
      const done = await waitForExecution(restarted, id, (d) => d.state === "cancelled", 2000);
      expect(done.state).toBe("cancelled");
    });

    it.runIf(options.measuresResources ?? true)("measures CPU time and peak memory", async () => {
      // Holds 96 MB and keeps one core busy for about 1.5 s.
      const id = await launch(
        "const b = Buffer.alloc(96 * 1024 * 1024, 1); const end = Date.now() + 1500; let x = 0, i = 0;" +
          "while (Date.now() < end) x += Math.sqrt(x + b[i++ % b.length]); process.exit(x > 0 ? 0 : 1)",
      );
      await sleep(700);
      const running = await launcher.describe(id);
      expect(running.state).toBe("running");
      expect(running.cpuSeconds).toBeGreaterThan(0);
      const done = await waitForExecution(launcher, id, ended);
      expect(done.state).toBe("succeeded");
      expect(done.cpuSeconds).toBeGreaterThan(0.3);
      expect(done.cpuSeconds).toBeLessThan(60);
      expect(done.peakMemoryMb).toBeGreaterThan(96);
      expect(done.peakMemoryMb).toBeLessThan(4096);
    });

    it("says unknown for an id it never started and refuses a malformed id", async () => {
      const unknownId = options.unknownId ?? "never-started-0000";
      expect(await launcher.describe(unknownId)).toEqual({ state: "unknown" });
      await launcher.cancel(unknownId);
      await expectMmmError(launcher.describe("../../etc/passwd"), "invalid_input");
      await expectMmmError(launcher.cancel("../../etc/passwd"), "invalid_input");
    });

    it("refuses an empty command", async () => {
      await expectMmmError(
        launcher.launch({ runId: RUN_ID, command: [], env: {} }),
        "invalid_input",
        "command",
      );
    });
  });
}
