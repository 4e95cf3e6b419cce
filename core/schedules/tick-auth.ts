/**
 * How Cloud Scheduler authenticates its calls to `POST /internal/schedules/tick`: a Google-signed OIDC ID
 * token of the scheduler's own service account (Cloud Scheduler's `oidc_token`). The token must be signed by
 * Google (its published keys), issued by `accounts.google.com`, unexpired, for this endpoint's audience, and
 * carry the service account's verified email; any other Google identity, even of the same project, is
 * refused. Verified with `google-auth-library` (loaded on the first tick: local mode never needs it); the
 * keys are fetched (and cached) by its client, and tests hand in their own.
 */
import type { OAuth2Client } from "google-auth-library";

const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];

/** PEM public keys (or certificates) by key id. */
export type SigningKeys = Record<string, string>;

export interface TickVerifierOptions {
  /** The audience Cloud Scheduler was told to put in its tokens (the tick URL by default). */
  audience: string;
  /** The email of the service account Cloud Scheduler signs in as. */
  serviceAccount: string;
  /** Google's signing keys; default: fetched from Google by the client library. */
  keys?: () => Promise<SigningKeys>;
}

export type TickVerdict = { ok: true; email: string } | { ok: false; reason: string };

export type TickVerifier = (authorization: string | undefined) => Promise<TickVerdict>;

export function tickVerifier(options: TickVerifierOptions): TickVerifier {
  let client: OAuth2Client | undefined;
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (token === undefined) return { ok: false, reason: "no bearer token" };
    client ??= new (await import("google-auth-library")).OAuth2Client();
    const google = client;
    const keys =
      options.keys ?? (async () => (await google.getFederatedSignonCertsAsync()).certs as SigningKeys);
    try {
      const ticket = await client.verifySignedJwtWithCertsAsync(
        token,
        await keys(),
        options.audience,
        GOOGLE_ISSUERS,
      );
      const payload = ticket.getPayload();
      if (payload?.email !== options.serviceAccount || payload.email_verified !== true)
        return { ok: false, reason: `token of ${payload?.email ?? "no email"}, not the scheduler's account` };
      return { ok: true, email: payload.email };
    } catch (error) {
      return { ok: false, reason: (error as Error).message.split(":")[0] ?? "invalid token" };
    }
  };
}
