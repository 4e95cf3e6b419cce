/**
 * "Still preparing" for the app while a trainer reads and prepares its data, before its search reports
 * progress: the app fails a trainer that is silent for TRAINER_SILENCE_SECONDS as hung, so a big but
 * legal input must not look like silence. The heartbeat is a `progress` event in phase "preparing"
 * (done 0), sent at once, then every `everyMs` while the event loop is free (reading a file, downloading),
 * and again by `beat()` after each synchronous preparation step, which the timer cannot interrupt.
 */
import type { EventSink } from "./event-sink.ts";

/** Well below any sensible silence limit (minutes), and rare enough to cost nothing. */
export const HEARTBEAT_MS = 15_000;

export interface Heartbeat {
  /** Sends the event now (the sink drops it if a progress event went out less than a second ago). */
  beat(): void;
  stop(): void;
}

export function startHeartbeat(events: EventSink, total: number, everyMs = HEARTBEAT_MS): Heartbeat {
  const beat = () => void events.send({ type: "progress", phase: "preparing", done: 0, total });
  const timer = setInterval(beat, everyMs);
  // A heartbeat never keeps the process alive by itself.
  timer.unref();
  beat();
  return { beat, stop: () => clearInterval(timer) };
}
