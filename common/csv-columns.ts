/**
 * The one CSV reader (RFC 4180: comma-separated, double quotes, doubled quotes inside them, LF or CRLF
 * lines, a header row, blank lines skipped), read column by column: only the wanted columns, optionally
 * only the rows of one model. Cells come out as text; `common/csv-cell.ts` is the one rule for their
 * values (missing, numbers, infinities).
 *
 * Written by hand rather than with csv-parse because of the run's outputs, which are big and from which
 * pages are rendered: a run of 10,000 candidates has an 8 MB `all_models.csv` of which the run page needs
 * six columns, and a model page needs 157 of the 16,000 rows of the decomposition matrix. csv-parse with
 * every cell into an object takes 1.5 s for the former; this takes tens of milliseconds.
 *
 * Lines without a quote are cut at commas without splitting the cells nobody asked for; a line with a
 * quote (R's `write.csv` quotes text cells) goes through a quote-aware scanner that also handles quoted
 * commas, doubled quotes and line breaks, and refuses a quote that does not open or close a cell (as
 * csv-parse does). With `where`, the reader jumps from one occurrence of the value to the next, which
 * assumes the value never sits inside a multi-line quoted cell (true of solIDs).
 */
import { csvNumber } from "./csv-cell.ts";

export interface CsvColumns {
  /** Rows read (after the filter). */
  readonly length: number;
  /** The header, in file order (empty for a file without one). */
  readonly header: readonly string[];
  has(name: string): boolean;
  /** The column as text, quotes removed (`""` for a missing cell). Throws for a column not asked for. */
  text(name: string): readonly string[];
  /** The column as numbers (`csvNumber`: missing → NaN, Inf/-Inf → ±Infinity, TRUE/FALSE → 1/0). */
  numbers(name: string): Float64Array;
}

export interface ReadCsvOptions {
  /** Columns to keep (missing ones are simply absent: check with `has`). Default: every column. */
  readonly columns?: readonly string[];
  /** Keep only the rows whose `column` holds exactly `equals`. */
  readonly where?: { readonly column: string; readonly equals: string };
  /**
   * Refuse a row without exactly one cell per header column (a person's data file). Off for the run's
   * own outputs, which their writers make regular, so that the cells nobody asked for are not split.
   */
  readonly strict?: boolean;
}

/** Malformed CSV text; the message says where: "line 3: a quoted cell is never closed." */
export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
}

export function readCsvColumns(text: string, options: ReadCsvOptions = {}): CsvColumns {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  start = skipBlankLines(text, start);
  const first = start < text.length ? nextRow(text, start) : { cells: [], next: start };
  const header = first.cells;
  const wanted = (options.columns ?? header).filter((name) => header.includes(name));
  const indices = wanted.map((name) => header.indexOf(name));
  const whereIndex = options.where ? header.indexOf(options.where.column) : -1;
  const equals = options.where?.equals;
  const store = wanted.map(() => [] as string[]);
  const last = options.strict ? Number.POSITIVE_INFINITY : Math.max(whereIndex, ...indices);
  let at = first.next;
  let length = 0;
  let quote = text.indexOf('"', at);
  if (options.where && whereIndex < 0) at = text.length;

  while (at < text.length) {
    if (equals !== undefined) {
      // Jump to the line of the next occurrence of the value: the lines before it cannot match.
      const hit = text.indexOf(equals, at);
      if (hit === -1) break;
      at = Math.max(at, text.lastIndexOf("\n", hit) + 1);
    }
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd === at) {
      at = end + 1;
      continue;
    }
    // The next quote anywhere ahead, found once and reused until passed (searching per line would be
    // quadratic in a file without quotes).
    if (quote !== -1 && quote < at) quote = text.indexOf('"', at);
    const rowStart = at;
    let cells: string[];
    if (quote === -1 || quote >= lineEnd) {
      cells = cutCells(text, at, lineEnd, last);
      at = end + 1;
    } else {
      const row = nextRow(text, at);
      cells = row.cells;
      at = row.next;
    }
    if (options.strict && cells.length !== header.length) {
      throw syntaxError(
        text,
        rowStart,
        `${cells.length} cell${cells.length === 1 ? "" : "s"} where the header has ${header.length}; ` +
          "every row needs one cell per column",
      );
    }
    if (whereIndex >= 0 && cells[whereIndex] !== equals) continue;
    for (let k = 0; k < indices.length; k++) store[k]!.push(cells[indices[k]!] ?? "");
    length++;
  }

  const byName = new Map(wanted.map((name, k) => [name, store[k]!]));
  const column = (name: string) => {
    const values = byName.get(name);
    if (values === undefined) throw new Error(`Column ${name} was not read from this CSV.`);
    return values;
  };
  return {
    length,
    header,
    has: (name) => byName.has(name),
    text: column,
    numbers: (name) => Float64Array.from(column(name), csvNumber),
  };
}

function skipBlankLines(text: string, from: number): number {
  let at = from;
  while (text[at] === "\n" || (text[at] === "\r" && text[at + 1] === "\n")) at += text[at] === "\r" ? 2 : 1;
  return at;
}

/** Cells 0..last of an unquoted line (the rest is not split). */
function cutCells(text: string, from: number, to: number, last: number): string[] {
  const cells: string[] = [];
  let at = from;
  while (cells.length <= last) {
    let comma = text.indexOf(",", at);
    if (comma === -1 || comma > to) comma = to;
    cells.push(text.slice(at, comma));
    if (comma >= to) break;
    at = comma + 1;
  }
  return cells;
}

/**
 * One row starting at `start`, quote-aware: a cell that starts with a quote runs to the closing quote (it
 * may hold commas, `""` and line breaks); a quote anywhere else is an error, as is text after a closing quote.
 */
function nextRow(text: string, start: number): { cells: string[]; next: number } {
  const cells: string[] = [];
  let at = start;
  for (;;) {
    if (text[at] === '"') {
      let cell = "";
      let from = at + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) throw syntaxError(text, at, "a quoted cell is never closed");
        cell += text.slice(from, close);
        if (text[close + 1] !== '"') {
          at = close + 1;
          break;
        }
        cell += '"';
        from = close + 2;
      }
      cells.push(cell);
    } else {
      let end = at;
      while (end < text.length && text[end] !== "," && text[end] !== "\n" && !lineBreakAt(text, end)) {
        if (text[end] === '"') {
          throw syntaxError(
            text,
            end,
            'a quote inside an unquoted cell (quote the whole cell and double the quote: "a ""b""")',
          );
        }
        end++;
      }
      cells.push(text.slice(at, end));
      at = end;
    }
    if (at >= text.length) return { cells, next: at };
    if (text[at] === ",") at++;
    else if (text[at] === "\n") return { cells, next: at + 1 };
    else if (lineBreakAt(text, at)) return { cells, next: at + 2 };
    else throw syntaxError(text, at, "text after the closing quote of a cell");
  }
}

function lineBreakAt(text: string, at: number): boolean {
  return text[at] === "\r" && text[at + 1] === "\n";
}

function syntaxError(text: string, at: number, what: string): CsvSyntaxError {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line++;
  return new CsvSyntaxError(`line ${line}: ${what}.`);
}
