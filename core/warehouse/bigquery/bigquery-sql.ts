/**
 * BigQuery's own checks on SQL typed by a person, after the shared `assertReadOnlySql`; the binding of the
 * `{country}` placeholder to the named parameter `@country`; and identifiers in backticks.
 *
 * BigQuery reads SQL differently from the shared check: `` `…` `` quotes a name (not `"…"`, which is a
 * string), strings take backslash escapes and triple quotes, and `#` starts a comment. Text that the shared
 * check reads as one string could be code to BigQuery, so the SQL is scanned again the way BigQuery reads
 * it: it must still be one statement. The dry run then asks BigQuery's parser, which must call it a
 * `SELECT` (`bigquery.ts`).
 *
 * Refused besides, because all app users share one service account:
 * - `@` (query parameters and `@@` system variables): values go in as literals, the country as `{country}`;
 * - `EXTERNAL_QUERY` and `EXTERNAL_OBJECT_TRANSFORM`, which read Cloud SQL, Spanner or Cloud Storage
 *   through a connection rather than the warehouse's tables;
 * - `INFORMATION_SCHEMA`, whose JOBS views hold other people's query text;
 * - datasets whose name starts with `_`: BigQuery keeps cached query results in such hidden datasets, and
 *   one person could read another team's results there.
 */
import { invalidInput } from "../../../common/errors.ts";
import { bindCountryPlaceholder, hasCountryPlaceholder } from "../sql-guard.ts";

/** The named parameter `{country}` becomes. */
export const COUNTRY_PARAMETER = "country";

const FIELD = "data.sql";

const REFUSED_FUNCTIONS = new Set(["external_query", "external_object_transform"]);

/** A name in backticks, safe to place in BigQuery SQL whatever it contains. */
export function quoteBigQueryIdentifier(name: string): string {
  if (name === "" || name.includes("\u0000") || /[\n\r]/.test(name)) {
    throw invalidInput("data.table", "A BigQuery name cannot be empty or contain a NUL or a line break.");
  }
  return `\`${name.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;
}

/**
 * Throws `invalid_input` (`data.sql`) when SQL that already passed `assertReadOnlySql` is more than one
 * statement as BigQuery reads it, or uses what the file comment lists as refused.
 */
export function assertBigQueryReadOnly(sql: string): void {
  const { code, names } = scanBigQuery(sql);
  if (/;\s*\S/.test(code)) {
    throw invalidInput(
      FIELD,
      'data.sql holds more than one statement as BigQuery reads it (names in `backticks`, "strings" and ' +
        "# comments): send one SELECT query.",
    );
  }
  if (code.includes("@")) {
    throw invalidInput(
      FIELD,
      "data.sql uses @ (a query parameter or a system variable), which is not allowed: write {country} " +
        "for the chosen country and other values as literals.",
    );
  }
  for (const word of code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    if (REFUSED_FUNCTIONS.has(word.toLowerCase())) {
      throw invalidInput(
        FIELD,
        `data.sql calls ${word.toUpperCase()}, which reads data outside the warehouse's tables and is not ` +
          "allowed: query the warehouse's tables only.",
        { word },
      );
    }
  }
  const parts = [...(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []), ...names.flatMap((n) => n.split("."))];
  if (parts.some((part) => part.toLowerCase() === "information_schema")) {
    throw invalidInput(
      FIELD,
      "data.sql reads INFORMATION_SCHEMA, which is not allowed (it holds other people's queries): " +
        "query the warehouse's tables only; the table list shows what there is.",
    );
  }
  const hidden = hiddenDataset(code, names);
  if (hidden !== undefined) {
    throw invalidInput(
      FIELD,
      `data.sql reads from ${hidden}, a hidden dataset (its name starts with _, where BigQuery keeps ` +
        "cached query results), which is not allowed: query the warehouse's tables only.",
      { dataset: hidden },
    );
  }
}

export interface BoundSql {
  readonly sql: string;
  /** How many `{country}` placeholders became `@country` (all share the one parameter). */
  readonly placeholders: number;
}

/** Replaces each `{country}` placeholder by `@country` (call after `assertBigQueryReadOnly`). */
export function bindCountryParameter(sql: string): BoundSql {
  if (!hasCountryPlaceholder(sql)) return { sql, placeholders: 0 };
  const placeholders = bindCountryPlaceholder(sql, "\u0000").split("\u0000").length - 1;
  return { sql: bindCountryPlaceholder(sql, `@${COUNTRY_PARAMETER}`), placeholders };
}

/** A path part used as a dataset (followed by a dot) whose name starts with `_`. */
function hiddenDataset(code: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const parts = name.split(".");
    const found = parts.slice(0, -1).find((part) => part.startsWith("_"));
    if (found !== undefined) return found;
  }
  return /(?<![A-Za-z0-9_$])(_[A-Za-z0-9_]*)\s*\.\s*[A-Za-z_`]/.exec(code)?.[1];
}

interface Scanned {
  /** The SQL with strings and comments blanked and each name in backticks replaced by `q`. */
  readonly code: string;
  /** The names that were in backticks, unescaped. */
  readonly names: string[];
}

/** Reads SQL as BigQuery's lexer does, as far as statements, names, strings and comments go. */
function scanBigQuery(sql: string): Scanned {
  let code = "";
  const names: string[] = [];
  let i = 0;
  const n = sql.length;
  const unclosed = (what: string): never => {
    throw invalidInput(FIELD, `data.sql has an unclosed ${what}: close it and try again.`);
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if ((c === "-" && next === "-") || c === "#") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? n : end;
      code += " ";
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1) unclosed("comment (/* without */)");
      i = end + 2;
      code += " ";
    } else if (c === "`") {
      let name = "";
      let j = i + 1;
      for (;;) {
        if (j >= n) unclosed("name in backticks (`)");
        if (sql[j] === "\\") {
          name += sql[j + 1] ?? "";
          j += 2;
        } else if (sql[j] === "`") break;
        else name += sql[j++];
      }
      names.push(name);
      i = j + 1;
      code += " q ";
    } else if (c === "'" || c === '"') {
      const raw = /(^|[^A-Za-z0-9_])[bB]?[rR][bB]?$/.test(code);
      const triple = sql.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      for (;;) {
        if (j >= n) unclosed(`text in quotes (${close})`);
        if (!raw && sql[j] === "\\") j += 2;
        else if (sql.startsWith(close, j)) break;
        else j += 1;
      }
      i = j + close.length;
      code += " '' ";
    } else {
      code += c;
      i += 1;
    }
  }
  return { code: code.replace(/[;\s]+$/, ""), names };
}
