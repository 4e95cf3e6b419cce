/**
 * The production Launcher: each execution is a Cloud Run Jobs execution (`@google-cloud/run` v2, REST
 * transport), started with per-execution overrides.
 *
 * - **launch** runs the job named by `command[0]` with `overrides`: the container's args are
 *   `command.slice(1)` (the image's entry point stays), its env is the request's (plus `MMM_LAUNCH_ID`,
 *   a nonce), and `taskCount` and the task timeout are set per execution. So two launches close together
 *   never share a config, unlike the replaced product, which ran the job without overrides and read a
 *   shared `latest/job_config.json`. The execution is the one Cloud Run names in the returned operation's
 *   metadata, never "the newest execution" (the replaced product's guess, which raced): if the metadata
 *   lacks the name, the operation is read again.
 * - **Retries.** A rate limit or quota answer (429) means the job did not run: the call is repeated after
 *   a delay. An overloaded or unanswered call (503, timeout, network) leaves the outcome unknown: before
 *   repeating it, the launcher looks for an execution carrying this launch's nonce, so a lost answer
 *   never starts the trainer twice.
 * - **cancel** is `cancelExecution`, skipped when the execution has ended or does not exist.
 * - **describe** is `getExecution` (and, for a failed one, its tasks), mapped by `cloud-run-execution.ts`;
 *   an execution Cloud Run does not know is `unknown`. Ended executions never change, so their
 *   descriptions are kept.
 *
 * The app's service account needs `run.jobs.runWithOverrides`, `run.executions.get`, `.list` and
 * `.cancel`, `run.operations.get`, and `run.tasks.list` (for exit codes; without it a failure has no exit
 * code): see `infra/iam.tf`.
 */
import { randomUUID } from "node:crypto";
import type { ExecutionsClient, JobsClient, TasksClient } from "@google-cloud/run";
import { invalidInput } from "../../../common/errors.ts";
import {
  cloudRunError,
  isTransient,
  Status,
  statusOf,
  withRetries,
  type CloudRunAction,
} from "./cloud-run-errors.ts";
import {
  describeExecution,
  executionState,
  hasEnded,
  type ExecutionResource,
  type TaskResource,
} from "./cloud-run-execution.ts";
import { isJobName, jobResourceName, parseApiEndpoint, parseExecutionName } from "./cloud-run-names.ts";
import type { ExecutionDescription, ExecutionRef, LaunchRequest, Launcher } from "../port.ts";

export interface CloudRunJobsLauncherOptions {
  readonly project: string;
  readonly region: string;
  /** `CLOUD_RUN_API_ENDPOINT`: a host, host:port or URL (a loopback fake in tests). Default: Google's. */
  readonly apiEndpoint?: string;
  /** A service-account key to call Cloud Run with (default: the app's own Google credentials). */
  readonly credentials?: { readonly client_email: string; readonly private_key: string };
  /** Each task's timeout, set on every execution (default: the job's own). */
  readonly taskTimeoutSeconds?: number;
  /** Waits before each retry of a call that may pass later, in ms (default 1, 3 and 10 s). */
  readonly retryDelaysMs?: readonly number[];
}

const LAUNCH_ID = "MMM_LAUNCH_ID";
const MAX_TASKS = 10_000;

/** Opens the launcher (loading the Cloud Run client lazily: only this adapter needs it). */
export async function openCloudRunJobsLauncher(
  options: CloudRunJobsLauncherOptions,
): Promise<CloudRunJobsLauncher> {
  const { JobsClient, ExecutionsClient, TasksClient } = await import("@google-cloud/run");
  const clientOptions = {
    fallback: true as const,
    ...(options.apiEndpoint ? parseApiEndpoint(options.apiEndpoint) : {}),
    ...(options.credentials
      ? {
          credentials: {
            client_email: options.credentials.client_email,
            private_key: options.credentials.private_key,
          },
        }
      : {}),
  };
  return new CloudRunJobsLauncher(options, {
    jobs: new JobsClient(clientOptions),
    executions: new ExecutionsClient(clientOptions),
    tasks: new TasksClient(clientOptions),
  });
}

interface Clients {
  readonly jobs: JobsClient;
  readonly executions: ExecutionsClient;
  readonly tasks: TasksClient;
}

export class CloudRunJobsLauncher implements Launcher {
  readonly kind = "cloud-run-jobs";
  readonly #options: CloudRunJobsLauncherOptions;
  readonly #clients: Clients;
  readonly #delays: readonly number[];
  /** Descriptions of ended executions, which Cloud Run never changes. */
  readonly #ended = new Map<string, ExecutionDescription>();

  constructor(options: CloudRunJobsLauncherOptions, clients: Clients) {
    this.#options = options;
    this.#clients = clients;
    this.#delays = options.retryDelaysMs ?? [1000, 3000, 10_000];
  }

