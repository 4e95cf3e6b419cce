/**
 * How a command's failure reaches the person at the terminal: a mistake of theirs (bad input, a wrong flag, a
 * missing file, a busy port) as one line saying what to do, exit code 2; a failure of something outside
 * (a warehouse, a cloud API) as its message, exit code 1; only a fault of the program itself with its stack.
 */
import { closestNames } from "../common/closest-names.ts";
import { isMmmError } from "../common/errors.ts";
import type { CommandIo } from "./command-io.ts";

/** Node's errors about files and sockets: the person can act on their message. */
const SYSTEM_ERRORS = new Set(["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EEXIST", "EADDRINUSE"]);

export function reportFailure(error: unknown, usage: string, io: CommandIo): number {
  if (isMmmError(error)) {
    io.stderr(`error: ${error.message}`);
    if (error.code === "internal" && error.stack) io.stderr(error.stack);
    return error.code === "invalid_input" || error.code === "not_found" ? 2 : 1;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof TypeError && code?.startsWith("ERR_PARSE_ARGS")) {
    io.stderr(`error: ${optionMessage(error.message, code, usage)}\nUsage: ${usage}`);
    return 2;
  }
  if (error instanceof Error && code && SYSTEM_ERRORS.has(code)) {
    io.stderr(`error: ${error.message}`);
    return 2;
  }
  io.stderr(`error: ${(error as Error).stack ?? String(error)}`);
  return 1;
}

/** Node's parseArgs message, with the option meant when an unknown one is close to a real one. */
function optionMessage(message: string, code: string, usage: string): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION" || !unknown) return message;
  const flags = [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])];
  const similar = closestNames(unknown, flags);
  return `Unknown option ${unknown}.${similar.length > 0 ? ` Did you mean ${similar.join(" or ")}?` : ""}`;
}
