/**
 * Checking a V4 signed URL the way Cloud Storage documents it
 * (https://cloud.google.com/storage/docs/access-control/signing-urls-manually), for the fake's signed
 * downloads and for the ArtifactStore contract's `verifySignedUrl`:
 *
 *   canonical request = GET \n <path, each segment RFC 3986-encoded> \n <query without X-Goog-Signature,
 *                       keys and values RFC 3986-encoded, sorted by key> \n host:<host>\n \n host \n
 *                       UNSIGNED-PAYLOAD
 *   string to sign    = GOOG4-RSA-SHA256 \n <X-Goog-Date> \n <date>/auto/storage/goog4_request \n
 *                       hex(SHA-256(canonical request))
 *
 * and X-Goog-Signature is the hex RSA-SHA256 signature of that string by the service account named in
 * X-Goog-Credential. Only `host` may be signed (what the client library signs for a plain GET). The host
 * is the URL's host name without its port, as the library signs it. A URL is usable from X-Goog-Date
 * (less a minute of clock skew, an allowance of this fake) until X-Goog-Date + X-Goog-Expires.
 */
import { createHash, createVerify, type KeyObject } from "node:crypto";

const ALGORITHM = "GOOG4-RSA-SHA256";
const SKEW_MS = 60_000;

/** Every character but `A-Z a-z 0-9 - . _ ~` as %XX, as V4 signing requires. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface SignedUrlCheck {
  readonly valid: boolean;
  /** Why not, for test failure messages. */
  readonly reason?: string;
}

/** Checks `url` against the public keys of trusted service accounts (by e-mail) at time `now`. */
export function checkSignedUrl(
  url: URL,
  now: Date,
  publicKeys: ReadonlyMap<string, KeyObject | string>,
): SignedUrlCheck {
  const q = url.searchParams;
  if (q.getAll("X-Goog-Algorithm").length !== 1 || q.get("X-Goog-Algorithm") !== ALGORITHM) {
    return { valid: false, reason: "algorithm" };
  }
  const date = q.get("X-Goog-Date") ?? "";
  const expires = q.get("X-Goog-Expires") ?? "";
  const credential = q.get("X-Goog-Credential") ?? "";
  const signature = q.get("X-Goog-Signature") ?? "";
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (match === null) return { valid: false, reason: "date" };
  if (!/^\d{1,6}$/.test(expires) || Number(expires) < 1 || Number(expires) > 604_800) {
    return { valid: false, reason: "expires" };
  }
  const [email, ...scopeParts] = credential.split("/");
  const scope = scopeParts.join("/");
  if (scope !== `${date.slice(0, 8)}/auto/storage/goog4_request`) return { valid: false, reason: "scope" };
  const publicKey = email === undefined ? undefined : publicKeys.get(email);
  if (publicKey === undefined) return { valid: false, reason: "unknown signer" };
  if (q.get("X-Goog-SignedHeaders") !== "host") return { valid: false, reason: "signed headers" };
  if (!/^[0-9a-f]+$/.test(signature)) return { valid: false, reason: "signature encoding" };

  const path = url.pathname
    .split("/")
    .map((segment) => rfc3986(decodeURIComponent(segment)))
    .join("/");
  const query = [...q.entries()]
    .filter(([key]) => key !== "X-Goog-Signature")
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const canonicalRequest = ["GET", path, query, `host:${url.hostname}\n`, "host", "UNSIGNED-PAYLOAD"].join(
    "\n",
  );
  const stringToSign = [
    ALGORITHM,
    date,
    scope,
    createHash("sha256").update(canonicalRequest).digest("hex"),
  ].join("\n");
  const verifier = createVerify("RSA-SHA256");
  verifier.update(stringToSign);
  if (!verifier.verify(publicKey, Buffer.from(signature, "hex")))
    return { valid: false, reason: "signature" };

  const [, y, mo, d, h, mi, s] = match.map(Number);
  const start = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if (now.getTime() < start - SKEW_MS) return { valid: false, reason: "not yet valid" };
  if (now.getTime() >= start + Number(expires) * 1000) return { valid: false, reason: "expired" };
  return { valid: true };
}
