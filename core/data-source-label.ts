/** A run's data source in a few words, for messages and tables: the one place that knows every kind. */
import type { DataSource } from "./run-spec.ts";

export function dataSourceLabel(data: DataSource | undefined): string {
  if (data === undefined) return "—";
  if ("table" in data) return data.table;
  if ("dataset" in data) return `dataset ${data.dataset}`;
  if ("preparation" in data) return `preparation ${data.preparation}`;
  if ("file" in data) return data.file;
  return "SQL query";
}
