import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadPrivateKey,
  privateKeyFromFile,
  privateKeyFromSecretManager,
  type SecretVersionReader,
} from "./snowflake-key.ts";
import { mmmRejectionOf } from "../../../tests/support/expect-mmm-error.ts";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

function reader(answer: (name: string) => Promise<unknown>): SecretVersionReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    accessSecretVersion: async ({ name }) => {
      asked.push(name);
      return [(await answer(name)) as { payload: { data: Uint8Array } }];
    },
  };
}

describe("Snowflake private key", () => {
  it("reads a PEM file and gives the SDK PKCS#8", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mmm-key-"));
    try {
      await writeFile(join(dir, "key.pem"), pkcs1);
      const pem = await loadPrivateKey(privateKeyFromFile(join(dir, "key.pem")));
      expect(pem).toContain("-----BEGIN PRIVATE KEY-----");
      const missing = await mmmRejectionOf(loadPrivateKey(privateKeyFromFile(join(dir, "nope.pem"))));
      expect(missing.field).toBe("SNOWFLAKE_PRIVATE_KEY_PATH");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads the latest version of a Secret Manager secret", async () => {
    const client = reader(async () => ({ payload: { data: Buffer.from(pkcs1) } }));
    const pem = await loadPrivateKey(privateKeyFromSecretManager("projects/p/secrets/sf-key", client));
    expect(pem).toContain("-----BEGIN PRIVATE KEY-----");
    expect(client.asked).toEqual(["projects/p/secrets/sf-key/versions/latest"]);
  });

  it("names the grant when the app may not read the secret, and refuses what is not a key", async () => {
    const denied = reader(async () => Promise.reject(Object.assign(new Error("denied"), { code: 7 })));
    const error = await mmmRejectionOf(
      loadPrivateKey(privateKeyFromSecretManager("projects/p/secrets/s/versions/3", denied)),
    );
    expect(error).toMatchObject({ code: "forbidden", context: { field: "SNOWFLAKE_PRIVATE_KEY_SECRET" } });
    expect(error.message).toContain("roles/secretmanager.secretAccessor");
    const text = reader(async () => ({ payload: { data: Buffer.from("not a key") } }));
    const notKey = await mmmRejectionOf(
      loadPrivateKey(privateKeyFromSecretManager("projects/p/secrets/s", text)),
    );
    expect(notKey).toMatchObject({
      code: "invalid_input",
      context: { field: "SNOWFLAKE_PRIVATE_KEY_SECRET" },
    });
    const encrypted = privateKey
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" })
      .toString();
    const locked = reader(async () => ({ payload: { data: Buffer.from(encrypted) } }));
    expect(
      (await mmmRejectionOf(loadPrivateKey(privateKeyFromSecretManager("projects/p/secrets/s", locked))))
        .message,
    ).toContain("encrypted");
  });
});
