/**
 * Signed links to the app's own artifact route, for the local-folder store:
 * `<baseUrl>/artifacts/<key>?expires=<unix seconds>&sig=<HMAC>[&disposition=attachment]`.
 *
 * The signature is HMAC-SHA256 over `v1`, the key, the expiry and the disposition (one per line),
 * keyed with a secret only the app knows, and written as base64url. The route decodes the key from the
 * path (each segment with `decodeURIComponent`) and calls `verifyArtifactSignature` before serving.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { isArtifactKey } from "./artifact-key.ts";

export type ArtifactDisposition = "inline" | "attachment";

/** The path of the app's artifact route, below its base URL. */
export const ARTIFACT_ROUTE = "/artifacts/";

/** The base64url HMAC of one link. `expires` is in whole seconds since 1970 (UTC). */
export function signArtifactKey(
  key: string,
  expires: number,
  secret: string,
  disposition?: ArtifactDisposition,
): string {
  return createHmac("sha256", secret)
    .update(["v1", key, String(expires), disposition ?? ""].join("\n"))
    .digest("base64url");
}

/** The link for `key`, valid until `expires` (seconds since 1970). */
export function signedArtifactUrl(
  baseUrl: string,
  key: string,
  expires: number,
  secret: string,
  disposition?: ArtifactDisposition,
): string {
  const path = key.split("/").map(encodeURIComponent).join("/");
  const query = new URLSearchParams({ expires: String(expires) });
  if (disposition !== undefined) query.set("disposition", disposition);
  query.set("sig", signArtifactKey(key, expires, secret, disposition));
  return `${baseUrl.replace(/\/+$/, "")}${ARTIFACT_ROUTE}${path}?${query.toString()}`;
}

/**
 * True when `sig` is the signature of exactly this key, expiry and disposition, and `expires` is still
 * ahead of `now`. Anything malformed (a refused key, a non-numeric expiry, an unknown disposition) is
 * simply not valid: the route answers 403 either way, and a link that `expires` shows is in the past
 * can be told apart by the route itself to say "this link has expired".
 */
export function verifyArtifactSignature(
  key: string,
  expires: string | number,
  sig: string,
  secret: string,
  now: Date,
  disposition?: string,
): boolean {
  if (!isArtifactKey(key) || typeof sig !== "string" || secret === "") return false;
  const expiresText = String(expires);
  if (!/^\d{1,12}$/.test(expiresText)) return false;
  if (disposition !== undefined && disposition !== "inline" && disposition !== "attachment") return false;
  const expected = Buffer.from(signArtifactKey(key, Number(expiresText), secret, disposition), "utf8");
  const given = Buffer.from(sig, "utf8");
  // Compare the text, not the decoded bytes: base64url has spare bits, so two texts can decode alike.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return Number(expiresText) * 1000 > now.getTime();
}
