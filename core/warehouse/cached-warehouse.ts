/**
 * A cache in front of any `Warehouse`, so that the steps of a Slack modal (pick a table, a country,
 * map columns, train) and re-runs do not read the warehouse twice.
 *
 * Keyed by the call and everything that changes its answer: the source (table name, or SQL text
 * trimmed but otherwise exact: changing case or spacing could change a string literal), the country
 * (upper-cased, as adapters compare it), the country column, the columns and the limits (defaults
 * filled in, so an omitted limit and the default share an entry). Entries expire after `ttlMs`;
 * failures are never cached. Identical calls made while one is in flight share it.
 *
 * Unlike the replaced product's 24-hour shared cache, which served stale data until someone found a
 * hidden page to clear it, a caller can force a fresh read with `QueryOptions.refresh` or `clear()`.
 * Cached tables are shared between callers: treat them as read-only (the `Table` type says so).
 */
import type { Table } from "../../common/table.ts";
import { resolveLimits } from "./result-budget.ts";
import type { ColumnInfo, QueryOptions, QueryResult, TableInfo, TableOrSql, Warehouse } from "./port.ts";

export interface CachedWarehouseOptions {
  /** How long an entry is served, in milliseconds. Default 15 minutes. */
  readonly ttlMs?: number;
  /** Most entries kept; the least recently used go first. Default 200. */
  readonly maxEntries?: number;
  /** Most bytes of query results kept (`QueryResult.bytes`). Default 256 MB. */
  readonly maxBytes?: number;
  /** Milliseconds since the epoch; injected by tests. Default `Date.now`. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: unknown;
  readonly expiresAt: number;
  readonly bytes: number;
}

export interface CacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
}

export class CachedWarehouse implements Warehouse {
  readonly kind: string;
  readonly #inner: Warehouse;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  /** Map order is recency order: a hit moves its entry to the end. */
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<unknown>>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(inner: Warehouse, options: CachedWarehouseOptions = {}) {
    this.kind = inner.kind;
    this.#inner = inner;
    this.#ttlMs = options.ttlMs ?? 15 * 60 * 1000;
    this.#maxEntries = options.maxEntries ?? 200;
    this.#maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  listTables(search?: string): Promise<TableInfo[]> {
    return this.#cached(["listTables", search?.trim() ?? ""], () => this.#inner.listTables(search));
  }

  describe(table: string): Promise<ColumnInfo[]> {
    return this.#cached(["describe", table.trim()], () => this.#inner.describe(table));
  }

  preview(table: string, limit?: number): Promise<Table> {
    return this.#cached(["preview", table.trim(), limit ?? null], () => this.#inner.preview(table, limit));
  }

  countries(source: TableOrSql, countryColumn?: string): Promise<string[]> {
    return this.#cached(["countries", sourceKey(source), countryColumn?.trim() ?? null], () =>
      this.#inner.countries(source, countryColumn),
    );
  }

  async query(source: TableOrSql, options: QueryOptions = {}): Promise<QueryResult> {
    const limits = resolveLimits(options);
    const key = keyOf([
      "query",
      sourceKey(source),
      options.country?.trim().toUpperCase() ?? null,
      options.countryColumn?.trim() ?? null,
      options.columns?.map((c) => c.trim()) ?? null,
      limits.maxRows,
      limits.maxBytes,
    ]);
    if (options.refresh) this.#delete(key);
    const { value, fromCache } = await this.#get(
      key,
      () => this.#inner.query(source, options),
      (r) => r.bytes,
    );
    return fromCache ? { ...value, cached: true } : value;
  }

  /** Forgets every entry (calls in flight still complete, and their results are stored). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  stats(): CacheStats {
    return { entries: this.#entries.size, bytes: this.#bytes, hits: this.#hits, misses: this.#misses };
  }

  async close(): Promise<void> {
    this.clear();
    await this.#inner.close();
  }

  async #cached<T>(parts: readonly unknown[], load: () => Promise<T>): Promise<T> {
    return (await this.#get(keyOf(parts), load, () => 0)).value;
  }

  async #get<T>(
    key: string,
    load: () => Promise<T>,
    sizeOf: (value: T) => number,
  ): Promise<{ value: T; fromCache: boolean }> {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      if (entry.expiresAt > this.#now()) {
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        this.#hits += 1;
        return { value: entry.value as T, fromCache: true };
      }
      this.#delete(key);
    }
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) {
      this.#hits += 1;
      return { value: (await pending) as T, fromCache: true };
    }
    this.#misses += 1;
    const promise = load();
    this.#inFlight.set(key, promise);
    try {
      const value = await promise;
      this.#store(key, value, sizeOf(value));
      return { value, fromCache: false };
    } finally {
      this.#inFlight.delete(key);
    }
  }

  #store(key: string, value: unknown, bytes: number): void {
    if (bytes > this.#maxBytes) return;
    this.#delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#delete(oldest);
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }
}

function sourceKey(source: TableOrSql): unknown {
  return "table" in source ? { table: source.table.trim() } : { sql: source.sql.trim() };
}

function keyOf(parts: readonly unknown[]): string {
  return JSON.stringify(parts);
}
