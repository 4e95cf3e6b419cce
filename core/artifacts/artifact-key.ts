/**
 * The one check of artifact keys and prefixes that every ArtifactStore adapter runs first, so that each
 * refuses the same keys in the same words (see the rules in `port.ts`).
 */
import { invalidInput, type MmmError } from "../../common/errors.ts";

/** Cloud Storage's limit for an object name, in UTF-8 bytes. */
export const MAX_ARTIFACT_KEY_BYTES = 1024;

const EXAMPLE = "Keys are relative paths such as runs/<runId>/output/model_summary.json.";

/** Throws an `invalid_input` error (field `key`) unless `key` is a safe artifact key. */
export function assertArtifactKey(key: string): void {
  const problem = typeof key === "string" ? keyProblem(key, false) : "must be a string";
  if (problem !== undefined) throw refused("key", key, problem);
}

/**
 * Throws an `invalid_input` error (field `prefix`) unless `prefix` is a safe key prefix: the same rules
 * as a key, except that it may end with `/` and its last segment may be cut short. `""` is allowed only
 * when `allowEmpty` is set (listing everything, never deleting everything).
 */
export function assertArtifactPrefix(prefix: string, options: { allowEmpty: boolean }): void {
  if (typeof prefix !== "string") throw refused("prefix", prefix, "must be a string");
  if (prefix === "") {
    if (options.allowEmpty) return;
    throw refused("prefix", prefix, "must not be empty here: name the folder to delete, e.g. runs/<runId>/");
  }
  const problem = keyProblem(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix, true);
  if (problem !== undefined) throw refused("prefix", prefix, problem);
}

/** Whether `key` passes `assertArtifactKey`, for code that must answer rather than throw. */
export function isArtifactKey(key: string): boolean {
  return typeof key === "string" && keyProblem(key, false) === undefined;
}

function keyProblem(key: string, isPrefix: boolean): string | undefined {
  if (key === "") return "must not be empty";
  if (Buffer.byteLength(key, "utf8") > MAX_ARTIFACT_KEY_BYTES) {
    return `is longer than ${MAX_ARTIFACT_KEY_BYTES} bytes`;
  }
  if (key.includes("\\")) return "must use / between folders, not backslashes";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(key)) return "must not contain control characters";
  if (key.startsWith("/") || /^[A-Za-z]:/.test(key)) return "must be relative, not an absolute path";
  const segments = key.split("/");
  if (segments.includes("..")) return "must not contain .. segments";
  if (segments.includes("")) {
    return isPrefix
      ? "must not contain empty segments (//)"
      : "must not contain empty segments (// or a trailing /)";
  }
  if (segments.some((s) => s.startsWith("."))) return "must not have a segment that starts with a dot";
  return undefined;
}

function refused(field: "key" | "prefix", value: unknown, problem: string): MmmError {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  return invalidInput(field, `Artifact ${field} ${shown} is not allowed: it ${problem}. ${EXAMPLE}`, {
    [field]: value,
  });
}
