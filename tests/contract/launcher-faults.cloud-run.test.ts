/**
 * The Cloud Run Jobs launcher against its loopback fake, beyond the shared contract: the per-execution
 * overrides it sends (args, env, task count, timeout), the execution it reports (the one the operation
 * names), the trainer requests of `cloudRunTrainerLaunch`, and its failures (503, 429, a lost answer,
 * permission denied, an unknown job, out of memory, a task timeout).
 */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  openCloudRunJobsLauncher,
  type CloudRunJobsLauncherOptions,
} from "../../core/launcher/cloud-run/cloud-run-jobs.ts";
import type { ExecutionDescription, Launcher } from "../../core/launcher/port.ts";
import { cloudRunTrainerLaunch } from "../../core/launcher/trainer-launch.ts";
import type { Run } from "../../core/run.ts";
import { FakeCloudRun, type FakeCloudRunOptions } from "../fakes/fake-cloud-run.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { waitForExecution } from "./launcher.contract.ts";

const PROJECT = "mmm-test";
const REGION = "europe-west1";
const NODE_JOB = "mmm-contract-node";
const RUN_ID = "20261126T043012Z-de-7f3a9c";
const account = generateKeyPairSync("rsa", { modulusLength: 2048 });
const credentials = {
  client_email: "mmm-app@mmm-test.iam.gserviceaccount.com",
  private_key: account.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};
const ended = (d: ExecutionDescription) => d.state !== "running" && d.state !== "unknown";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  fakeOptions: Partial<FakeCloudRunOptions> = {},
  launcherOptions: Partial<CloudRunJobsLauncherOptions> = {},
): Promise<{ fake: FakeCloudRun; launcher: Launcher }> {
  const fake = await FakeCloudRun.start({
    project: PROJECT,
    region: REGION,
    serviceAccount: { email: credentials.client_email, publicKey: account.publicKey },
    jobs: { [NODE_JOB]: { command: [process.execPath] } },
    cancelGraceMs: 1000,
    ...fakeOptions,
  });
  cleanups.push(() => fake.close());
  const launcher = await openCloudRunJobsLauncher({
    project: PROJECT,
    region: REGION,
    apiEndpoint: fake.endpoint,
    credentials,
    retryDelaysMs: [20, 40, 80],
    ...launcherOptions,
  });
  cleanups.push(() => launcher.close());
  return { fake, launcher };
}

const node = (source: string) => [NODE_JOB, "-e", source];
const runs = (fake: FakeCloudRun) => fake.requests.filter((r) => r.route === "run");

