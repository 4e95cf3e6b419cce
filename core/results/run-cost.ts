/**
 * What a run cost, estimated from the resources its trainer reported and Cloud Run's prices (configured
 * as PRICE_VCPU_SECOND and PRICE_GIB_SECOND). Cloud Run Jobs bill the vCPU and memory a task has for as
 * long as it runs; the trainer reports the CPU time it used and its peak memory, so the estimate charges
 * max(CPU seconds, wall seconds) of vCPU and peak memory for the whole wall time — a lower bound when the
 * job is sized above what the run used.
 */
import type { RunResources } from "../run.ts";

export interface CostPrices {
  vcpuSecond: number;
  gibSecond: number;
}

export interface RunCost {
  /** US dollars. */
  total: number;
  vcpuSeconds: number;
  gibSeconds: number;
}

export function estimateRunCost(resources: RunResources, prices: CostPrices): RunCost {
  const vcpuSeconds = Math.max(resources.cpuSeconds, resources.wallSeconds);
  const gibSeconds = (resources.peakMemoryMb / 1024) * resources.wallSeconds;
  return { total: vcpuSeconds * prices.vcpuSecond + gibSeconds * prices.gibSecond, vcpuSeconds, gibSeconds };
}

/** "$0.0012" / "$1.23" for an amount in US dollars: cents matter for a run, fractions of a cent say it is cheap. */
export function formatCost(dollars: number): string {
  return dollars < 0.01 ? `$${dollars.toPrecision(2)}` : `$${dollars.toFixed(2)}`;
}
