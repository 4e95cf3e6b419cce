/**
 * A loopback fake of the Cloud Run Admin API v2 (REST, as `@google-cloud/run` calls it with
 * `fallback: true`), for the launcher contract and fault tests.
 *
 * What it serves: `POST …/jobs/J:run` (with overrides: args, env, task count, timeout; answers a
 * long-running operation whose metadata is the new execution), `GET …/jobs/J/executions` (newest first),
 * `GET …/executions/E`, `POST …/executions/E:cancel`, `GET …/executions/E/tasks`, and
 * `GET …/operations/O`. Enums are numbers when the client asks for `enum-encoding=int` (it does), names
 * otherwise. Every request must carry a bearer token that is a JWT signed by the configured service
 * account's key (the client signs its own with a service-account key, so no token endpoint is needed).
 *
 * How executions run: each job has a `command` (its image's entry point); an execution runs each of its
 * tasks as a local child process `command + args` with only the job's env, the override env and Cloud
 * Run's task variables (`CLOUD_RUN_JOB`, `CLOUD_RUN_EXECUTION`, `CLOUD_RUN_TASK_INDEX`,
 * `CLOUD_RUN_TASK_COUNT`, `CLOUD_RUN_TASK_ATTEMPT`). So an execution really runs for a while and then
 * succeeds, fails with its exit code, times out, or is cancelled (SIGTERM, then SIGKILL after
 * `cancelGraceMs`, 10 s in Cloud Run), and its counts, times and `Completed` condition follow.
 *
 * Faults: `fail(route, status)` answers the next request of a route with an error (`afterEffect`: do
 * the work first, then answer with the error, as when a response is lost); `deny(permission)` answers
 * PERMISSION_DENIED naming the permission as Cloud Run does; `omitOperationMetadata` leaves the
 * execution out of the `:run` answer (it is still in the operation when read again); `oomKillNext` kills
 * the next execution's first task as Cloud Run does when a container passes its memory limit.
 *
 * The file is long because the rules keep each fake in one file: routing, executions, then JSON shapes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID, verify as verifySignature, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { constants } from "node:os";

export interface FakeCloudRunJob {
  /** The image's entry point: the program and its leading arguments. */
  readonly command: readonly string[];
  /** The job template's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** The job's task timeout (default 600 s). */
  readonly timeoutSeconds?: number;
}

export interface FakeCloudRunOptions {
  readonly project: string;
  readonly region: string;
  /** The service account whose signed tokens are accepted. */
  readonly serviceAccount: { readonly email: string; readonly publicKey: KeyObject };
  readonly jobs: Readonly<Record<string, FakeCloudRunJob>>;
  /** How long a cancelled task has between SIGTERM and SIGKILL (default 10 s, as Cloud Run). */
  readonly cancelGraceMs?: number;
}

export type FakeCloudRunRoute = "run" | "get" | "list" | "cancel" | "tasks" | "operation";

interface Task {
  readonly index: number;
  process?: ChildProcess;
  startTime?: Date;
  completionTime?: Date;
  exitCode?: number;
  termSignal?: number;
  outcome?: "succeeded" | "failed" | "cancelled";
  message?: string;
  /** Why the fake killed it, when it did (memory, timeout). */
  killedFor?: string;
  timer?: NodeJS.Timeout;
}

export interface FakeExecution {
  readonly name: string;
  readonly job: string;
  readonly args: readonly string[];
  readonly env: readonly { name: string; value: string }[];
  readonly taskCount: number;
  readonly timeoutSeconds: number;
  readonly createTime: Date;
  startTime?: Date;
  completionTime?: Date;
  cancelRequested: boolean;
  readonly tasks: Task[];
}

const ENUM = {
  CONDITION_PENDING: 1,
  CONDITION_RECONCILING: 2,
  CONDITION_FAILED: 3,
  CONDITION_SUCCEEDED: 4,
  NON_ZERO_EXIT_CODE: 2,
  CANCELLED: 3,
  CANCELLING: 4,
} as const;

