/**
 * A shard of a sharded search (some of the run's trials, searched by one task) as a file, and the merge of
 * all shards back into one candidate table in trial order. Numbers travel as little-endian doubles in
 * base64, so a merged table is bit-for-bit the table an unsharded search produces.
 */
import { invalidInput } from "../../common/errors.ts";
import type { CandidateTable } from "./run-search.ts";

const FORMAT = "mmm-candidate-shard/1";

interface ShardFile {
  format: typeof FORMAT;
  iterations: number;
  dimension: number;
  width: number;
  trials: number[];
  trial: string;
  iterNG: string;
  iterPar: string;
  units: string;
  rows: string;
}

const encode = (array: Int32Array | Float64Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");

export function serializeShard(table: CandidateTable): string {
  const file: ShardFile = {
    format: FORMAT,
    iterations: table.iterations,
    dimension: table.dimension,
    width: table.width,
    trials: [...new Set(table.trial)],
    trial: encode(table.trial),
    iterNG: encode(table.iterNG),
    iterPar: encode(table.iterPar),
    units: encode(table.units),
    rows: encode(table.rows),
  };
  return JSON.stringify(file);
}

function decode<T extends Int32Array | Float64Array>(text: string, make: (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, "base64");
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

export function parseShard(text: string): CandidateTable {
  const file = JSON.parse(text) as ShardFile;
  if (file.format !== FORMAT)
    throw invalidInput("shard", `Not a candidate shard (format ${String(file.format)}).`);
  const trial = decode(file.trial, (b) => new Int32Array(b));
  return {
    count: trial.length,
    iterations: file.iterations,
    trials: file.trials.length,
    dimension: file.dimension,
    width: file.width,
    trial,
    iterNG: decode(file.iterNG, (b) => new Int32Array(b)),
    iterPar: decode(file.iterPar, (b) => new Int32Array(b)),
    units: decode(file.units, (b) => new Float64Array(b)),
    rows: decode(file.rows, (b) => new Float64Array(b)),
  };
}

/** Concatenates shards in trial order; every trial 1..`trials` must be present exactly once. */
export function mergeShards(shards: readonly CandidateTable[], trials: number): CandidateTable {
  const first = shards[0];
  if (!first) throw invalidInput("shards", "There are no shards to merge.");
  const byTrial = new Map<number, { shard: CandidateTable; start: number }>();
  for (const shard of shards) {
    for (let i = 0; i < shard.count; i += shard.iterations) {
      const trial = shard.trial[i]!;
      if (byTrial.has(trial)) throw invalidInput("shards", `Trial ${trial} appears in two shards.`);
      byTrial.set(trial, { shard, start: i });
    }
  }
  const missing = Array.from({ length: trials }, (_, t) => t + 1).filter((t) => !byTrial.has(t));
  if (missing.length > 0) throw invalidInput("shards", `The shards lack trial(s) ${missing.join(", ")}.`);
  const { iterations, dimension, width } = first;
  const count = iterations * trials;
  const merged: CandidateTable = {
    count,
    iterations,
    trials,
    dimension,
    width,
    trial: new Int32Array(count),
    iterNG: new Int32Array(count),
    iterPar: new Int32Array(count),
    units: new Float64Array(count * dimension),
    rows: new Float64Array(count * width),
  };
  for (let t = 1; t <= trials; t++) {
    const { shard, start } = byTrial.get(t)!;
    const at = (t - 1) * iterations;
    merged.trial.set(shard.trial.subarray(start, start + iterations), at);
    merged.iterNG.set(shard.iterNG.subarray(start, start + iterations), at);
    merged.iterPar.set(shard.iterPar.subarray(start, start + iterations), at);
    merged.units.set(
      shard.units.subarray(start * dimension, (start + iterations) * dimension),
      at * dimension,
    );
    merged.rows.set(shard.rows.subarray(start * width, (start + iterations) * width), at * width);
  }
  return merged;
}

/** The trials (1-based) task `index` of `count` searches: every count-th trial, starting at index + 1. */
export function trialsOfTask(trials: number, index: number, count: number): number[] {
  return Array.from({ length: trials }, (_, t) => t + 1).filter((t) => (t - 1) % count === index);
}
