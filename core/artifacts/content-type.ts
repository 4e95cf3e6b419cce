/**
 * The content type of an artifact, from its file extension: what a store records when the writer
 * gives none, and what the app's artifact route serves the local folder's files with.
 */
const TYPES: Readonly<Record<string, string>> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  log: "text/plain; charset=utf-8",
  png: "image/png",
  svg: "image/svg+xml",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  parquet: "application/vnd.apache.parquet",
};

/** `application/octet-stream` for an unknown or missing extension. */
export function contentTypeOf(key: string): string {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return "application/octet-stream";
  return TYPES[name.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}
