/** Checks of command-line option values shared by the commands: each error names the option and shows the usage. */
import { invalidInput } from "../common/errors.ts";

/**
 * Options the command cannot do without, checked in the order given: for the first one missing, an error
 * naming it, what it takes (when said) and the usage. Afterwards the options are known to be there.
 */
export function requireOptions<Values extends Record<string, unknown>, Name extends keyof Values & string>(
  values: Values,
  usage: string,
  required: Record<Name, string>,
): asserts values is Values & { [K in Name]-?: NonNullable<Values[K]> } {
  for (const [field, what] of Object.entries(required) as [Name, string][]) {
    if (!values[field])
      throw invalidInput(field, `--${field} is required${what ? ` (${what})` : ""}. Usage: ${usage}`);
  }
}

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
