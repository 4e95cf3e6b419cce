/** Small helpers for the sentences of the preparation report. */

/** Names for a message, cut after `max` ("a, b, c and 4 more"). */
export function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** "1 row", "1,234 rows". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}

/** A cell for a sentence: text quoted, numbers as they are. */
export function showValue(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}
