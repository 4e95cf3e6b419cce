/**
 * A second process writing to the same SQLite run store, for `sqlite.integration.test.ts` (run with
 * `node --import tsx`). Arguments: the database path, a start time (ms since 1970) to wait for so that
 * several writers overlap, the number of operations, the id of a run to send events to, and the ids of
 * runs to finish. Prints what this process won, as JSON, on one line.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RunStatus } from "../../core/run.ts";
import { openSqliteRunStore } from "../../core/run-store/sqlite/sqlite.ts";

const [path, startAt, count, eventRunId, ...finishRunIds] = process.argv.slice(2);
const n = Number(count);
const store = await openSqliteRunStore({ path: path!, busyTimeoutMs: 20_000 });
await sleep(Math.max(0, Number(startAt) - Date.now()));

const won = { events: [] as number[], keys: [] as string[], transitions: [] as string[] };
const finals: RunStatus[] = ["succeeded", "failed", "cancelled"];
for (let i = 1; i <= n; i++) {
  const event = await store.recordEvent(eventRunId!, {
    seq: i,
    at: new Date().toISOString(),
    type: "progress",
    phase: "search",
    done: i,
    total: n,
  });
  if (event.applied) won.events.push(i);
  const claim = await store.claimIdempotencyKey(`key-${i}`, String(process.pid), 600);
  if (claim.claimed) won.keys.push(`key-${i}`);
  const runId = finishRunIds[i % finishRunIds.length]!;
  const change = await store.transition(runId, finals[(i + process.pid) % finals.length]!);
  if (change.applied) won.transitions.push(runId);
}
await store.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
