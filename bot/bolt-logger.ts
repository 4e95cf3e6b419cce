/**
 * Bolt and the Slack Web API client log through the app's pino logger (structured JSON, Cloud Logging
 * severities), under `component: "slack"`, instead of their own console logger.
 */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../core/logger.ts";

const BOLT_LEVEL: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  const line = (parts: unknown[]) =>
    parts
      .map((p) =>
        p instanceof Error ? (p.stack ?? p.message) : typeof p === "string" ? p : JSON.stringify(p),
      )
      .join(" ");
  return {
    debug: (...parts: unknown[]) => child.debug(line(parts)),
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    // The level is the app's LOG_LEVEL; Bolt asking for another one changes nothing.
    setLevel: () => undefined,
    getLevel: () => BOLT_LEVEL[child.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
