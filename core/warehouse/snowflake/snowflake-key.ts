/**
 * The private key of Snowflake key-pair authentication: read from a PEM file or from a Secret Manager
 * secret version, checked, and given to the SDK as an unencrypted PKCS#8 PEM. The loader is injected so
 * that tests need neither files in fixed places nor Google.
 */
import { createPrivateKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { MmmError, invalidInput } from "../../../common/errors.ts";

/** Reads the key text (PEM). */
export type PrivateKeyLoader = () => Promise<string>;

export interface PrivateKeySource {
  readonly load: PrivateKeyLoader;
  /** The setting the key came from, named in errors: `SNOWFLAKE_PRIVATE_KEY_PATH` or `…_SECRET`. */
  readonly setting: string;
}

/** The key in a PEM file (`SNOWFLAKE_PRIVATE_KEY_PATH`). */
export function privateKeyFromFile(path: string): PrivateKeySource {
  return {
    setting: "SNOWFLAKE_PRIVATE_KEY_PATH",
    load: async () => {
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        throw invalidInput(
          "SNOWFLAKE_PRIVATE_KEY_PATH",
          `The Snowflake private key file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
            `set SNOWFLAKE_PRIVATE_KEY_PATH to the PEM file of the user's key pair.`,
          { path },
        );
      }
    },
  };
}

/** The part of Secret Manager's client used here, so that tests can pass their own. */
export interface SecretVersionReader {
  accessSecretVersion(request: {
    name: string;
  }): Promise<readonly [{ payload?: { data?: Uint8Array | string | null } | null }, ...unknown[]]>;
}

/**
 * The key in a Secret Manager secret (`SNOWFLAKE_PRIVATE_KEY_SECRET`): a version name
 * `projects/P/secrets/S/versions/V`, or a secret name `projects/P/secrets/S` (its latest version).
 * `client` defaults to `@google-cloud/secret-manager`'s, with the app's Google credentials.
 */
export function privateKeyFromSecretManager(name: string, client?: SecretVersionReader): PrivateKeySource {
  const version = /\/versions\/[^/]+$/.test(name) ? name : `${name.replace(/\/$/, "")}/versions/latest`;
  const setting = "SNOWFLAKE_PRIVATE_KEY_SECRET";
  return {
    setting,
    load: async () => {
      if (!/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/.test(version)) {
        throw invalidInput(
          setting,
          `${name} is not a Secret Manager secret name: write projects/PROJECT/secrets/SECRET (or …/versions/N).`,
        );
      }
      const reader = client ?? (await defaultSecretClient());
      try {
        const [response] = await reader.accessSecretVersion({ name: version });
        const data = response.payload?.data;
        if (data === undefined || data === null) throw new Error("the secret version is empty");
        return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
      } catch (error) {
        throw secretError(error, version, setting);
      }
    },
  };
}

async function defaultSecretClient(): Promise<SecretVersionReader> {
  const { SecretManagerServiceClient } = await import("@google-cloud/secret-manager");
  return new SecretManagerServiceClient() as unknown as SecretVersionReader;
}

function secretError(error: unknown, version: string, setting: string): MmmError {
  const code = (error as { code?: unknown }).code;
  const reason = error instanceof Error ? error.message : String(error);
  // gRPC codes: 5 NOT_FOUND, 7 PERMISSION_DENIED.
  if (code === 7) {
    return new MmmError(
      "forbidden",
      `The app may not read the Snowflake key in ${version}: grant its service account ` +
        `roles/secretmanager.secretAccessor on that secret.`,
      { context: { field: setting }, cause: error },
    );
  }
  if (code === 5) {
    return invalidInput(setting, `The Snowflake key secret ${version} does not exist: check ${setting}.`);
  }
  return new MmmError("unavailable", `The Snowflake key could not be read from ${version}: ${reason}`, {
    context: { field: setting },
    cause: error,
  });
}

/**
 * Loads the key and returns it as an unencrypted PKCS#8 PEM. Throws `invalid_input` naming the setting
 * when the text is not an unencrypted private key.
 */
export async function loadPrivateKey(source: PrivateKeySource): Promise<string> {
  const text = await source.load();
  try {
    return createPrivateKey({ key: text, format: "pem" }).export({ type: "pkcs8", format: "pem" }).toString();
  } catch (error) {
    const encrypted = /passphrase|encrypted/i.test(String(error)) || text.includes("ENCRYPTED");
    throw invalidInput(
      source.setting,
      encrypted
        ? `The Snowflake private key from ${source.setting} is encrypted with a passphrase: store it unencrypted ` +
            `(it is protected by Secret Manager or the file's permissions).`
        : `The value from ${source.setting} is not a PEM private key (-----BEGIN PRIVATE KEY-----): use the ` +
            `private half of the key pair whose public key is registered for the Snowflake user.`,
    );
  }
}
