/**
 * Test support: a loopback fake OpenID Connect provider shaped like Google's (discovery document, JWKS,
 * token endpoint with client_secret_post and PKCE), so the viewer's Google sign-in runs over HTTP with
 * the real `jose` verification. It signs ID tokens with a key pair the test generates and passes in; a
 * test registers a code with the nonce and code challenge the app sent in its authorize URL, the claims
 * of the person, and overrides (another audience, an expired token, another signing key) to see the
 * app refuse them.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export interface FakeSigningKey {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
}

export interface FakeGrant {
  /** The nonce and S256 code challenge of the authorize URL the app sent the browser to. */
  readonly nonce: string;
  readonly codeChallenge: string;
  /** The person's claims (`email`, `email_verified`, `hd`, `name`), and any standard claim to override. */
  readonly claims: JWTPayload;
  /** Signs with this key instead of the published one (a forged token). */
  readonly signWith?: FakeSigningKey;
}

export interface FakeOidcProvider {
  /** Put in GOOGLE_ISSUER. */
  readonly issuer: string;
  grant(code: string, grant: FakeGrant): void;
  /** Requests received (path and form fields), for assertions. */
  readonly calls: { path: string; fields: Record<string, string> }[];
  close(): Promise<void>;
}

export async function fakeOidcProvider(options: {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly key: FakeSigningKey;
  /** The clock of issued tokens (`iat`, `exp`): the app's test clock. */
  readonly now: () => Date;
}): Promise<FakeOidcProvider> {
  const grants = new Map<string, FakeGrant>();
  const calls: FakeOidcProvider["calls"] = [];
  const publicJwk = {
    ...(await exportJWK(options.key.publicKey)),
    kid: options.key.kid,
    alg: "RS256",
    use: "sig",
  };
  let issuer = "";

  async function tokenAnswer(fields: Record<string, string>): Promise<[number, object]> {
    if (fields.client_id !== options.clientId || fields.client_secret !== options.clientSecret) {
      return [401, { error: "invalid_client" }];
    }
    const grant = grants.get(fields.code ?? "");
    if (!grant || fields.grant_type !== "authorization_code") return [400, { error: "invalid_grant" }];
    grants.delete(fields.code!);
    const challenge = createHash("sha256")
      .update(fields.code_verifier ?? "")
      .digest("base64url");
    if (challenge !== grant.codeChallenge)
      return [400, { error: "invalid_grant", error_description: "PKCE" }];
    const seconds = Math.floor(options.now().getTime() / 1000);
    const claims: JWTPayload = {
      iss: issuer,
      aud: options.clientId,
      sub: "10769150350006150715113082367",
      iat: seconds,
      exp: seconds + 3600,
      nonce: grant.nonce,
      ...grant.claims,
    };
    const signer = grant.signWith ?? options.key;
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: signer.kid, typ: "JWT" })
      .sign(signer.privateKey);
    return [200, { access_token: "ya29.fake", token_type: "Bearer", expires_in: 3599, id_token: idToken }];
  }

  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", issuer);
      const fields = Object.fromEntries(new URLSearchParams(body));
      calls.push({ path: url.pathname, fields });
      const send = ([status, payload]: [number, object]) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (url.pathname === "/.well-known/openid-configuration") {
        return send([
          200,
          {
            issuer,
            authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/oauth2/v3/certs`,
            response_types_supported: ["code"],
            id_token_signing_alg_values_supported: ["RS256"],
            code_challenge_methods_supported: ["plain", "S256"],
          },
        ]);
      }
      if (url.pathname === "/oauth2/v3/certs") return send([200, { keys: [publicJwk] }]);
      if (url.pathname === "/token" && req.method === "POST") {
        tokenAnswer(fields).then(send, (error: Error) => send([500, { error: error.message }]));
        return;
      }
      send([404, { error: "not_found" }]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    grant: (code, grant) => void grants.set(code, grant),
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
