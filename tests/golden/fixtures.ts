/**
 * Loads Robyn's golden reference files (see fixtures/README.md for their provenance and format).
 *
 * `MMM_GOLDEN_DIR` points the suites at another folder holding files of the same names (for example the
 * hidden model set), so every golden test runs on whatever models the files contain.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const GOLDEN_DIR = process.env.MMM_GOLDEN_DIR ?? join(import.meta.dirname, "fixtures");

/** Robyn writes R's Inf/-Inf as strings and NA/NaN as null; turn the strings back into numbers. */
function reviveInfinity(_key: string, value: unknown): unknown {
  if (value === "Inf") return Number.POSITIVE_INFINITY;
  if (value === "-Inf") return Number.NEGATIVE_INFINITY;
  return value;
}

const cache = new Map<string, unknown>();

export function loadGolden<T = unknown>(file: string): T {
  if (!cache.has(file)) {
    cache.set(file, JSON.parse(readFileSync(join(GOLDEN_DIR, file), "utf8"), reviveInfinity));
  }
  return cache.get(file) as T;
}

export function goldenPath(file: string): string {
  return join(GOLDEN_DIR, file);
}
