/**
 * Bearer tokens for the REST API. Two sources: tokens issued by admins on `/admin/tokens` (stored as
 * their SHA-256 in the run store, revocable) and, for a first deployment, `MMM_API_TOKENS` from the
 * environment. Tokens are 32 random bytes, so a plain SHA-256 is enough to store them (no password
 * stretching needed); comparisons are constant-time.
 *
 * When any token is configured, a call without one is refused, even from this machine. When none is,
 * only local mode on loopback (not through a proxy, `isLocalUser`) may call without a token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { MmmError } from "../../common/errors.ts";
import type { Actor } from "../../core/run.ts";
import type { ApiToken, RunStore } from "../../core/run-store/port.ts";
import type { ViewerEnv } from "../viewer-env.ts";
import { isLocalUser } from "./remote-address.ts";
import { LOCAL_ACTOR } from "./viewer-access.ts";

export interface ApiEnv {
  Bindings: ViewerEnv["Bindings"];
  Variables: { actor: Actor };
}

export interface ApiAuthOptions {
  readonly runs: Pick<RunStore, "findApiToken" | "listApiTokens">;
  /** `MMM_API_TOKENS`. */
  readonly envTokens: readonly string[];
  /** Whether sign-in with Slack is configured (otherwise local mode). */
  readonly signIn: boolean;
  /** `MMM_ALLOW_UNAUTHENTICATED` (see `isLocalUser`). */
  readonly allowUnauthenticated?: boolean;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token (shown once) and the record to store (its hash only). */
export function newApiToken(label: string, by: Actor, now: Date): { token: string; record: ApiToken } {
  const id = randomBytes(6).toString("hex");
  const token = `mmm_${id}_${randomBytes(32).toString("base64url")}`;
  return { token, record: { id, label, hash: hashApiToken(token), by, createdAt: now.toISOString() } };
}

/**
 * Sets `c.var.actor` for an authenticated call; refuses (401, `WWW-Authenticate: Bearer`) otherwise.
 *
 * @example api.use("*", apiAuth({ runs: services.runs, envTokens: config.MMM_API_TOKENS, signIn }))
 */
export function apiAuth(options: ApiAuthOptions): MiddlewareHandler<ApiEnv> {
  const envHashes = options.envTokens.map((token) => Buffer.from(hashApiToken(token), "hex"));
  return async function apiAuth(c, next) {
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthorized("The Authorization header must be `Bearer <token>`.");
      c.set("actor", await actorOf(match[1]!, envHashes, options));
      return next();
    }
    const stored = await options.runs.listApiTokens();
    if (envHashes.length > 0 || stored.some((token) => token.revokedAt === undefined)) {
      throw unauthorized("This API needs a token: send `Authorization: Bearer <token>`.");
    }
    if (!options.signIn && isLocalUser(c, options.allowUnauthenticated ?? false)) {
      c.set("actor", LOCAL_ACTOR);
      return next();
    }
    throw unauthorized(
      "This API needs a token, and none is configured yet: an admin issues one on /admin/tokens, or sets MMM_API_TOKENS.",
    );
  };
}

async function actorOf(token: string, envHashes: Buffer[], options: ApiAuthOptions): Promise<Actor> {
  const hash = hashApiToken(token);
  const digest = Buffer.from(hash, "hex");
  if (envHashes.some((known) => timingSafeEqual(known, digest))) {
    return { kind: "api", id: `env-${hash.slice(0, 8)}`, name: "MMM_API_TOKENS" };
  }
  const stored = await options.runs.findApiToken(hash);
  if (stored?.revokedAt !== undefined)
    throw unauthorized("This API token was revoked: ask an admin for a new one.");
  if (stored) return { kind: "api", id: stored.id, name: stored.label };
  throw unauthorized("This API token is not valid: check it, or ask an admin for a new one.");
}

function unauthorized(message: string): MmmError {
  return new MmmError("unauthorized", message, { context: { field: "authorization" } });
}
