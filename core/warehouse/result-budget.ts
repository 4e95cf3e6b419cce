/**
 * Counting a result's rows and bytes while it is read, so that an adapter stops as soon as a limit is
 * passed instead of holding an oversized result in memory first.
 *
 * Bytes are an estimate of the in-memory size that every adapter counts the same way (`cellBytes`):
 * 8 per number, the UTF-8 length of each string, 0 for a missing cell.
 */
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, type QueryOptions, type TableOrSql } from "./port.ts";
import { tooManyBytes, tooManyRows } from "./warehouse-errors.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Cell } from "../../common/table.ts";

const encoder = new TextEncoder();

export function cellBytes(cell: Cell): number {
  if (cell === null) return 0;
  if (typeof cell === "number") return 8;
  // Fast path: ASCII strings are one byte per character.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(cell) ? cell.length : encoder.encode(cell).length;
}

export interface ResolvedLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
}

/** The limits of a query with defaults filled in; rejects limits that are not positive whole numbers. */
export function resolveLimits(options: Pick<QueryOptions, "maxRows" | "maxBytes"> = {}): ResolvedLimits {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const [name, value] of [
    ["maxRows", maxRows],
    ["maxBytes", maxBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw invalidInput(name, `${name} must be a whole number of at least 1 (got ${value}).`);
    }
  }
  return { maxRows, maxBytes };
}

/** The errors of a budget, worded for what is read (a warehouse table or query, a data file). */
export interface LimitErrors {
  tooManyRows(maxRows: number): Error;
  tooManyBytes(maxBytes: number, cause?: unknown): Error;
}

export function sourceLimitErrors(source: TableOrSql): LimitErrors {
  return {
    tooManyRows: (maxRows) => tooManyRows(source, maxRows),
    tooManyBytes: (maxBytes, cause) => tooManyBytes(source, maxBytes, cause),
  };
}

export class ResultBudget {
  rows = 0;
  bytes = 0;
  private readonly errors: LimitErrors;

  constructor(
    errors: TableOrSql | LimitErrors,
    private readonly limits: ResolvedLimits,
  ) {
    this.errors = "tooManyRows" in errors ? errors : sourceLimitErrors(errors);
  }

  /** Counts `rows` more rows holding `bytes` bytes; throws the limit error once a limit is passed. */
  add(rows: number, bytes: number): void {
    this.rows += rows;
    this.bytes += bytes;
    if (this.rows > this.limits.maxRows) throw this.errors.tooManyRows(this.limits.maxRows);
    if (this.bytes > this.limits.maxBytes) throw this.bytesExceeded();
  }

  /** The error for a result over the byte limit (also when the warehouse itself found one cell too large). */
  bytesExceeded(cause?: unknown): Error {
    return this.errors.tooManyBytes(this.limits.maxBytes, cause);
  }
}
