/**
 * Global middleware: a request Slack sends again (`X-Slack-Retry-Num`, Bolt's `context.retryNum`) for an
 * event or interaction this process has already taken is acknowledged and dropped. Starting runs is also
 * idempotent in the run store (the view submission's id and hash as `idempotencyKey`), which covers retries
 * that reach another instance; this only saves the repeated work and replies.
 */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

export class RecentRequests {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` was seen within the TTL; records it either way. */
  seenBefore(key: string): boolean {
    const at = this.now();
    if (this.seen.size > 5000) for (const [k, t] of this.seen) if (at - t > this.ttlMs) this.seen.delete(k);
    const previous = this.seen.get(key);
    this.seen.set(key, at);
    return previous !== undefined && at - previous <= this.ttlMs;
  }
}

/** The identity Slack keeps across retries: the event id, else the trigger id (commands, actions). */
function requestKey(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === "string") return `event:${body.event_id}`;
  if (body.type === "view_submission" || body.type === "block_suggestion") return undefined;
  if (typeof body.trigger_id === "string") return `trigger:${body.trigger_id}`;
  return undefined;
}

export function retryMiddleware(recent: RecentRequests): Middleware<AnyMiddlewareArgs> {
  return async function dropRetries(args) {
    const key = requestKey(args.body as unknown as Record<string, unknown>);
    const repeated = key !== undefined && recent.seenBefore(key);
    if (repeated && (args.context.retryNum ?? 0) > 0) {
      args.logger.info(
        `dropping Slack retry ${args.context.retryNum} of ${key} (${args.context.retryReason ?? "no reason"})`,
      );
      await (args as { ack?: () => Promise<void> }).ack?.();
      return;
    }
    await args.next();
  };
}
