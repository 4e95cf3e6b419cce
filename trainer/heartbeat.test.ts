import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TrainerEvent } from "../core/events.ts";
import { eventSink } from "./event-sink.ts";
import { startHeartbeat } from "./heartbeat.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("startHeartbeat", () => {
  it("says the trainer is preparing at once, then every interval, until stopped", async () => {
    const sent: TrainerEvent[] = [];
    const events = eventSink(async (event) => void sent.push(event));
    const heartbeat = startHeartbeat(events, 600, 15_000);
    expect(sent).toMatchObject([{ type: "progress", phase: "preparing", done: 0, total: 600, seq: 1 }]);
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(sent.map((e) => e.seq)).toEqual([1, 2, 3]);
    heartbeat.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(3);
  });

  it("beats between synchronous steps, at most once a second", async () => {
    const sent: TrainerEvent[] = [];
    const heartbeat = startHeartbeat(
      eventSink(async (event) => void sent.push(event)),
      10,
    );
    heartbeat.beat(); // right after the first: dropped by the sink's throttle
    vi.advanceTimersByTime(1_000);
    heartbeat.beat();
    heartbeat.stop();
    expect(sent).toHaveLength(2);
  });
});
