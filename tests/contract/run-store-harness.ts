/** What the RunStore contract's grouped tests share (`run-store.contract.ts` builds it per test). */
import type { RunStore } from "../../core/run-store/port.ts";

/** What the grouped tests share: the current test's store and a clock they can move. */
export interface RunStoreHarness {
  store(): RunStore;
  readonly clock: TestClock;
}

export interface TestClock {
  now(): Date;
  /** The clock's time as ISO 8601. */
  iso(): string;
  advance(ms: number): void;
}
