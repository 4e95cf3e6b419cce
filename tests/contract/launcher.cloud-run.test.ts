/**
 * The launcher contract for Cloud Run Jobs, against the loopback fake of the Admin API (whose executions
 * run their tasks as local processes, so the contract's programs really run, fail and get cancelled).
 *
 * Every contract case applies except "measures CPU time and peak memory": Cloud Run's Admin API does not
 * report resource use, so the factory passes `measuresResources: false`. Ids are execution resource
 * names, so the "never started" id is given in that shape (`unknownId`).
 */
import { generateKeyPairSync } from "node:crypto";
import { openCloudRunJobsLauncher } from "../../core/launcher/cloud-run/cloud-run-jobs.ts";
import { FakeCloudRun } from "../fakes/fake-cloud-run.ts";
import { launcherContract } from "./launcher.contract.ts";

const PROJECT = "mmm-test";
const REGION = "europe-west1";
const JOB = "mmm-contract-node";
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const credentials = {
  client_email: "mmm-app@mmm-test.iam.gserviceaccount.com",
  private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};

launcherContract(
  "cloud-run-jobs (loopback fake)",
  async () => {
    const fake = await FakeCloudRun.start({
      project: PROJECT,
      region: REGION,
      serviceAccount: { email: credentials.client_email, publicKey },
      jobs: { [JOB]: { command: [process.execPath] } },
      cancelGraceMs: 1000,
    });
    const options = {
      project: PROJECT,
      region: REGION,
      apiEndpoint: fake.endpoint,
      credentials,
      retryDelaysMs: [20, 50],
    };
    return {
      launcher: await openCloudRunJobsLauncher(options),
      reopen: () => openCloudRunJobsLauncher(options),
      cleanup: () => fake.close(),
    };
  },
  {
    nodeCommand: (source) => [JOB, "-e", source],
    measuresResources: false,
    unknownId: `projects/${PROJECT}/locations/${REGION}/jobs/${JOB}/executions/${JOB}-never`,
  },
);
