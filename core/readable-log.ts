/**
 * The app's log for a person at a terminal (`npm start`): one short line per record, time, level when it
 * is not info, message, then the fields as key=value. The records are the JSON ones Cloud Logging reads
 * (`logger.ts`); this destination only re-renders them, so nothing else changes with the terminal.
 * Written here rather than taken from pino-pretty: the format is a few lines, and the app image stays
 * free of a dependency that only a terminal needs.
 */
import type { DestinationStream } from "pino";

/** Fields every record carries, shown in the line's own places or not at all. */
const SHOWN_APART = new Set(["severity", "level", "time", "message"]);

export function readableLog(write: (line: string) => void): DestinationStream {
  return {
    write(record: string) {
      for (const text of record.split("\n")) if (text) write(`${readableLine(text)}\n`);
    },
  };
}

export function readableLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof record.time === "string" ? record.time.slice(11, 19) : "";
  const level =
    record.level === "info" || record.level === undefined ? "" : `${String(record.level).toUpperCase()} `;
  const fields = Object.entries(record)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return [time, `${level}${String(record.message ?? "")}`, ...fields].filter(Boolean).join("  ");
}
