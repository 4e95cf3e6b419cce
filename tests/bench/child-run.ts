/**
 * Runs the `mmm` command in a child process, as a user does, and measures it from outside: wall time from
 * spawn to exit and the child's peak resident memory (`process.resourceUsage().maxRSS` of the child, all its
 * threads, printed at exit by `peak-memory-probe.mjs`). The child's other stderr output is passed through.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface ChildRun {
  wallSeconds: number;
  peakMemoryMb: number;
}

const CLI = join(import.meta.dirname, "../../bin/mmm.js");
const PROBE = join(import.meta.dirname, "peak-memory-probe.mjs");
const PEAK_LINE = /^peak-rss-kib (\d+)$/m;

export async function runMmm(args: readonly string[]): Promise<ChildRun> {
  const started = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", PROBE, CLI, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let text = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      const output = text.replace(PEAK_LINE, "").trim();
      if (output) process.stderr.write(`${output}\n`);
      if (code === 0) resolve(text);
      else reject(new Error(`mmm ${args[0]} exited with ${code}`));
    });
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const peak = PEAK_LINE.exec(stderr);
  if (!peak) throw new Error(`mmm ${args[0]} did not report its peak memory`);
  return { wallSeconds, peakMemoryMb: Number(peak[1]) / 1024 };
}
