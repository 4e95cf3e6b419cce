/**
 * A GCS ArtifactStore wired to a fresh `FakeGcs`, for the GCS tests: the official client points at the
 * fake (`apiEndpoint`) with a throwaway service-account key made here (so that signed URLs are signed
 * locally and the fake can check them with the public key), and with retry waits cut to the
 * library's minimum (a second). Nothing leaves the machine.
 */
import { generateKeyPairSync } from "node:crypto";
import {
  openGcsArtifactStore,
  type GcsArtifactStore,
  type GcsArtifactStoreOptions,
} from "../../core/artifacts/gcs/gcs.ts";
import { FakeGcs, type FakeGcsOptions } from "./fake-gcs.ts";

export const TEST_BUCKET = "mmm-test-artifacts";
export const TEST_SIGNER = "mmm-app@mmm-test.iam.gserviceaccount.com";

/** One key pair per test process: generating RSA keys is the slow part. */
const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

export interface FakeGcsStore {
  readonly fake: FakeGcs;
  readonly store: GcsArtifactStore;
  /** Waits the store asked for after a 429, in ms (it does not really wait). */
  readonly waits: number[];
  readonly stop: () => Promise<void>;
}

export async function startFakeGcsStore(
  options: Partial<GcsArtifactStoreOptions> = {},
  fakeOptions: Partial<FakeGcsOptions> = {},
): Promise<FakeGcsStore> {
  const fake = new FakeGcs({ buckets: [TEST_BUCKET], ...fakeOptions });
  const apiEndpoint = await fake.start();
  fake.trust(TEST_SIGNER, keys.publicKey);
  const waits: number[] = [];
  const store = openGcsArtifactStore({
    bucket: TEST_BUCKET,
    apiEndpoint,
    projectId: "mmm-test",
    credentials: { client_email: TEST_SIGNER, private_key: keys.privateKey },
    retry: { maxRetries: 2, maxRetryDelaySeconds: 1, totalTimeoutSeconds: 60 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { fake, store, waits, stop: () => fake.stop() };
}
