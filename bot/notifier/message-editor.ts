/**
 * Edits Slack messages in place without breaking Slack's rate limits: at most one `chat.update` per message
 * per `minIntervalMs` (1 s: Slack's guidance for editing one message), counted from the end of the previous
 * edit so that Slack never sees two edits of a message closer than that; states that arrive in between are
 * merged (only the newest is sent), and the newest state is always sent in the end. On HTTP 429 every edit
 * waits the `Retry-After` Slack gave (its limits are per method and workspace, not per message), and then the
 * newest state of each message is sent (not the stale one that was refused).
 * Other failures are logged and dropped: the next state will carry everything.
 */
import { ErrorCode, type WebClient } from "@slack/web-api";
import type { Logger } from "../../core/logger.ts";
import type { SlackMessageRef } from "../../core/run.ts";
import type { SlackMessage } from "../blocks/run-message.ts";

export interface MessageEditorOptions {
  /** A client with `rejectRateLimitedCalls: true`, so 429s come back here instead of being retried stale. */
  client: WebClient;
  logger: Logger;
  minIntervalMs?: number;
  now?: () => number;
}

interface Slot {
  ref: SlackMessageRef;
  pending?: SlackMessage;
  waiters: (() => void)[];
  inFlight: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** When the last edit finished (ms since the epoch). */
  lastDoneAt: number;
  /** No edit before this time (Retry-After). */
  notBefore: number;
}

const MAX_RATE_LIMIT_WAITS = 5;
/** Timers may fire a millisecond early; a few more keep every gap at least `minIntervalMs`. */
const MARGIN_MS = 5;

export class MessageEditor {
  private readonly slots = new Map<string, Slot>();
  /** No edit of any message before this time: Slack's last Retry-After. */
  private pausedUntil = -Infinity;
  private readonly minIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: MessageEditorOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Queues `message` as the message's newest state; resolves once it (or a newer one) is sent or given up. */
  edit(ref: SlackMessageRef, message: SlackMessage): Promise<void> {
    const key = `${ref.channel}:${ref.ts}`;
    if (this.slots.size > 100) this.sweep();
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { ref, waiters: [], inFlight: false, lastDoneAt: -Infinity, notBefore: -Infinity };
      this.slots.set(key, slot);
    }
    slot.pending = message;
    const done = new Promise<void>((resolve) => slot.waiters.push(resolve));
    this.schedule(slot);
    return done;
  }

  /** Resolves when every queued edit has been sent or given up. */
  async flush(): Promise<void> {
    const waits = [...this.slots.values()]
      .filter((s) => s.pending || s.inFlight)
      .map((s) => new Promise<void>((resolve) => s.waiters.push(resolve)));
    await Promise.all(waits);
  }

  private schedule(slot: Slot): void {
    if (slot.inFlight || slot.timer || !slot.pending) return;
    const at = Math.max(slot.lastDoneAt + this.minIntervalMs, slot.notBefore, this.pausedUntil) + MARGIN_MS;
    slot.timer = setTimeout(() => void this.send(slot), Math.max(0, at - this.now()));
  }

  private async send(slot: Slot, rateLimitWaits = 0): Promise<void> {
    slot.timer = undefined;
    const message = slot.pending;
    if (!message) return;
    const waiters = slot.waiters;
    slot.pending = undefined;
    slot.waiters = [];
    slot.inFlight = true;
    let settled = true;
    try {
      await this.options.client.chat.update({
        channel: slot.ref.channel,
        ts: slot.ref.ts,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (error) {
      const retryAfter =
        (error as { code?: string; retryAfter?: number }).code === ErrorCode.RateLimitedError
          ? (error as { retryAfter: number }).retryAfter
          : undefined;
      if (retryAfter !== undefined && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
        this.options.logger.warn({ ref: slot.ref, retryAfter }, "chat.update rate limited; waiting");
        slot.notBefore = this.now() + retryAfter * 1000;
        this.pausedUntil = Math.max(this.pausedUntil, slot.notBefore);
        // Keep the newest state: a newer one may have arrived while this one was in flight.
        slot.pending ??= message;
        slot.waiters = [...waiters, ...slot.waiters];
        settled = false;
      } else {
        this.options.logger.warn(
          { err: error, ref: slot.ref },
          "chat.update failed; the next state will carry it",
        );
      }
    } finally {
      slot.lastDoneAt = this.now();
      slot.inFlight = false;
    }
    if (settled) for (const resolve of waiters) resolve();
    if (slot.pending) {
      if (!settled) {
        slot.timer = setTimeout(
          () => void this.send(slot, rateLimitWaits + 1),
          Math.max(
            0,
            Math.max(slot.notBefore, this.pausedUntil, slot.lastDoneAt + this.minIntervalMs) +
              MARGIN_MS -
              this.now(),
          ),
        );
      } else {
        this.schedule(slot);
      }
    } else {
      // Nothing newer: release flush() callers that joined while this edit was in flight.
      for (const resolve of slot.waiters.splice(0)) resolve();
    }
  }

  /** Forgets messages idle for a minute (their next edit cannot come too soon any more). */
  private sweep(): void {
    const idleSince = this.now() - Math.max(60_000, this.minIntervalMs);
    for (const [key, slot] of this.slots) {
      if (
        !slot.inFlight &&
        !slot.timer &&
        !slot.pending &&
        slot.lastDoneAt < idleSince &&
        slot.notBefore < this.now()
      )
        this.slots.delete(key);
    }
  }
}
