/**
 * Snowflake's own checks on SQL typed by a person, after the shared `assertReadOnlySql`, and the binding of
 * the `{country}` placeholder to Snowflake's positional `?` parameters.
 *
 * Snowflake reads files through stages (`SELECT $1 FROM @stage/file.csv`, `@~` is the user's own stage)
 * and can return other queries' results (`RESULT_SCAN`). All app users share one Snowflake user, so a
 * stage or an earlier result could hold another team's data: both are refused here, before the read-only
 * role (the last line of defence) is even asked.
 */
import { invalidInput } from "../../../common/errors.ts";
import { bindCountryPlaceholder, hasCountryPlaceholder } from "../sql-guard.ts";

/** Functions that read stage files or earlier results, or build links to stage files. */
const FILE_FUNCTIONS = new Set([
  "result_scan",
  "infer_schema",
  "get_presigned_url",
  "build_scoped_file_url",
  "build_stage_file_url",
  "get_stage_location",
  "get_relative_path",
  "get_absolute_path",
  "to_file",
  "validate",
]);

/**
 * Throws `invalid_input` (`data.sql`) when SQL that already passed `assertReadOnlySql` refers to a stage
 * or calls a function that reads files or earlier results.
 */
export function assertNoStageAccess(sql: string): void {
  const code = blankLiterals(sql);
  if (code.includes("@")) {
    throw invalidInput(
      "data.sql",
      "data.sql reads from a Snowflake stage (@…), which is not allowed: query the warehouse's tables only.",
    );
  }
  for (const word of code.match(/[A-Za-z_][A-Za-z0-9_$]*/g) ?? []) {
    if (FILE_FUNCTIONS.has(word.toLowerCase())) {
      throw invalidInput(
        "data.sql",
        `data.sql calls ${word.toUpperCase()}, which reads files or earlier results and is not allowed: ` +
          `query the warehouse's tables only.`,
        { word },
      );
    }
  }
}

export interface BoundSql {
  readonly sql: string;
  /** How many `?` the `{country}` placeholders became, in text order. */
  readonly placeholders: number;
}

/** Replaces each `{country}` placeholder by `?` and counts them (each needs its own bind value). */
export function bindCountryMarkers(sql: string): BoundSql {
  if (!hasCountryPlaceholder(sql)) return { sql, placeholders: 0 };
  if (sql.includes("\u0000")) throw invalidInput("data.sql", "data.sql contains a NUL character.");
  const parts = bindCountryPlaceholder(sql, "\u0000").split("\u0000");
  return { sql: parts.join("?"), placeholders: parts.length - 1 };
}

/** The SQL with string literals, quoted names, `$$` strings and comments blanked out. */
function blankLiterals(sql: string): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "$" && next === "$") {
      const end = sql.indexOf("$$", i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (c === "'" && sql[j] === "\\") j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j += 1;
      }
      i = j + 1;
    } else {
      out += c;
      i += 1;
      continue;
    }
    out += " ";
  }
  return out;
}
