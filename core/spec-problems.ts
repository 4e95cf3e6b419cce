/**
 * Zod's issues on a RunSpec rewritten for the person who typed it: an unknown key is named with the
 * closest known one ("organic_var" → did you mean "organic_vars"?), since a misspelled optional key would
 * otherwise change the model without a word; a missing required key says it is required and what it
 * holds, instead of "expected array, received undefined".
 */
import type { z } from "zod";
import { closestNames } from "../common/closest-names.ts";

export interface SpecProblem {
  /** Dotted path of the field, e.g. `allocator.total_budget` or `calibration_input[0].channel`. */
  field: string;
  /** Reads after the field name: "is not a spec field: did you mean …". */
  message: string;
}

/** Where the schema's objects are: their known keys and each key's description, by issue path. */
export interface SpecShape {
  keysAt(path: readonly PropertyKey[]): readonly string[];
  descriptionOf(path: readonly PropertyKey[]): string | undefined;
}

/** Joins a zod issue path into the dotted field name used in error messages and API responses. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** One problem per field, unknown keys first: a misspelled key is usually why a required one is missing. */
export function specProblems(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  shape: SpecShape,
): SpecProblem[] {
  const unknown: SpecProblem[] = [];
  const others: SpecProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = shape.keysAt(issue.path);
      for (const key of issue.keys) {
        unknown.push({ field: fieldPath([...issue.path, key]), message: unknownKeyMessage(key, known) });
      }
    } else if (issue.code === "invalid_type" && isMissing(input, issue.path)) {
      const description = shape.descriptionOf(issue.path);
      others.push({
        field: fieldPath(issue.path),
        message: `is required${description ? `: ${lowerFirst(description.replace(/\.$/, ""))}` : ""}`,
      });
    } else {
      others.push({ field: fieldPath(issue.path), message: issue.message });
    }
  }
  return [...unknown, ...others];
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const similar = closestNames(key, known);
  const hint =
    similar.length > 0
      ? `did you mean ${similar.map((s) => `"${s}"`).join(" or ")}?`
      : "`mmm schema` lists the fields";
  return `is not a spec field: ${hint}`;
}

/** Whether the value at `path` is absent from the input (not present at all, as opposed to wrong). */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  let value: unknown = input;
  for (const key of path.slice(0, -1)) {
    if (typeof value !== "object" || value === null) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1];
  return (
    last !== undefined &&
    typeof value === "object" &&
    value !== null &&
    (value as Record<PropertyKey, unknown>)[last] === undefined
  );
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
