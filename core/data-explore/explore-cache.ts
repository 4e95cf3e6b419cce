/**
 * What Explore keeps between requests, so that changing the grain, timeframe or metric of a view does not
 * read and map the data again:
 * - a dataset version's markets and one market's rows, by `NAME@VERSION` (a version never changes), the
 *   least recently used first out, within a budget of cells (rows × columns) so that a few large
 *   datasets cannot fill the app's memory;
 * - the columns found in a loaded table, per goal, for as long as the table object lives: the cached
 *   warehouse hands out the same table until its entry expires, so a table read afresh is mapped afresh.
 * Failures are not kept; callers asking for an entry being loaded share the load.
 */
import { rowCount, type Table } from "../../common/table.ts";
import type { ExploreColumns } from "./explore-columns.ts";

/** About 50 MB of numbers: three years of daily data with 120 columns takes 130,000 cells. */
export const MAX_KEPT_CELLS = 4_000_000;

interface Kept {
  readonly value: Promise<unknown>;
  cells: number;
}

export class ExploreCache {
  readonly #entries = new Map<string, Kept>();
  readonly #columns = new WeakMap<Table, Map<string, ExploreColumns>>();
  #cells = 0;

  constructor(private readonly maxCells = MAX_KEPT_CELLS) {}

  /** The value kept under `key`, else `load()`'s, kept when it succeeds; `cellsOf` says what it costs. */
  keep<T>(key: string, load: () => Promise<T>, cellsOf: (value: T) => number = () => 1): Promise<T> {
    const found = this.#entries.get(key);
    if (found) {
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return found.value as Promise<T>;
    }
    const entry: Kept = { value: load(), cells: 0 };
    this.#entries.set(key, entry);
    (entry.value as Promise<T>).then(
      (value) => {
        if (this.#entries.get(key) !== entry) return;
        entry.cells = cellsOf(value);
        this.#cells += entry.cells;
        this.#trim();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.value as Promise<T>;
  }

  /** The columns of `table` for `goal` (empty: the mapping's), found once per table object. */
  columns(table: Table, goal: string, find: () => ExploreColumns): ExploreColumns {
    let byGoal = this.#columns.get(table);
    if (!byGoal) this.#columns.set(table, (byGoal = new Map()));
    let found = byGoal.get(goal);
    if (!found) byGoal.set(goal, (found = find()));
    return found;
  }

  /** Cells held, for tests. */
  get cells(): number {
    return this.#cells;
  }

  #trim(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#cells <= this.maxCells) return;
      this.#entries.delete(key);
      this.#cells -= entry.cells;
    }
  }
}

/** What a loaded table costs in the cache. */
export function cellsOf(table: Table): number {
  return rowCount(table) * table.columns.length;
}
