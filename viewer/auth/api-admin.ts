/**
 * Who may delete through the API: the person at this machine (local mode), or a token from
 * `MMM_API_TOKENS` (set by whoever deploys the app). Tokens issued on /admin/tokens are for integrations.
 */
import { MmmError } from "../../common/errors.ts";
import type { Actor } from "../../core/run.ts";

/** `action` completes "Only admins can …" (e.g. `delete datasets`). */
export function assertApiAdmin(actor: Actor, action: string): void {
  if (actor.kind === "local" || (actor.kind === "api" && actor.id.startsWith("env-"))) return;
  throw new MmmError(
    "forbidden",
    `Only admins can ${action}: the person at the app's machine, or a token from MMM_API_TOKENS.`,
    { context: { field: "authorization" } },
  );
}
