/**
 * What Linux tells about a process in `/proc/<pid>/stat` and `/proc/<pid>/status`: when it started
 * (to tell a process from a later one that reuses its pid), its CPU time and its peak memory.
 *
 * - `startTicks`: field 22 of `stat`, clock ticks since boot; fixed for the life of a process.
 * - `cpuSeconds`: fields 14–17 of `stat` (utime, stime, cutime, cstime) over USER_HZ: the process's
 *   own user and system time plus that of the children it has waited for, so a trainer that runs a
 *   helper process and waits for it is counted whole. USER_HZ is 100 on every Linux architecture
 *   Node supports (the kernel's ABI constant, not the kernel's internal HZ).
 * - `peakMemoryMb`: `VmHWM` of `status`, the process's highest resident set size so far ("high water
 *   mark"), so a sample taken at any time gives the peak up to then. Its children's memory is not
 *   included: launch the trainer directly, not through a wrapper such as npx.
 *
 * Elsewhere (macOS) there is no `/proc`: the functions answer `undefined` and callers fall back to
 * `process.kill(pid, 0)`.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

const USER_HZ = 100;

export interface ProcessStats {
  readonly startTicks: number;
  /** One-letter state: R running, S sleeping, Z zombie (ended, not yet waited for), … */
  readonly state: string;
  readonly cpuSeconds: number;
  /** Absent when `status` could not be read (the process ended in between). */
  readonly peakMemoryMb?: number;
}

/** The stats of `pid` now, or `undefined` when it does not exist or `/proc` is not there. */
export async function readProcessStats(pid: number): Promise<ProcessStats | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (stat === undefined) return undefined;
  const parsed = parseStat(stat);
  if (parsed === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => undefined);
  const hwm = status === undefined ? undefined : /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return hwm === undefined ? parsed : { ...parsed, peakMemoryMb: round2(Number(hwm) / 1024) };
}

/** The start time of `pid` in clock ticks since boot, read at once (right after spawning it). */
export function readStartTicksSync(pid: number): number | undefined {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"))?.startTicks;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is a live process and, when `startTicks` is known and `/proc` readable, the same
 * process that had that start time (not a later one that got the same pid).
 */
export async function isSameProcessAlive(pid: number, startTicks: number | undefined): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which a pid we started never does; still, alive.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stats = await readProcessStats(pid);
  if (stats === undefined) return startTicks === undefined;
  if (stats.state === "Z") return false;
  return startTicks === undefined || stats.startTicks === startTicks;
}

/** Fields after the command name, which is in parentheses and may itself contain spaces or ")". */
function parseStat(stat: string): Omit<ProcessStats, "peakMemoryMb"> | undefined {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 of the file (state), so field n is fields[n - 3].
  const numberAt = (n: number) => Number(fields[n - 3]);
  const startTicks = numberAt(22);
  if (!Number.isFinite(startTicks)) return undefined;
  const ticks = numberAt(14) + numberAt(15) + numberAt(16) + numberAt(17);
  return { startTicks, state: fields[0] ?? "?", cpuSeconds: round2(ticks / USER_HZ) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
