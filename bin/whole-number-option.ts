import { invalidInput } from "../common/errors.ts";

/** A command-line option that counts something (`--iterations`, `--workers`): undefined when not given. */
export function wholeNumberOption(
  text: string | undefined,
  field: string,
  usage: string,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw invalidInput(
      field,
      `--${field} must be a whole number of at least 1, not "${text}". Usage: ${usage}`,
    );
  return value;
}
