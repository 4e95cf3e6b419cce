/**
 * A run's market and the country of its holidays, kept apart. The market is any value of the data's
 * market column (a country code, `Geo3`, `North East`) and is what runs, best-model picks and stability
 * are grouped by; the country is an ISO code and only picks the holiday calendar. Before markets existed
 * the two were one two-letter code, so a two-letter market stays upper-case (stored runs and picks keep
 * matching) and is the holiday country when none is given.
 */
import { invalidInput } from "../common/errors.ts";

/** Longest market value accepted; longer values are free text rather than a market. */
export const MAX_MARKET_LENGTH = 64;

const TWO_LETTERS = /^[A-Za-z]{2}$/;
// Letters, digits, spaces and the punctuation market names use; "/" would split a store key.
const MARKET_TEXT = /^[\p{L}\p{N}][\p{L}\p{N} _.,&'()+:-]*$/u;

/** The market as stored and compared: trimmed, a two-letter code upper-case, anything else as written. */
export function marketKey(value: string, field = "market"): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (TWO_LETTERS.test(text)) return text.toUpperCase();
  if (text === "")
    throw invalidInput(
      field,
      "The market is empty: give a value of the data's market column, e.g. DE or Geo3.",
    );
  if (text.length > MAX_MARKET_LENGTH) {
    throw invalidInput(
      field,
      `The market "${text.slice(0, 20)}…" is longer than ${MAX_MARKET_LENGTH} characters.`,
    );
  }
  if (!MARKET_TEXT.test(text)) {
    throw invalidInput(
      field,
      `The market "${text}" must start with a letter or digit and hold only letters, digits, spaces and - _ . , & ' ( ) + :.`,
    );
  }
  return text;
}

/** The holiday country a market implies: the market itself when it is a two-letter code. */
export function countryOfMarket(market: string): string | undefined {
  return TWO_LETTERS.test(market) ? market.toUpperCase() : undefined;
}

/** The market as a run id carries it: lower-case letters and digits, at most 12 (`Geo 3` → `geo3`). */
export function marketSlug(market: string): string {
  const slug = market
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 12);
  return slug === "" ? "m" : slug;
}