  async launch(request: LaunchRequest): Promise<ExecutionRef> {
    const [job, ...args] = request.command;
    if (job === undefined || request.command.some((part) => typeof part !== "string" || part === "")) {
      throw invalidInput(
        "command",
        "The trainer command must be a Cloud Run job's name followed by its container's arguments, none of them empty.",
      );
    }
    if (!isJobName(job)) {
      throw invalidInput(
        "command",
        `${job} is not a Cloud Run job name (lower-case letters, digits and hyphens).`,
      );
    }
    if (typeof request.runId !== "string" || request.runId === "") {
      throw invalidInput("runId", "A launch needs the id of its run.");
    }
    const taskCount = request.taskCount ?? 1;
    if (!Number.isInteger(taskCount) || taskCount < 1 || taskCount > MAX_TASKS) {
      throw invalidInput(
        "taskCount",
        `taskCount must be a whole number from 1 to ${MAX_TASKS}, not ${taskCount}.`,
      );
    }
    const nonce = randomUUID();
    const name = jobResourceName(this.#options.project, this.#options.region, job);
    const timeout = this.#options.taskTimeoutSeconds;
    const runRequest = {
      name,
      overrides: {
        containerOverrides: [
          {
            args,
            clearArgs: args.length === 0,
            env: Object.entries({ ...request.env, [LAUNCH_ID]: nonce }).map(([key, value]) => ({
              name: key,
              value,
            })),
          },
        ],
        taskCount,
        ...(timeout !== undefined ? { timeout: { seconds: timeout } } : {}),
      },
    };
    const action: CloudRunAction = {
      doing: `start job ${job}`,
      resource: `job ${name}`,
      permission: "run.jobs.runWithOverrides",
      field: "command",
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const [operation] = await this.#clients.jobs.runJob(runRequest);
        const execution = await this.#executionOf(operation, name, nonce, action);
        return { launcher: this.kind, id: execution };
      } catch (error) {
        if (attempt >= this.#delays.length || !isTransient(error)) throw cloudRunError(error, action);
        // Past a rate limit the job did not run; past an outage it may have: look before running it again.
        if (statusOf(error) !== Status.RESOURCE_EXHAUSTED) {
          const started = await this.#findLaunched(name, nonce);
          if (started !== undefined) return { launcher: this.kind, id: started };
        }
        await new Promise((resolve) => setTimeout(resolve, this.#delays[attempt]));
      }
    }
  }

  async cancel(id: string): Promise<void> {
    const action = this.#action(id, "cancel", "run.executions.cancel");
    const execution = await this.#get(id, action);
    if (execution === undefined || hasEnded(execution)) return;
    try {
      await withRetries(() => this.#clients.executions.cancelExecution({ name: id }), this.#delays);
    } catch (error) {
      // Ended (or gone) between the two calls: nothing to cancel any more.
      const status = statusOf(error);
      if (status === Status.FAILED_PRECONDITION || status === Status.NOT_FOUND) return;
      throw cloudRunError(error, action);
    }
  }

  async describe(id: string): Promise<ExecutionDescription> {
    const action = this.#action(id, "describe", "run.executions.get");
    const known = this.#ended.get(id);
    if (known !== undefined) return known;
    const execution = await this.#get(id, action);
    if (execution === undefined) return { state: "unknown" };
    const tasks = executionState(execution) === "failed" ? await this.#tasks(id) : undefined;
    const description = describeExecution(execution, tasks);
    if (hasEnded(execution)) this.#ended.set(id, description);
    return description;
  }

  async close(): Promise<void> {
    await Promise.all([
      this.#clients.jobs.close(),
      this.#clients.executions.close(),
      this.#clients.tasks.close(),
    ]);
  }

  /** Checks an execution id and says what a call on it does, for errors. */
  #action(id: string, verb: string, permission: string): CloudRunAction {
    if (parseExecutionName(id) === undefined) {
      throw invalidInput(
        "execution",
        `${String(id)} is not an execution id of the Cloud Run launcher (projects/…/jobs/…/executions/…).`,
      );
    }
    return { doing: `${verb} execution ${id}`, resource: `execution ${id}`, permission, field: "execution" };
  }

  /** The execution, or undefined when Cloud Run does not know it. */
  async #get(id: string, action: CloudRunAction): Promise<ExecutionResource | undefined> {
    try {
      const [execution] = await withRetries(
        () => this.#clients.executions.getExecution({ name: id }),
        this.#delays,
      );
      return execution;
    } catch (error) {
      if (statusOf(error) === Status.NOT_FOUND) return undefined;
      throw cloudRunError(error, { ...action, permission: "run.executions.get" });
    }
  }

  /** The execution's tasks, or undefined when they cannot be read (the description then has no exit code). */
  async #tasks(id: string): Promise<TaskResource[] | undefined> {
    try {
      const [tasks] = await withRetries(() => this.#clients.tasks.listTasks({ parent: id }), this.#delays);
      return tasks;
    } catch {
      return undefined;
    }
  }

  /**
   * The execution a `runJob` operation started: named in its metadata, or in the operation as read again,
   * or found by the launch's nonce.
   */
  async #executionOf(
    operation: { name?: string | null; metadata?: unknown },
    job: string,
    nonce: string,
    action: CloudRunAction,
  ): Promise<string> {
    const named = (metadata: unknown) =>
      (metadata as ExecutionResource | null | undefined)?.name ?? undefined;
    let execution = named(operation.metadata);
    if (execution === undefined && operation.name) {
      const operationName = operation.name;
      const latest = await withRetries(
        () => this.#clients.jobs.checkRunJobProgress(operationName),
        this.#delays,
      ).catch(() => undefined);
      execution = named(latest?.metadata) ?? (await this.#findLaunched(job, nonce));
    }
    if (execution === undefined || parseExecutionName(execution) === undefined) {
      throw cloudRunError(
        new Error(`the operation ${operation.name ?? "(unnamed)"} names no execution`),
        action,
      );
    }
    return execution;
  }

  /** The execution of `job` whose environment carries this launch's nonce, if Cloud Run created one. */
  async #findLaunched(job: string, nonce: string): Promise<string | undefined> {
    try {
      const [executions] = await this.#clients.executions.listExecutions(
        { parent: job, pageSize: 50 },
        { autoPaginate: false },
      );
      const found = executions.find((execution) =>
        execution.template?.containers?.some((container) =>
          container.env?.some((variable) => variable.name === LAUNCH_ID && variable.value === nonce),
        ),
      );
      return found?.name ?? undefined;
    } catch {
      return undefined;
    }
  }
}
