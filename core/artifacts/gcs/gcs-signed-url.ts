/**
 * The options of a V4 signed URL for `File#getSignedUrl` (`@google-cloud/storage`): a GET that works from
 * `now` for `expiresInSeconds`, with the disposition signed in as `response-content-disposition`, so
 * that it cannot be removed or changed without breaking the signature.
 *
 * Signing: with a service-account key in the client's credentials the library signs locally (RSA-SHA256).
 * In production there is no key (Cloud Run's service account through the metadata server), and the
 * library's `GoogleAuth#sign` asks the metadata server for the account's e-mail and sends the string to
 * sign to the IAM Credentials API (`…/serviceAccounts/<email>:signBlob`). That API must be enabled in the
 * project (iamcredentials.googleapis.com), and the account needs `iam.serviceAccounts.signBlob` on itself
 * (roles/iam.serviceAccountTokenCreator granted to the account on itself). Each URL then costs one call.
 */
import { invalidInput } from "../../../common/errors.ts";
import { MAX_SIGNED_URL_SECONDS, type SignedUrlOptions } from "../port.ts";

export interface V4ReadUrlConfig {
  readonly version: "v4";
  readonly action: "read";
  readonly accessibleAt: Date;
  readonly expires: number;
  readonly responseDisposition?: string;
}

export function signedUrlConfig(key: string, options: SignedUrlOptions, now: Date): V4ReadUrlConfig {
  const seconds = options.expiresInSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
    throw invalidInput(
      "expiresInSeconds",
      `A signed URL must expire in 1 to ${MAX_SIGNED_URL_SECONDS} whole seconds (seven days), not ${seconds}.`,
    );
  }
  // Whole seconds, so that X-Goog-Expires is exactly `seconds` (the library floors both times).
  const start = Math.floor(now.getTime() / 1000) * 1000;
  const disposition = contentDisposition(key, options.disposition);
  return {
    version: "v4",
    action: "read",
    accessibleAt: new Date(start),
    expires: start + seconds * 1000,
    ...(disposition !== undefined ? { responseDisposition: disposition } : {}),
  };
}

/** `inline`, or `attachment` with the key's file name (RFC 6266: ASCII fallback plus UTF-8 form). */
export function contentDisposition(
  key: string,
  disposition: SignedUrlOptions["disposition"],
): string | undefined {
  if (disposition !== "attachment") return disposition;
  const name = key.slice(key.lastIndexOf("/") + 1);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return ascii === name
    ? `attachment; filename="${name}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