describe("Cloud Run launcher: what it sends", () => {
  it("runs the job with per-execution args, env, task count and timeout, and reports the operation's execution", async () => {
    const { fake, launcher } = await setup({}, { taskTimeoutSeconds: 120 });
    const first = await launcher.launch({
      runId: RUN_ID,
      command: node("setTimeout(() => {}, 5000)"),
      env: { MMM_RUN_ID: "a" },
    });
    const second = await launcher.launch({
      runId: RUN_ID,
      command: node("process.exit(0)"),
      env: { MMM_RUN_ID: "b" },
    });
    expect(fake.executions.map((e) => e.name)).toEqual([first.id, second.id]);
    expect(first).toMatchObject({ launcher: "cloud-run-jobs" });
    const sent = runs(fake)[0]!.body as { overrides: Record<string, unknown> };
    expect(sent.overrides).toMatchObject({
      containerOverrides: [
        {
          args: ["-e", "setTimeout(() => {}, 5000)"],
          env: expect.arrayContaining([{ name: "MMM_RUN_ID", value: "a" }]),
        },
      ],
      taskCount: 1,
      timeout: "120s",
    });
    expect(fake.executions[0]!.env.find((v) => v.name === "MMM_RUN_ID")?.value).toBe("a");
    await launcher.cancel(first.id);
  });

  it("runs parallel tasks, each with CLOUD_RUN_TASK_INDEX and CLOUD_RUN_TASK_COUNT, and fails with the failing task's exit code", async () => {
    const { launcher } = await setup();
    const check =
      "const i = Number(process.env.CLOUD_RUN_TASK_INDEX); const n = process.env.CLOUD_RUN_TASK_COUNT;" +
      'process.exit(n === "3" && i >= 0 && i < 3 ? (i === Number(process.env.FAIL_TASK) ? 5 : 0) : 9)';
    const ok = await launcher.launch({
      runId: RUN_ID,
      command: node(check),
      env: { FAIL_TASK: "-1" },
      taskCount: 3,
    });
    expect(await waitForExecution(launcher, ok.id, ended)).toMatchObject({ state: "succeeded", exitCode: 0 });
    const bad = await launcher.launch({
      runId: RUN_ID,
      command: node(check),
      env: { FAIL_TASK: "1" },
      taskCount: 3,
    });
    const failed = await waitForExecution(launcher, bad.id, ended);
    expect(failed).toMatchObject({
      state: "failed",
      exitCode: 5,
      reason: "The container exited with an error.",
    });
  });

  it("gets the execution from the operation when the first answer does not name it", async () => {
    const { fake, launcher } = await setup();
    fake.omitOperationMetadata = true;
    const ref = await launcher.launch({ runId: RUN_ID, command: node("process.exit(0)"), env: {} });
    expect(ref.id).toBe(fake.executions[0]!.name);
    expect(fake.requests.some((r) => r.route === "operation")).toBe(true);
  });

  it("launches a run's trainer with the job of its engine and the per-run overrides", async () => {
    // The native job's "image" checks what the trainer would be given and exits 0 only if all is there.
    const check =
      'const [run] = process.argv.slice(1).filter((a, i, all) => all[i - 1] === "--run");' +
      "const e = process.env; process.exit(run === e.MMM_RUN_ID && e.ARTIFACTS === 'gcs' && e.GCS_BUCKET === 'mmm-runs'" +
      " && e.MMM_EVENTS_URL === 'https://mmm.example.com/internal/runs/' + run + '/events' && !e.MMM_EVENT_TOKEN ? 0 : 4)";
    const { fake, launcher } = await setup({
      jobs: {
        "mmm-trainer-native": { command: [process.execPath, "-e", check, "--"] },
        "mmm-trainer-robyn": { command: [process.execPath, "-e", "process.exit(0)"] },
      },
    });
    const trainer = cloudRunTrainerLaunch({
      eventsBaseUrl: "https://mmm.example.com/",
      bucket: "mmm-runs",
      jobs: { native: "mmm-trainer-native", robyn: "mmm-trainer-robyn" },
    });
    const run = { id: RUN_ID, spec: { engine: "native" } } as unknown as Run;
    const request = await trainer.request(run, 2);
    expect(request.command).toEqual(["mmm-trainer-native", "--run", RUN_ID, "--shard"]);
    expect(request.taskCount).toBe(2);
    // Overrides are readable by whoever may view the job's executions: the trainer derives its token itself.
    expect(Object.keys(request.env)).not.toContain("MMM_EVENT_TOKEN");
    const ref = await launcher.launch(request);
    expect(await waitForExecution(launcher, ref.id, ended)).toMatchObject({ state: "succeeded" });
    expect((await trainer.mergeRequest(run)).command).toEqual([
      "mmm-trainer-native",
      "--run",
      RUN_ID,
      "--merge",
    ]);
    const robyn = await trainer.request({ ...run, spec: { engine: "robyn" } } as unknown as Run);
    expect(robyn.command).toEqual(["mmm-trainer-robyn"]);
    await launcher.launch(robyn);
    expect(fake.executions.at(-1)!.args).toEqual([]);
    expect(runs(fake).at(-1)!.body).toMatchObject({
      overrides: { containerOverrides: [{ clearArgs: true }] },
    });
  });
});

