/**
 * The embedded warehouse under the worst SQL-mode queries: how much the process grows (peak resident
 * memory over resident memory before the query) and how the query ends. Each query runs in a fresh child
 * process. Target: growth bounded by DUCKDB_MEMORY_LIMIT (1 GB) whatever the query; before the limits, one
 * string_agg over a cross join grew the process by more than 3 GB.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const table = "DEMO.SIMULATED_WEEKLY";
const crossJoin = `${table} a, ${table} b, ${table} c`;

/** Name and SQL of each query measured. */
export const WORST_QUERIES: [string, string][] = [
  [
    "string_agg of 20-char values over 208^3 rows (~190 MB value)",
    `SELECT string_agg(repeat('x', 20), ',') AS s FROM ${crossJoin}`,
  ],
  [
    "string_agg of 60-char values over 208^3 rows (~570 MB value)",
    `SELECT string_agg(repeat('x', 60), ',') AS s FROM ${crossJoin}`,
  ],
  ["sorted 208^3-row cross join", `SELECT a.revenue, b.tv_S, c.ooh_S FROM ${crossJoin} ORDER BY 1, 2, 3`],
];

export interface WarehouseMemoryRow {
  name: string;
  growthMib: number;
  seconds: number;
  outcome: string;
}

export function benchWarehouseMemory(): WarehouseMemoryRow[] {
  const child = join(import.meta.dirname, "warehouse-memory-child.ts");
  return WORST_QUERIES.map(([name, sql]) => {
    const output = execFileSync(process.execPath, ["--import", "tsx", child, sql], { encoding: "utf8" });
    const line = JSON.parse(output.trim().split("\n").at(-1)!) as {
      beforeMib: number;
      peakMib: number;
      seconds: number;
      error?: string;
    };
    return {
      name,
      growthMib: line.peakMib - line.beforeMib,
      seconds: line.seconds,
      outcome: line.error === undefined ? "answered" : line.error.slice(0, 90),
    };
  });
}
