/**
 * Which runs are comparable: those that read the same data source with the same goal. Best models,
 * stability and history are grouped by this source and the run's market, so two tables that both hold a
 * "US" market are never mixed. Computed from the spec a run recorded, so runs stored before sources
 * existed group the same way.
 */
import { createHash } from "node:crypto";
import { dataSourceLabel } from "./data-source-label.ts";
import type { RunSpec } from "./run-spec.ts";

export interface RunSource {
  /** Stable and opaque, for URLs and grouping: the source's kind and name, then the goal column. */
  readonly key: string;
  /** In a few words, for pages and messages: `dataset sales · revenue`. */
  readonly label: string;
}

export function runSource(spec: Pick<RunSpec, "data" | "dep_var">): RunSource {
  return {
    key: `${sourceKey(spec.data)}|${spec.dep_var}`,
    label: `${dataSourceLabel(spec.data)} · ${spec.dep_var}`,
  };
}

function sourceKey(data: RunSpec["data"]): string {
  if (data === undefined) return "none";
  if ("table" in data) return `table:${data.table.toLowerCase()}`;
  // Every version of a dataset is the same source: a new upload continues its history.
  if ("dataset" in data) return `dataset:${data.dataset.replace(/@\d+$/, "")}`;
  if ("preparation" in data) return `preparation:${data.preparation}`;
  if ("file" in data) return `file:${data.file}`;
  const text = data.sql.trim().replace(/\s+/g, " ");
  return `sql:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}