describe("Cloud Run launcher: faults", () => {
  it("retries a launch answered with 503 before the job ran, starting it once", async () => {
    const { fake, launcher } = await setup();
    fake.fail("run", 503);
    const ref = await launcher.launch({ runId: RUN_ID, command: node("process.exit(0)"), env: {} });
    expect(runs(fake)).toHaveLength(2);
    expect(fake.executions.map((e) => e.name)).toEqual([ref.id]);
  });

  it("finds the execution instead of starting a second one when the answer to a launch is lost", async () => {
    const { fake, launcher } = await setup();
    fake.fail("run", 503, { afterEffect: true });
    const ref = await launcher.launch({ runId: RUN_ID, command: node("process.exit(0)"), env: {} });
    expect(runs(fake)).toHaveLength(1);
    expect(fake.executions.map((e) => e.name)).toEqual([ref.id]);
  });

  it("retries a launch answered with 429, and says rate_limited when it persists", async () => {
    const { fake, launcher } = await setup();
    fake.fail("run", 429);
    await launcher.launch({ runId: RUN_ID, command: node("process.exit(0)"), env: {} });
    expect(fake.executions).toHaveLength(1);
    fake.fail("run", 429, { times: 10 });
    const error = await expectMmmError(
      launcher.launch({ runId: RUN_ID, command: node("process.exit(0)"), env: {} }),
      "rate_limited",
    );
    expect(error.retry).toBe(true);
    expect(fake.executions).toHaveLength(1);
  });

  it("names the missing permission when Cloud Run denies running the job with overrides", async () => {
    const { fake, launcher } = await setup();
    fake.deny("run.jobs.runWithOverrides");
    const error = await expectMmmError(
      launcher.launch({ runId: RUN_ID, command: node("process.exit(0)"), env: {} }),
      "forbidden",
    );
    expect(error.context.permission).toBe("run.jobs.runWithOverrides");
    expect(error.message).toContain("lacks the permission run.jobs.runWithOverrides");
    expect(runs(fake)).toHaveLength(1);
  });

  it("says which job is missing", async () => {
    const { launcher } = await setup();
    const error = await expectMmmError(
      launcher.launch({ runId: RUN_ID, command: ["mmm-no-such-job"], env: {} }),
      "invalid_input",
      "command",
    );
    expect(error.message).toContain(`projects/${PROJECT}/locations/${REGION}/jobs/mmm-no-such-job`);
  });

  it("describes through a 503, and refuses other credentials", async () => {
    const { fake, launcher } = await setup();
    const ref = await launcher.launch({
      runId: RUN_ID,
      command: node("setTimeout(() => {}, 5000)"),
      env: {},
    });
    fake.fail("get", 503);
    expect((await launcher.describe(ref.id)).state).toBe("running");
    await launcher.cancel(ref.id);
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const other = await openCloudRunJobsLauncher({
      project: PROJECT,
      region: REGION,
      apiEndpoint: fake.endpoint,
      credentials: {
        ...credentials,
        private_key: stranger.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      },
      retryDelaysMs: [],
    });
    cleanups.push(() => other.close());
    await expectMmmError(other.describe(ref.id), "unauthorized", "execution");
  });

  it("reports a task killed for memory as failed by SIGKILL, with Cloud Run's reason", async () => {
    const { fake, launcher } = await setup();
    fake.oomKillNext(100, 512);
    const ref = await launcher.launch({
      runId: RUN_ID,
      command: node("setInterval(() => {}, 1000)"),
      env: {},
    });
    const done = await waitForExecution(launcher, ref.id, ended);
    expect(done).toMatchObject({ state: "failed", signal: "SIGKILL", exitCode: 137 });
    expect(done.reason).toContain("Memory limit of 512 MiB exceeded");
  });

  it("reports a task stopped at its timeout, and a failure without exit code when tasks may not be read", async () => {
    const { fake, launcher } = await setup({}, { taskTimeoutSeconds: 1 });
    fake.deny("run.tasks.list");
    const ref = await launcher.launch({
      runId: RUN_ID,
      command: node("setInterval(() => {}, 1000)"),
      env: {},
    });
    const done = await waitForExecution(launcher, ref.id, ended);
    expect(done.state).toBe("failed");
    expect(done.exitCode).toBeUndefined();
    expect(done.reason).toContain("exceeded its timeout of 1s");
  });
});
