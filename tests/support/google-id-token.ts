/**
 * Google-style OIDC ID tokens for tests: RS256 JWTs signed with a key made here, and the key set to verify
 * them with (what Google publishes for its own keys), so that token checks run without the network.
 */
import { generateKeyPairSync, sign } from "node:crypto";

export interface TestIssuer {
  /** The verifier's keys: key id → PEM public key. */
  keys: Record<string, string>;
  /** A token with these claims (defaults: Google's issuer, issued now, expiring in an hour). */
  token(claims: Record<string, unknown>): string;
}

export function testIssuer(kid = "test-key"): TestIssuer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    keys: { [kid]: publicKey.export({ type: "spki", format: "pem" }).toString() },
    token(claims) {
      const now = Math.floor(Date.now() / 1000);
      const head = `${encode({ alg: "RS256", typ: "JWT", kid })}.${encode({
        iss: "https://accounts.google.com",
        iat: now,
        exp: now + 3600,
        ...claims,
      })}`;
      return `${head}.${sign("RSA-SHA256", Buffer.from(head), privateKey).toString("base64url")}`;
    },
  };
}
