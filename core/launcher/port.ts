/**
 * Launcher: starts, cancels and describes a trainer execution (child processes on this machine by
 * default, Cloud Run Jobs in production). The trainer itself reports progress to the app with events;
 * the launcher is what the reconciler asks when a trainer goes silent.
 *
 * Every adapter passes `tests/contract/launcher.contract.ts`. The rules below are the contract:
 *
 * - **`launch` returns once the execution has started** (or fails with an `MmmError`), with a handle the
 *   run store keeps as `Run.execution`. The command gets exactly the environment in the request (plus
 *   what the adapter's own options add), never the app's own secrets by inheritance.
 * - **`describe` works after an app restart**: a new launcher instance, configured like the old one,
 *   describes executions the old one started, while they run and after they end. When the adapter
 *   cannot tell any more what became of an execution it says `unknown`, never a guess.
 * - **`cancel` is idempotent**: it asks the execution to stop (SIGTERM, then SIGKILL after a grace
 *   period, or the service's equivalent) and resolves; cancelling an execution that has ended or that
 *   the launcher does not know does nothing. A cancelled execution is described as `cancelled`
 *   whatever its exit code.
 * - **Ids are opaque** to callers; an id that cannot be one of the adapter's fails with `invalid_input`.
 */

/** The handle of an execution, stored as `Run.execution`. */
export interface ExecutionRef {
  /** The adapter that started it: `child-process`, `cloud-run-jobs`. */
  readonly launcher: string;
  readonly id: string;
}

export interface LaunchRequest {
  readonly runId: string;
  /** The program and its arguments (argv: no shell, no quoting). */
  readonly command: readonly string[];
  /** The trainer's environment variables (run id, event URL, per-run token, …). */
  readonly env: Readonly<Record<string, string>>;
  /** Working directory, where the adapter runs commands locally. */
  readonly cwd?: string;
  /** Where stdout and stderr go, where the adapter runs commands locally (appended to). */
  readonly logFile?: string;
  /**
   * Run the command as this many parallel tasks of one execution (default 1). Each task gets
   * `CLOUD_RUN_TASK_INDEX` (0-based) and `CLOUD_RUN_TASK_COUNT`, as Cloud Run Jobs sets them; the
   * execution has succeeded when every task has.
   */
  readonly taskCount?: number;
}

export type ExecutionState = "running" | "succeeded" | "failed" | "cancelled" | "unknown";

export interface ExecutionDescription {
  readonly state: ExecutionState;
  /** The exit code, once the execution ended on its own and the adapter saw it. */
  readonly exitCode?: number;
  /** The signal that ended the execution, e.g. `SIGKILL` (out of memory, or a cancel past its grace). */
  readonly signal?: string;
  /** ISO 8601. */
  readonly startedAt?: string;
  /** ISO 8601, once ended and known. */
  readonly finishedAt?: string;
  /** CPU time used so far (user + system), in seconds, where the adapter can measure it. */
  readonly cpuSeconds?: number;
  /** Highest resident memory seen, in MB (2^20 bytes), where the adapter can measure it. */
  readonly peakMemoryMb?: number;
  /**
   * Why it failed, in the service's words, where the service says (e.g. `Memory limit of 512 MiB
   * exceeded with 530 MiB used.`).
   */
  readonly reason?: string;
}

export interface Launcher {
  /** Which adapter this is: `child-process`, `cloud-run-jobs`. */
  readonly kind: string;

  /** Starts `request.command` for a run. Fails with `invalid_input` for an empty command. */
  launch(request: LaunchRequest): Promise<ExecutionRef>;

  /** Asks the execution to stop; see the rules above. */
  cancel(id: string): Promise<void>;

  /** What the launcher knows about the execution now; `unknown` for an id it has never seen. */
  describe(id: string): Promise<ExecutionDescription>;

  /**
   * Stops the launcher's own timers. Running executions keep running (a training run outlives the app
   * process) and a new launcher can still describe and cancel them.
   */
  close(): Promise<void>;
}
