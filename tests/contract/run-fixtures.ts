/** Runs for the RunStore contract: a valid `Run` with every field a test does not care about filled in. */
import type { Actor, Run } from "../../core/run.ts";
import { newRunId } from "../../core/run-id.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { runPrefix } from "../../common/run-folder.ts";

export const ALICE: Actor = Object.freeze({ kind: "slack", id: "U0ALICE", name: "Alice" });
export const BOB: Actor = Object.freeze({ kind: "slack", id: "U0BOB", name: "Bob" });

export interface RunOptions extends Partial<Omit<Run, "spec" | "id">> {
  /** Default: a new run id for the country and `createdAt`. */
  readonly id?: string;
}

/** A queued run for the market `country` (default DE), created at `createdAt` (default 2026-11-26T04:30:00Z). */
export function makeRun(options: RunOptions = {}): Run {
  const country = options.country ?? "DE";
  const createdAt = options.createdAt ?? "2026-11-26T04:30:00.000Z";
  const id = options.id ?? newRunId(country, new Date(createdAt));
  return {
    status: "queued",
    createdBy: ALICE,
    updatedAt: createdAt,
    artifactPrefix: runPrefix(id),
    lastEventSeq: 0,
    ...options,
    id,
    country,
    createdAt,
    spec: parseRunSpec({
      market: country,
      dep_var: "revenue",
      dep_var_type: "revenue",
      paid_media_spends: ["tv_S", "ooh_S"],
      data: { table: "DEMO.MULTI_COUNTRY_WEEKLY" },
    }),
  };
}

/** `base` plus `minutes` minutes, as ISO 8601. */
export function minutesAfter(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}
