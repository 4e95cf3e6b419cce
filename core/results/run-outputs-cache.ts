/**
 * The `RunOutputs` of the last few runs viewed (least recently used first out). A succeeded run's outputs
 * never change, so their objects are kept and a run page for 10,000 candidates is rendered from memory;
 * runs that are still going are read afresh each time.
 */
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { RunOutputs } from "./run-outputs.ts";

export class RunOutputsCache {
  private readonly entries = new Map<string, RunOutputs>();

  constructor(
    private readonly artifacts: ArtifactStore,
    private readonly capacity = 8,
  ) {}

  /** The outputs of `run`: kept for a succeeded run, fresh for any other. */
  of(run: Run): RunOutputs {
    if (run.status !== "succeeded") return new RunOutputs(this.artifacts, run);
    const cached = this.entries.get(run.id);
    if (cached) {
      this.entries.delete(run.id);
      this.entries.set(run.id, cached);
      return cached;
    }
    const fresh = new RunOutputs(this.artifacts, run);
    this.entries.set(run.id, fresh);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return fresh;
  }
}
