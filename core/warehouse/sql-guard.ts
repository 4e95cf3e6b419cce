/**
 * Checks that SQL typed by a person is one read-only query before any warehouse sees it.
 *
 * A lexical check, not a parser: it skips string literals, quoted identifiers and comments, then requires
 * exactly one statement that starts with SELECT or WITH and contains none of the words that change data
 * or reach outside the database. It is deliberately strict (a column literally named `update` must be
 * written in double quotes) because the adapters run the text it lets through. Adapters check again with
 * the warehouse's own parser where it offers one, and connect with a read-only role.
 *
 * Strings are scanned twice, with and without backslash escapes (`'it\'s'` is one string in Snowflake
 * but ends early in DuckDB): the SQL must pass both readings, so no text can hide a second statement
 * from one warehouse inside what the other reads as a string.
 */
import { invalidInput } from "../../common/errors.ts";

const FIELD = "data.sql";

/**
 * Words that change data, change settings or run other code. Also `INTO` (SELECT … INTO creates a table
 * in some warehouses) and Snowflake's `SYSTEM$` functions, some of which have side effects.
 */
const FORBIDDEN_WORDS = new Set([
  "insert",
  "update",
  "delete",
  "merge",
  "upsert",
  "create",
  "drop",
  "alter",
  "truncate",
  "rename",
  "grant",
  "revoke",
  "copy",
  "attach",
  "detach",
  "pragma",
  "install",
  "load",
  "call",
  "execute",
  "exec",
  "export",
  "import",
  "vacuum",
  "checkpoint",
  "undrop",
  "put",
  "into",
  "commit",
  "rollback",
  "begin",
  "transaction",
]);

interface Scan {
  /** The statements' text with literals and comments blanked, trimmed, empty ones dropped. */
  readonly statements: string[];
  /** Index just after the last character of the last statement (before trailing `;`, spaces, comments). */
  readonly end: number;
  readonly unterminated?: string;
}

/**
 * Returns the query without surrounding whitespace and trailing semicolons, or throws `invalid_input`
 * (`data.sql`) saying what is wrong: empty, several statements, not a SELECT, or a forbidden word.
 */
export function assertReadOnlySql(sql: string): string {
  const text = sql.trim();
  if (text === "") throw invalidInput(FIELD, "data.sql is empty: write one SELECT query.");
  let end = text.length;
  for (const backslashEscapes of [false, true]) {
    const scan = scanSql(text, backslashEscapes);
    end = Math.min(end, scan.end);
    if (scan.unterminated) {
      throw invalidInput(FIELD, `data.sql has an unclosed ${scan.unterminated}: close it and try again.`);
    }
    if (scan.statements.length === 0) {
      throw invalidInput(FIELD, "data.sql holds only comments: write one SELECT query.");
    }
    if (scan.statements.length > 1) {
      throw invalidInput(
        FIELD,
        `data.sql holds ${scan.statements.length} statements separated by ";": send one SELECT query ` +
          `(a WITH … SELECT is one query).`,
        { statements: scan.statements.length },
      );
    }
    const body = scan.statements[0]!;
    const first = /^[\s(]*([A-Za-z_]+)/.exec(body)?.[1]?.toLowerCase();
    if (first !== "select" && first !== "with") {
      throw invalidInput(
        FIELD,
        `data.sql must be a read-only query that starts with SELECT or WITH; it starts with ` +
          `${first ? first.toUpperCase() : `"${body.slice(0, 10)}"`}. Queries cannot change data or settings.`,
      );
    }
    for (const word of body.match(/[A-Za-z_][A-Za-z0-9_$]*/g) ?? []) {
      const lower = word.toLowerCase();
      if (FORBIDDEN_WORDS.has(lower) || lower.startsWith("system$")) {
        throw invalidInput(
          FIELD,
          `data.sql contains ${word.toUpperCase()}, which is not allowed in a read-only query. If it is ` +
            `a column or table name, write it in double quotes ("${word}").`,
          { word },
        );
      }
    }
  }
  return text.slice(0, end);
}

/** Matches the country placeholder, quoted or not: `{country}` and `'{country}'`. */
const COUNTRY_PLACEHOLDER = /'\{country\}'|\{country\}/gi;

export function hasCountryPlaceholder(sql: string): boolean {
  return new RegExp(COUNTRY_PLACEHOLDER.source, "i").test(sql);
}

/** Replaces every country placeholder by the adapter's parameter marker (e.g. `$country` or `?`). */
export function bindCountryPlaceholder(sql: string, parameter: string): string {
  return sql.replace(COUNTRY_PLACEHOLDER, parameter);
}

function scanSql(sql: string, backslashEscapes: boolean): Scan {
  const statements: string[] = [];
  let current = "";
  let i = 0;
  let end = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const lineEnd = sql.indexOf("\n", i);
      i = lineEnd === -1 ? n : lineEnd;
      current += " ";
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      if (close === -1) return { statements, end, unterminated: "comment (/* without */)" };
      i = close + 2;
      current += " ";
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= n) {
          return { statements, end, unterminated: c === "'" ? "text in quotes (')" : 'name in quotes (")' };
        }
        if (backslashEscapes && c === "'" && sql[j] === "\\") {
          j += 2;
          continue;
        }
        if (sql[j] === c) {
          if (sql[j + 1] === c) {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      i = j + 1;
      end = i;
      current += c === "'" ? " '' " : ' "" ';
    } else if (c === "$" && next === "$") {
      const close = sql.indexOf("$$", i + 2);
      if (close === -1) return { statements, end, unterminated: "text in $$ quotes" };
      i = close + 2;
      end = i;
      current += " '' ";
    } else if (c === ";") {
      if (current.trim() !== "") statements.push(current.trim());
      current = "";
      i += 1;
    } else {
      current += c;
      i += 1;
      if (c.trim() !== "") end = i;
    }
  }
  if (current.trim() !== "") statements.push(current.trim());
  return { statements, end };
}
