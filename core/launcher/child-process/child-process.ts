/**
 * The embedded Launcher: each execution is a child process of the app on this machine.
 *
 * - The child is spawned detached (its own process group, stdin closed), with stdout and stderr
 *   appended to the request's log file, and with exactly `baseEnv` + the request's `env` as its
 *   environment: it never inherits the app's secrets.
 * - A state file per execution (`execution-record.ts`) holds its pid, the pid's start time from
 *   `/proc`, and its exit once seen. A launcher made after an app restart reads it: a pid that is alive
 *   with the same start time is still running (a reused pid is not); an exit the earlier launcher saw
 *   is reported as it was. A process that ended while no launcher was watching is `unknown` (its exit
 *   status died with its parent), or `cancelled` if a cancel had been asked for.
 * - `cancel` sends SIGTERM to the process group (the trainer and anything it started) followed by
 *   SIGCONT (so that a stopped trainer acts on it), then SIGKILL after `graceMs` if the same process is
 *   still alive (that timer survives `close`, without keeping the app's process alive).
 * - Resources (`process-stats.ts`): CPU time and peak resident memory are sampled from `/proc` every
 *   `sampleIntervalMs` while the process runs, and read afresh by `describe`. Node cannot give a
 *   child's own rusage at exit, so after the end the figures are those of the last sample, at most one
 *   interval old: CPU spent in that last interval is missed, the peak memory is exact unless it was
 *   reached in that interval. The trainer's own figures (`process.resourceUsage()`, sent with its
 *   `completed` event) are the precise ones; these are for executions that ended without a word.
 *   Without `/proc` (macOS) there are no figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { closeSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { MmmError, invalidInput } from "../../../common/errors.ts";
import { PRIVATE_FILE_MODE, makePrivateFolder, makePrivateFolderSync } from "../../private-files.ts";
import { describeRecord, readRecord, writeRecord, type ExecutionRecord } from "./execution-record.ts";
import type { ExecutionDescription, ExecutionRef, LaunchRequest, Launcher } from "../port.ts";
import {
  isSameProcessAlive,
  readProcessStats,
  readStartTicksSync,
  type ProcessStats,
} from "./process-stats.ts";

export interface ChildProcessLauncherOptions {
  /** Folder of the per-execution state files; created when missing. Keep it across restarts. */
  readonly stateDir: string;
  /** Variables every child gets before the request's own, e.g. `PATH` (nothing is inherited). */
  readonly baseEnv?: Readonly<Record<string, string>>;
  /** How long a cancelled child may take to stop after SIGTERM before SIGKILL, in ms (default 10000). */
  readonly graceMs?: number;
  /** How often CPU time and memory are sampled while a child runs, in ms (default 1000). */
  readonly sampleIntervalMs?: number;
  /** The clock for start, finish and cancel times (default: the system clock). */
  readonly now?: () => Date;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

/** Opens a launcher over `stateDir`, creating the folder when missing. */
export async function openChildProcessLauncher(
  options: ChildProcessLauncherOptions,
): Promise<ChildProcessLauncher> {
  await makePrivateFolder(options.stateDir);
  return new ChildProcessLauncher(options);
}

interface Child {
  readonly process: ChildProcess;
  readonly record: ExecutionRecord;
  readonly exited: Promise<void>;
  sampler?: NodeJS.Timeout;
}

export class ChildProcessLauncher implements Launcher {
  readonly kind = "child-process";
  readonly #options: ChildProcessLauncherOptions;
  readonly #children = new Map<string, Child>();
  /** State-file writes in flight, awaited by `close` so none is cut short. */
  readonly #writes = new Set<Promise<void>>();
  /**
   * Set by `close`: from then on nothing is written, so the state folder may go (in tests) or the app may
   * exit; a child that ends later is found ended by the next launcher, as after any app restart.
   */
  #closed = false;
  readonly #lastWrite = new Map<string, Promise<void>>();

  constructor(options: ChildProcessLauncherOptions) {
    this.#options = options;
  }