const HTTP_STATUS: Record<number, string> = {
  400: "FAILED_PRECONDITION",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export class FakeCloudRun {
  readonly requests: { method: string; path: string; route: string; body: Record<string, unknown> }[] = [];
  /** Leave the execution out of the `:run` answer's metadata. */
  omitOperationMetadata = false;

  readonly #options: FakeCloudRunOptions;
  readonly #server: Server;
  readonly #executions: FakeExecution[] = [];
  readonly #operations = new Map<string, string>();
  readonly #faults: { route: FakeCloudRunRoute; status: number; times: number; afterEffect: boolean }[] = [];
  readonly #denied = new Set<string>();
  #oom: { afterMs: number; limitMiB: number } | undefined;
  #url = "";

  private constructor(options: FakeCloudRunOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      void this.#handle(req, res).catch((error: unknown) => send(res, 500, errorBody(500, String(error))));
    });
  }

  static async start(options: FakeCloudRunOptions): Promise<FakeCloudRun> {
    const fake = new FakeCloudRun(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    fake.#url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The value for `CLOUD_RUN_API_ENDPOINT`. */
  get endpoint(): string {
    return this.#url;
  }

  /** The executions started so far, oldest first. */
  get executions(): readonly FakeExecution[] {
    return this.#executions;
  }

  fail(
    route: FakeCloudRunRoute,
    status: number,
    options: { times?: number; afterEffect?: boolean } = {},
  ): void {
    this.#faults.push({
      route,
      status,
      times: options.times ?? 1,
      afterEffect: options.afterEffect ?? false,
    });
  }

  deny(permission: string): void {
    this.#denied.add(permission);
  }

  /** The next execution's first task is killed after `afterMs` for passing a `limitMiB` memory limit. */
  oomKillNext(afterMs: number, limitMiB: number): void {
    this.#oom = { afterMs, limitMiB };
  }

  async close(): Promise<void> {
    const exits = this.#executions.flatMap((execution) =>
      execution.tasks
        .filter((task) => task.process && task.completionTime === undefined)
        .map(
          (task) =>
            new Promise<void>((resolve) => {
              task.process!.once("exit", () => resolve());
              task.process!.kill("SIGKILL");
            }),
        ),
    );
    await Promise.all(exits);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- routing -----------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readJson(req);
    const ints = (url.searchParams.get("$alt") ?? "").includes("enum-encoding=int");
    const path = url.pathname;
    const { project, region } = this.#options;
    const base = `/v2/projects/${project}/locations/${region}`;
    const route = routeOf(req.method ?? "GET", path, base);
    this.requests.push({ method: req.method ?? "GET", path, route: route?.name ?? "unknown", body });
    if (!this.#authorized(req.headers.authorization)) {
      return send(res, 401, errorBody(401, "Request had invalid authentication credentials."));
    }
    if (route === undefined)
      return send(res, 404, errorBody(404, `The fake does not serve ${req.method} ${path}.`));
    const permission = route.name === "run" ? "run.jobs.runWithOverrides" : PERMISSIONS[route.name];
    if (this.#denied.has(permission)) {
      return send(
        res,
        403,
        errorBody(
          403,
          `Permission '${permission}' denied on resource '${route.resource}' (or resource may not exist).`,
        ),
      );
    }
    const fault = this.#faults.find((f) => f.route === route.name && f.times > 0);
    if (fault) fault.times -= 1;
    if (fault && !fault.afterEffect)
      return send(res, fault.status, errorBody(fault.status, "Injected by the fake."));
    const [status, answer] = this.#serve(route, body, ints);
    if (fault)
      return send(
        res,
        fault.status,
        errorBody(fault.status, "Injected by the fake, after the work was done."),
      );
    send(res, status, answer);
  }

  #serve(route: Route, body: Record<string, unknown>, ints: boolean): [number, unknown] {
    const execution = this.#executions.find((e) => e.name === route.resource);
    switch (route.name) {
      case "run": {
        const job = this.#options.jobs[route.job];
        if (job === undefined) {
          return [
            404,
            errorBody(
              404,
              `Resource '${route.job}' of kind 'JOB' in region '${this.#options.region}' in project '${this.#options.project}' does not exist.`,
            ),
          ];
        }
        const started = this.#run(route.job, job, (body.overrides ?? {}) as Overrides);
        const operation = this.#operation(started, ints);
        return [
          200,
          this.omitOperationMetadata
            ? { name: (operation as { name: string }).name, done: false }
            : operation,
        ];
      }
      case "list":
        return [
          200,
          {
            executions: this.#executions
              .filter((e) => e.job === route.job)
              .reverse()
              .map((e) => this.#executionJson(e, ints)),
          },
        ];
      case "get":
        return execution ? [200, this.#executionJson(execution, ints)] : [404, notFound(route.resource)];
      case "tasks":
        return execution
          ? [200, { tasks: execution.tasks.map((task) => this.#taskJson(execution, task, ints)) }]
          : [404, notFound(route.resource)];
      case "cancel":
        if (execution === undefined) return [404, notFound(route.resource)];
        if (execution.completionTime !== undefined) {
          return [400, errorBody(400, `Execution ${execution.name} has already completed.`)];
        }
        this.#cancel(execution);
        return [200, this.#operation(execution, ints)];
      case "operation": {
        const target = this.#executions.find((e) => e.name === this.#operations.get(route.resource));
        return target
          ? [200, { ...(this.#operation(target, ints) as object), name: route.resource }]
          : [404, notFound(route.resource)];
      }
    }
  }

  #authorized(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(header ?? "")?.[1];
    const [head, payload, signature] = token?.split(".") ?? [];
    if (head === undefined || payload === undefined || signature === undefined) return false;
    const signed = Buffer.from(`${head}.${payload}`);
    if (
      !verifySignature(
        "RSA-SHA256",
        signed,
        this.#options.serviceAccount.publicKey,
        Buffer.from(signature, "base64url"),
      )
    ) {
      return false;
    }
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { iss?: string; exp?: number };
    return claims.iss === this.#options.serviceAccount.email && (claims.exp ?? 0) * 1000 > Date.now();
  }

  // ---- executions --------------------------------------------------------------------------------

  #run(jobName: string, job: FakeCloudRunJob, overrides: Overrides): FakeExecution {
    const container = overrides.containerOverrides?.[0] ?? {};
    const args = container.clearArgs ? [] : (container.args ?? []);
    const env = [
      ...Object.entries(job.env ?? {}).map(([name, value]) => ({ name, value })),
      ...(container.env ?? []),
    ];
    const taskCount = overrides.taskCount ?? 1;
    const suffix = randomBytes(3).toString("hex").slice(0, 5);
    const execution: FakeExecution = {
      name: `projects/${this.#options.project}/locations/${this.#options.region}/jobs/${jobName}/executions/${jobName}-${suffix}`,
      job: jobName,
      args,
      env,
      taskCount,
      timeoutSeconds: overrides.timeout ? Number.parseFloat(overrides.timeout) : (job.timeoutSeconds ?? 600),
      createTime: new Date(),
      cancelRequested: false,
      tasks: Array.from({ length: taskCount }, (_, index) => ({ index })),
    };
    this.#executions.push(execution);
    const oom = this.#oom;
    this.#oom = undefined;
    execution.startTime = new Date();
    for (const task of execution.tasks)
      this.#startTask(execution, job, task, task.index === 0 ? oom : undefined);
    return execution;
  }

  #startTask(
    execution: FakeExecution,
    job: FakeCloudRunJob,
    task: Task,
    oom: { afterMs: number; limitMiB: number } | undefined,
  ): void {
    const env: Record<string, string> = {};
    for (const variable of execution.env) env[variable.name] = variable.value;
    Object.assign(env, {
      CLOUD_RUN_JOB: execution.job,
      CLOUD_RUN_EXECUTION: execution.name.split("/").at(-1)!,
      CLOUD_RUN_TASK_INDEX: String(task.index),
      CLOUD_RUN_TASK_COUNT: String(execution.taskCount),
      CLOUD_RUN_TASK_ATTEMPT: "0",
    });
    const [program, ...lead] = job.command;
    const child = spawn(program!, [...lead, ...execution.args], { env, stdio: "ignore" });
    task.process = child;
    task.startTime = new Date();
    const kill = (why: string) => {
      if (task.completionTime !== undefined) return;
      task.killedFor = why;
      child.kill("SIGKILL");
    };
    task.timer = setTimeout(
      () => kill(`Task ${task.index} exceeded its timeout of ${execution.timeoutSeconds}s and was stopped.`),
      execution.timeoutSeconds * 1000,
    );
    if (oom) {
      setTimeout(
        () =>
          kill(
            `Memory limit of ${oom.limitMiB} MiB exceeded with ${oom.limitMiB + 18} MiB used. Consider increasing ` +
              "the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits",
          ),
        oom.afterMs,
      );
    }
    child.once("error", () => this.#taskEnded(execution, task, 127, null));
    child.once("exit", (code, signal) => this.#taskEnded(execution, task, code, signal));
  }

  #taskEnded(execution: FakeExecution, task: Task, code: number | null, signal: NodeJS.Signals | null): void {
    if (task.completionTime !== undefined) return;
    clearTimeout(task.timer);
    task.completionTime = new Date();
    const signalNumber = signal ? constants.signals[signal] : undefined;
    task.exitCode = code ?? 128 + (signalNumber ?? 0);
    if (signalNumber !== undefined) task.termSignal = signalNumber;
    if (execution.cancelRequested) {
      task.outcome = "cancelled";
      task.message = "The task was cancelled.";
    } else if (task.killedFor) {
      task.outcome = "failed";
      task.message = task.killedFor;
    } else if (code === 0) {
      task.outcome = "succeeded";
    } else {
      task.outcome = "failed";
      task.message = "The container exited with an error.";
    }
    if (execution.tasks.every((t) => t.completionTime !== undefined)) execution.completionTime = new Date();
  }

  #cancel(execution: FakeExecution): void {
    if (execution.cancelRequested) return;
    execution.cancelRequested = true;
    for (const task of execution.tasks) {
      if (task.completionTime !== undefined || task.process === undefined) continue;
      task.process.kill("SIGTERM");
      const escalate = setTimeout(() => {
        if (task.completionTime === undefined) task.process?.kill("SIGKILL");
      }, this.#options.cancelGraceMs ?? 10_000);
      task.process.once("exit", () => clearTimeout(escalate));
    }
  }

  // ---- JSON shapes -------------------------------------------------------------------------------

  #operation(execution: FakeExecution, ints: boolean): unknown {
    const name = `projects/${this.#options.project}/locations/${this.#options.region}/operations/${randomUUID()}`;
    this.#operations.set(name, execution.name);
    const metadata = {
      "@type": "type.googleapis.com/google.cloud.run.v2.Execution",
      ...this.#executionJson(execution, ints),
    };
    const done = execution.completionTime !== undefined;
    return { name, metadata, done, ...(done ? { response: metadata } : {}) };
  }

  #executionJson(e: FakeExecution, ints: boolean): Record<string, unknown> {
    const count = (outcome: Task["outcome"]) => e.tasks.filter((t) => t.outcome === outcome).length;
    const enumValue = (name: keyof typeof ENUM) => (ints ? ENUM[name] : name);
    const failed = count("failed");
    const cancelled = count("cancelled");
    const ended = e.completionTime !== undefined;
    const firstFailure = e.tasks.find((t) => t.outcome === "failed");
    const condition = ended
      ? cancelled > 0
        ? {
            state: enumValue("CONDITION_FAILED"),
            executionReason: enumValue("CANCELLED"),
            message: "The execution was cancelled.",
          }
        : failed > 0
          ? {
              state: enumValue("CONDITION_FAILED"),
              executionReason: enumValue("NON_ZERO_EXIT_CODE"),
              message: `Task ${e.name.split("/").at(-1)}-task${firstFailure!.index} failed with message: ${firstFailure!.message}`,
            }
          : { state: enumValue("CONDITION_SUCCEEDED"), message: "Execution completed successfully." }
      : e.cancelRequested
        ? { state: enumValue("CONDITION_PENDING"), executionReason: enumValue("CANCELLING") }
        : { state: enumValue("CONDITION_PENDING") };
    return {
      name: e.name,
      uid: e.name.split("/").at(-1),
      job: e.job,
      createTime: e.createTime.toISOString(),
      ...(e.startTime ? { startTime: e.startTime.toISOString() } : {}),
      ...(e.completionTime ? { completionTime: e.completionTime.toISOString() } : {}),
      taskCount: e.taskCount,
      parallelism: e.taskCount,
      runningCount: e.tasks.filter((t) => t.startTime && !t.completionTime).length,
      succeededCount: count("succeeded"),
      failedCount: failed,
      cancelledCount: cancelled,
      retriedCount: 0,
      template: {
        containers: [{ image: `fake/${e.job}`, args: e.args, env: e.env }],
        maxRetries: 0,
        timeout: `${e.timeoutSeconds}s`,
      },
      conditions: [{ type: "Completed", ...condition, lastTransitionTime: new Date().toISOString() }],
    };
  }

  #taskJson(e: FakeExecution, t: Task, ints: boolean): Record<string, unknown> {
    const code = t.outcome === "succeeded" ? 0 : t.outcome === "cancelled" ? 1 : 2;
    return {
      name: `${e.name}/tasks/${e.name.split("/").at(-1)}-task${t.index}`,
      index: t.index,
      job: e.job,
      execution: e.name.split("/").at(-1),
      ...(t.startTime ? { startTime: t.startTime.toISOString() } : {}),
      ...(t.completionTime ? { completionTime: t.completionTime.toISOString() } : {}),
      ...(t.completionTime
        ? {
            lastAttemptResult: {
              status: { code, message: t.message ?? "" },
              exitCode: t.exitCode,
              ...(t.termSignal !== undefined ? { termSignal: t.termSignal } : {}),
            },
          }
        : {}),
      conditions: [
        {
          type: "Completed",
          state: ints
            ? t.outcome === "succeeded"
              ? ENUM.CONDITION_SUCCEEDED
              : t.outcome
                ? ENUM.CONDITION_FAILED
                : ENUM.CONDITION_PENDING
            : t.outcome === "succeeded"
              ? "CONDITION_SUCCEEDED"
              : t.outcome
                ? "CONDITION_FAILED"
                : "CONDITION_PENDING",
          ...(t.message ? { message: t.message } : {}),
        },
      ],
    };
  }
}

interface Overrides {
  containerOverrides?: { args?: string[]; env?: { name: string; value: string }[]; clearArgs?: boolean }[];
  taskCount?: number;
  /** A protobuf Duration in JSON: "600s". */
  timeout?: string;
}

interface Route {
  readonly name: FakeCloudRunRoute;
  /** The resource the request is about (a job, an execution or an operation name). */
  readonly resource: string;
  readonly job: string;
}

const PERMISSIONS: Record<FakeCloudRunRoute, string> = {
  run: "run.jobs.run",
  get: "run.executions.get",
  list: "run.executions.list",
  cancel: "run.executions.cancel",
  tasks: "run.tasks.list",
  operation: "run.operations.get",
};

function routeOf(method: string, path: string, base: string): Route | undefined {
  if (!path.startsWith(`${base}/`)) return undefined;
  const rest = path.slice(base.length + 1);
  const resource = (p: string) => `${base.slice("/v2/".length)}/${p}`;
  let m: RegExpExecArray | null;
  if (method === "POST" && (m = /^jobs\/([^/:]+):run$/.exec(rest))) {
    return { name: "run", resource: resource(`jobs/${m[1]}`), job: m[1]! };
  }
  if (method === "GET" && (m = /^jobs\/([^/]+)\/executions$/.exec(rest))) {
    return { name: "list", resource: resource(`jobs/${m[1]}`), job: m[1]! };
  }
  if (method === "GET" && (m = /^jobs\/([^/]+)\/executions\/([^/:]+)$/.exec(rest))) {
    return { name: "get", resource: resource(`jobs/${m[1]}/executions/${m[2]}`), job: m[1]! };
  }
  if (method === "POST" && (m = /^jobs\/([^/]+)\/executions\/([^/:]+):cancel$/.exec(rest))) {
    return { name: "cancel", resource: resource(`jobs/${m[1]}/executions/${m[2]}`), job: m[1]! };
  }
  if (method === "GET" && (m = /^jobs\/([^/]+)\/executions\/([^/:]+)\/tasks$/.exec(rest))) {
    return { name: "tasks", resource: resource(`jobs/${m[1]}/executions/${m[2]}`), job: m[1]! };
  }
  if (method === "GET" && (m = /^operations\/([^/]+)$/.exec(rest))) {
    return { name: "operation", resource: resource(`operations/${m[1]}`), job: "" };
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=UTF-8");
  res.end(JSON.stringify(body));
}

function errorBody(status: number, message: string): unknown {
  return { error: { code: status, message, status: HTTP_STATUS[status] ?? "UNKNOWN" } };
}

function notFound(resource: string): unknown {
  return errorBody(404, `Resource '${resource}' was not found.`);
}
