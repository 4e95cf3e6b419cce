/**
 * Structured JSON logs (pino) that Cloud Logging reads as they are: `severity` instead of pino's numeric
 * level, `message` as the text field, times in ISO 8601.
 */
import pino, { type Logger } from "pino";

const SEVERITY: Record<string, string> = {
  trace: "DEBUG",
  debug: "DEBUG",
  info: "INFO",
  warn: "WARNING",
  error: "ERROR",
  fatal: "CRITICAL",
};

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ severity: SEVERITY[label] ?? "DEFAULT", level: label }) },
      base: undefined,
    },
    destination,
  );
}

export type { Logger };
