/**
 * A fast, selective reader for the run's CSV outputs (R conventions: NA, Inf, TRUE/FALSE): only the
 * wanted columns, optionally only the rows of one model. The viewer needs it because the files are big
 * and pages are rendered from them: a run of 10,000 candidates has an 8 MB `all_models.csv` of which the
 * run page needs six columns, and a model page needs 157 of the 16,000 rows of the decomposition
 * matrix. `core/results/csv-records.ts` (csv-parse, every cell into an object) takes 1.5 s for the
 * former; this takes tens of milliseconds.
 *
 * Lines without a quote are cut at commas without splitting the cells nobody asked for; a line with a
 * quote (R's `write.csv` quotes text cells) goes through a quote-aware scanner that also handles quoted
 * commas, doubled quotes and line breaks. With `where`, the reader jumps from one occurrence of the value
 * to the next, which assumes the value never sits inside a multi-line quoted cell (true of solIDs).
 */

export interface CsvColumns {
  /** Rows read (after the filter). */
  readonly length: number;
  /** The header, in file order. */
  readonly header: readonly string[];
  has(name: string): boolean;
  /** The column as text (`""` for a missing cell). Throws for a column that was not asked for. */
  text(name: string): readonly string[];
  /** The column as numbers: NA and empty → NaN, Inf/-Inf → ±Infinity, TRUE/FALSE → 1/0. */
  numbers(name: string): Float64Array;
}

export interface ReadCsvOptions {
  /** Columns to keep (missing ones are simply absent: check with `has`). Default: every column. */
  readonly columns?: readonly string[];
  /** Keep only the rows whose `column` holds exactly `equals`. */
  readonly where?: { readonly column: string; readonly equals: string };
}

export function readCsvColumns(text: string, options: ReadCsvOptions = {}): CsvColumns {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = nextRow(text, start);
  const header = first.cells;
  const wanted = (options.columns ?? header).filter((name) => header.includes(name));
  const indices = wanted.map((name) => header.indexOf(name));
  const whereIndex = options.where ? header.indexOf(options.where.column) : -1;
  const equals = options.where?.equals;
  const store = wanted.map(() => [] as string[]);
  const last = Math.max(whereIndex, ...indices);
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
    let cells: string[];
    if (quote === -1 || quote >= lineEnd) {
      cells = cutCells(text, at, lineEnd, last);
      at = end + 1;
    } else {
      const row = nextRow(text, at);
      cells = row.cells;
      at = row.next;
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

/** A cell as a number in R's conventions (see `CsvColumns.numbers`). */
export function csvNumber(cell: string): number {
  if (cell === "" || cell === "NA") return Number.NaN;
  if (cell === "TRUE") return 1;
  if (cell === "FALSE") return 0;
  if (cell === "Inf") return Number.POSITIVE_INFINITY;
  if (cell === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(cell);
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

/** One row starting at `start`, quote-aware (quoted cells may hold commas, `""` and line breaks). */
function nextRow(text: string, start: number): { cells: string[]; next: number } {
  const cells: string[] = [];
  let cell = "";
  let at = start;
  let quoted = false;
  while (at < text.length) {
    const ch = text[at]!;
    if (quoted) {
      if (ch === '"' && text[at + 1] === '"') {
        cell += '"';
        at += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || (ch === "\r" && text[at + 1] === "\n")) {
      cells.push(cell);
      return { cells, next: at + (ch === "\r" ? 2 : 1) };
    } else {
      cell += ch;
    }
    at++;
  }
  cells.push(cell);
  return { cells, next: at };
}
