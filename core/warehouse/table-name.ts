/**
 * Table identifiers typed by a person: `TABLE`, `SCHEMA.TABLE` or `DB.SCHEMA.TABLE`.
 *
 * Identifiers cannot be bound as SQL parameters, so they are validated here, resolved against the
 * warehouse's catalog by the adapter, and written back only through `quoteIdentifier`. A part is either
 * plain (letters, digits, `_` and `$`, not starting with a digit or `$`; matched case-insensitively, as
 * both Snowflake and DuckDB do for unquoted names) or double-quoted (any characters, `""` for a quote;
 * matched exactly).
 */
import { invalidInput } from "../../common/errors.ts";

export interface TableNamePart {
  readonly name: string;
  /** Quoted parts are matched exactly; plain parts case-insensitively. */
  readonly quoted: boolean;
}

/** One to three parts, outermost first: `[db?, schema?, table]`. */
export type TableName = readonly TableNamePart[];

const PLAIN_PART = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const MAX_PART_LENGTH = 255;

/**
 * Splits and validates a table name. Throws `invalid_input` (`data.table`) with an example of the
 * accepted form when the text is not a table name (for example when it holds spaces, `;` or a query).
 */
export function parseTableName(text: string): TableName {
  const input = text.trim();
  const parts: TableNamePart[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw invalidInput(
      "data.table",
      `"${abbreviate(input)}" is not a table name (${why}). Write it as TABLE, SCHEMA.TABLE or ` +
        `DB.SCHEMA.TABLE using letters, digits and _; put any other name in double quotes, e.g. ` +
        `DEMO."Weekly Sales". To run a query, use data.sql instead.`,
      { value: input },
    );
  };
  if (input === "") fail("it is empty");
  while (i <= input.length) {
    let name = "";
    let quoted = false;
    if (input[i] === '"') {
      quoted = true;
      i += 1;
      for (;;) {
        if (i >= input.length) fail("a double quote is not closed");
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        name += input[i];
        i += 1;
      }
      if (name === "") fail('it has an empty quoted name ""');
    } else {
      const end = input.indexOf(".", i);
      name = input.slice(i, end === -1 ? input.length : end);
      i = end === -1 ? input.length : end;
      if (name === "") fail("a part between dots is empty");
      if (!PLAIN_PART.test(name)) fail(`"${abbreviate(name)}" has characters that need double quotes`);
    }
    if (name.length > MAX_PART_LENGTH) fail(`a part is longer than ${MAX_PART_LENGTH} characters`);
    parts.push({ name, quoted });
    if (i === input.length) break;
    if (input[i] !== ".") fail(`unexpected "${input[i]}" after "${abbreviate(name)}"`);
    i += 1;
    if (i === input.length) fail("it ends with a dot");
  }
  if (parts.length > 3) fail("it has more than three parts");
  return parts;
}

/** Whether a part matches a catalog name: exactly when quoted, case-insensitively when plain. */
export function partMatches(part: TableNamePart, catalogName: string): boolean {
  return part.quoted ? part.name === catalogName : part.name.toLowerCase() === catalogName.toLowerCase();
}

/** A double-quoted identifier, safe to place in SQL whatever it contains. */
export function quoteIdentifier(name: string): string {
  if (name.includes("\u0000")) throw invalidInput("data.table", "A name cannot contain a NUL character.");
  return `"${name.replaceAll('"', '""')}"`;
}

/** A qualified name for display and for `listTables`: plain parts stay plain, others are quoted. */
export function formatTableName(parts: readonly string[]): string {
  return parts.map((p) => (PLAIN_PART.test(p) ? p : quoteIdentifier(p))).join(".");
}

function abbreviate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
