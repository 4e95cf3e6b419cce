/**
 * One SQL-mode query in a fresh process (so that peak memory is this query's alone), run through the
 * embedded warehouse as the app opens it by default. Prints one JSON line: resident memory before the
 * query, the process's peak (VmHWM), seconds, and the error message if any. Used by warehouse-memory.bench.ts.
 */
import { readFileSync } from "node:fs";
import { openDuckDbWarehouse } from "../../core/warehouse/duckdb/duckdb.ts";

const mib = (bytes: number) => bytes / 2 ** 20;
const peakMib = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]) / 1024;

const warehouse = await openDuckDbWarehouse();
await warehouse.query({ table: "DEMO.SIMULATED_WEEKLY" }); // warm: code and demo tables loaded
const beforeMib = mib(process.memoryUsage.rss());
const started = performance.now();
let error: string | undefined;
try {
  await warehouse.query({ sql: process.argv[2] ?? "" });
} catch (failure) {
  error = failure instanceof Error ? failure.message : String(failure);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ beforeMib, peakMib: peakMib(), seconds, error }));
await warehouse.close();
