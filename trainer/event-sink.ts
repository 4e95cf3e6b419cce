/**
 * Where a trainer's events go: JSON lines on stdout (`mmm train` in a terminal), or signed HTTP POSTs to
 * the app's `/internal/runs/:id/events` (the trainer events of the design). Progress events are throttled
 * to one a second; `started`, `completed`, `failed` and `cancelled` are always sent, and retried.
 */
import { SIGNATURE_HEADER, signEvent, TIMESTAMP_HEADER } from "../core/trainer-auth.ts";
import type { TrainerEvent } from "../core/events.ts";

type EventBody = TrainerEvent extends infer E
  ? E extends TrainerEvent
    ? Omit<E, "seq" | "at">
    : never
  : never;

export interface EventSink {
  /** Sends an event; resolves once it is delivered (or given up on, for progress). */
  send(event: EventBody): Promise<void>;
}

/** Numbers events, stamps them and throttles progress; `deliver` does the actual sending. */
export function eventSink(
  deliver: (event: TrainerEvent) => Promise<void>,
  now: () => number = Date.now,
): EventSink {
  let seq = 0;
  let lastProgressAt = -Infinity;
  return {
    async send(body) {
      const at = now();
      if (body.type === "progress") {
        const final = body.total > 0 && body.done >= body.total;
        if (!final && at - lastProgressAt < 1000) return;
        lastProgressAt = at;
      }
      seq += 1;
      await deliver({ ...body, seq, at: new Date(at).toISOString() } as TrainerEvent);
    },
  };
}

export function stdoutSink(write: (line: string) => void): EventSink {
  return eventSink(async (event) => write(JSON.stringify(event)));
}

export interface CallbackOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
  /** Attempts for events that must arrive (progress gets one). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function callbackSink(options: CallbackOptions): EventSink {
  const post = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return eventSink(async (event) => {
    const body = JSON.stringify(event);
    const attempts = event.type === "progress" ? 1 : (options.attempts ?? 6);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const response = await post(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [SIGNATURE_HEADER]: signEvent(options.token, timestamp, body),
            [TIMESTAMP_HEADER]: String(timestamp),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        // 4xx other than 429 will not get better by retrying (bad token, unknown run).
        if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429))
          return;
      } catch {
        // Network error or timeout: retry below.
      }
      if (attempt < attempts) await sleep(Math.min(30_000, 500 * 2 ** (attempt - 1)));
    }
  });
}