  async launch(request: LaunchRequest): Promise<ExecutionRef> {
    const [program, ...args] = request.command;
    if (program === undefined || request.command.some((part) => typeof part !== "string" || part === "")) {
      throw invalidInput(
        "command",
        "The trainer command must be a program and its arguments, none of them empty.",
      );
    }
    const name = typeof request.runId === "string" ? request.runId.replace(/[^A-Za-z0-9_-]/g, "_") : "";
    if (!/^[A-Za-z0-9]/.test(name)) throw invalidInput("runId", "A launch needs the id of its run.");
    const id = `${name.slice(0, 180)}-${randomBytes(4).toString("hex")}`;
    const { child, exit } = await spawnDetached(program, args, {
      cwd: request.cwd,
      env: { ...this.#options.baseEnv, ...request.env },
      logFile: request.logFile,
    }).catch((error: unknown) => {
      throw new MmmError(
        "internal",
        `The trainer command ${program} could not be started: ${String(error)}`,
        {
          context: { field: "command", runId: request.runId },
          cause: error,
        },
      );
    });
    const pid = child.pid!;
    const startTicks = readStartTicksSync(pid);
    const record: ExecutionRecord = {
      id,
      runId: request.runId,
      pid,
      ...(startTicks !== undefined ? { startTicks } : {}),
      startedAt: this.#now(),
      command: [...request.command],
      ...(request.logFile !== undefined ? { logFile: resolve(request.logFile) } : {}),
    };
    const entry: Child = { process: child, record, exited: exit.then((end) => this.#ended(entry, end)) };
    this.#children.set(id, entry);
    entry.sampler = setInterval(() => void this.#sample(entry), this.#options.sampleIntervalMs ?? 1000);
    entry.sampler.unref();
    await this.#persist(record);
    return { launcher: this.kind, id };
  }

  async cancel(id: string): Promise<void> {
    assertExecutionId(id);
    const child = this.#children.get(id);
    const record = child?.record ?? (await readRecord(this.#options.stateDir, id));
    // Nothing to do for an unknown or finished execution, or one already being cancelled; and never
    // signal a pid that now belongs to another process.
    if (record === undefined || record.finishedAt !== undefined) return;
    if (record.cancelRequestedAt !== undefined) return;
    if (child === undefined && !(await isSameProcessAlive(record.pid, record.startTicks))) return;
    record.cancelRequestedAt = this.#now();
    await this.#persist(record);
    signalGroup(record.pid, "SIGTERM");
    // A stopped (SIGSTOP) trainer acts on SIGTERM only once it runs again, as systemd does it.
    signalGroup(record.pid, "SIGCONT");
    const escalate = setTimeout(() => {
      void this.#stillRunning(record).then((alive) => alive && signalGroup(record.pid, "SIGKILL"));
    }, this.#options.graceMs ?? 10_000);
    escalate.unref();
    if (child !== undefined) void child.exited.then(() => clearTimeout(escalate));
  }

  async describe(id: string): Promise<ExecutionDescription> {
    assertExecutionId(id);
    const child = this.#children.get(id);
    if (child !== undefined) {
      if (child.record.finishedAt === undefined) await this.#sample(child);
      return describeRecord(child.record, child.record.finishedAt === undefined);
    }
    const record = await readRecord(this.#options.stateDir, id);
    if (record === undefined) return { state: "unknown" };
    if (record.finishedAt !== undefined) return describeRecord(record, false);
    const alive = await isSameProcessAlive(record.pid, record.startTicks);
    if (alive) applyStats(record, await readProcessStats(record.pid));
    return describeRecord(record, alive);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const child of this.#children.values()) {
      if (child.sampler !== undefined) clearInterval(child.sampler);
      child.sampler = undefined;
      child.process.unref();
    }
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  /** Records a child's end: the sampler stops, and the exit goes to its state file. */
  async #ended(child: Child, end: unknown[] | undefined): Promise<void> {
    const [code, signal] = end ?? [];
    if (child.sampler !== undefined) clearInterval(child.sampler);
    child.sampler = undefined;
    const record = child.record;
    // A launcher made after a restart may have asked for the cancel; its note is in the state file.
    const cancelledElsewhere = (await readRecord(this.#options.stateDir, record.id))?.cancelRequestedAt;
    if (record.cancelRequestedAt === undefined && cancelledElsewhere !== undefined) {
      record.cancelRequestedAt = cancelledElsewhere;
    }
    record.finishedAt = this.#now();
    if (typeof code === "number") record.exitCode = code;
    if (typeof signal === "string") record.signal = signal;
    await this.#persist(record);
  }

  async #sample(child: Child): Promise<void> {
    const stats = await readProcessStats(child.record.pid);
    if (child.record.finishedAt === undefined) applyStats(child.record, stats);
  }

  async #stillRunning(record: ExecutionRecord): Promise<boolean> {
    return record.finishedAt === undefined && (await isSameProcessAlive(record.pid, record.startTicks));
  }

  /**
   * Writes a record's state file. Writes of one record run one after another, each with the record as
   * it is by then, so a slow early write never lands after a later one. Tracked for `close`; a failed
   * write is logged rather than thrown into whichever call happened to trigger it.
   */
  #persist(record: ExecutionRecord): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const previous = this.#lastWrite.get(record.id) ?? Promise.resolve();
    const write = previous
      .then(() => writeRecord(this.#options.stateDir, { ...record }))
      .catch((error: unknown) => {
        console.error(`launcher: could not write the state of execution ${record.id}: ${String(error)}`);
      });
    this.#lastWrite.set(record.id, write);
    this.#writes.add(write);
    void write.finally(() => {
      this.#writes.delete(write);
      if (this.#lastWrite.get(record.id) === write) this.#lastWrite.delete(record.id);
    });
    return write;
  }

  #now(): string {
    return (this.#options.now ?? (() => new Date()))().toISOString();
  }
}

/** Keeps a sample of the same process (the pid may belong to a new one if ours ended meanwhile). */
function applyStats(record: ExecutionRecord, stats: ProcessStats | undefined): void {
  if (stats === undefined) return;
  if (record.startTicks !== undefined && stats.startTicks !== record.startTicks) return;
  record.cpuSeconds = stats.cpuSeconds;
  if (stats.peakMemoryMb !== undefined) {
    record.peakMemoryMb = Math.max(record.peakMemoryMb ?? 0, stats.peakMemoryMb);
  }
}

function assertExecutionId(id: string): void {
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    throw invalidInput("execution", `${String(id)} is not an execution id of the child-process launcher.`);
  }
}

/**
 * Spawns `program` in its own process group with stdin closed and stdout and stderr appended to
 * `logFile` (or dropped), and resolves once it runs. `exit` resolves with `[code, signal]` when it ends;
 * it listens from the start, so that even an instant exit is seen.
 */
async function spawnDetached(
  program: string,
  args: readonly string[],
  options: { cwd: string | undefined; env: Record<string, string>; logFile: string | undefined },
): Promise<{ child: ChildProcess; exit: Promise<unknown[] | undefined> }> {
  const output = options.logFile === undefined ? "ignore" : openLog(options.logFile);
  try {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", output, output],
    });
    const exit = once(child, "exit").catch(() => undefined);
    await Promise.race([once(child, "spawn"), once(child, "error").then(([error]) => Promise.reject(error))]);
    return { child, exit };
  } finally {
    // The child has its own copy of the descriptor.
    if (typeof output === "number") closeSync(output);
  }
}

/** Opens the log file for appending (creating its folder), as a descriptor the child inherits. */
function openLog(logFile: string): number {
  makePrivateFolderSync(dirname(resolve(logFile)));
  return openSync(logFile, "a", PRIVATE_FILE_MODE);
}

/** Signals the child's whole process group (it leads one: it was spawned detached). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
