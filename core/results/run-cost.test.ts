import { describe, expect, it } from "vitest";
import { estimateRunCost, formatCost } from "./run-cost.ts";

describe("estimateRunCost", () => {
  const prices = { vcpuSecond: 0.000018, gibSecond: 0.000002 };

  it("charges vCPU time and memory over the wall time", () => {
    // A native demo run: 3.2 CPU-seconds over 2 s, 0.3 GiB at peak.
    const cost = estimateRunCost({ cpuSeconds: 3.2, wallSeconds: 2, peakMemoryMb: 307.2 }, prices);
    expect(cost.vcpuSeconds).toBe(3.2);
    expect(cost.gibSeconds).toBeCloseTo(0.6, 12);
    expect(cost.total).toBeCloseTo(3.2 * 0.000018 + 0.6 * 0.000002, 15);
    expect(formatCost(cost.total)).toBe("$0.000059");
  });

  it("charges at least the wall time of one vCPU (an idle task still bills)", () => {
    // Robyn, about 12 minutes on 8 vCPUs and 16 GiB: the product's replaced setup.
    const cost = estimateRunCost({ cpuSeconds: 8 * 720, wallSeconds: 720, peakMemoryMb: 16 * 1024 }, prices);
    expect(formatCost(cost.total)).toBe("$0.13");
    expect(estimateRunCost({ cpuSeconds: 1, wallSeconds: 10, peakMemoryMb: 0 }, prices).vcpuSeconds).toBe(10);
  });
});
