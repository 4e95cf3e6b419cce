/**
 * What people are shown of a failed run (Slack's failure message, the viewer's run page, the API): the
 * reason and the end of the log, cleaned. Trainers report whatever their runtime printed, which for an
 * unexpected error is a stack trace full of this machine's absolute paths; that tells an outsider how
 * the server is laid out and tells a marketer nothing. Stack frames are dropped and absolute paths are
 * cut to their file name. The full log stays in the run's `log.txt`, which the viewer serves to admins.
 */

export interface FailureReport {
  reason: string;
  logTail?: string;
}

/** Lines kept of a log's end, after stack frames are dropped. */
const TAIL_LINES = 30;

/** A JavaScript stack frame (`    at fn (file:1:2)`), or R's `Calls: a -> b` line after an error. */
const STACK_FRAME = /^\s+at\s.*(:\d+(:\d+)?\)?|\((index \d+|native|<anonymous>)\))$|^Calls:\s/;

/**
 * An absolute path (POSIX, `file://` or Windows) that starts a word: after the start, a space, a quote,
 * a bracket, `=`, `:` or `,`. Dates such as `2026/01/01` do not match (no leading slash).
 */
const ABSOLUTE_PATH = /(?<=^|[\s'"`([{=:,])(?:file:\/\/)?(?:[A-Za-z]:\\|\/)(?:[^\s'"`()[\]{}<>,;:]+[/\\])+/g;

export function cleanFailure(report: FailureReport): FailureReport {
  const reason = withoutPaths(report.reason);
  if (report.logTail === undefined) return { reason };
  const lines = report.logTail
    .split("\n")
    .filter((line) => !STACK_FRAME.test(line))
    .slice(-TAIL_LINES)
    .map(withoutPaths);
  const logTail = lines.join("\n").trim();
  return logTail ? { reason, logTail } : { reason };
}

/** `/srv/app/engine/ridge.ts:12:3` → `ridge.ts:12:3`: the file name says enough. */
function withoutPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, "");
}
