/**
 * Keys of saved mappings, shared by every RunStore adapter: a table is found whatever the case or
 * surrounding spaces of its name; a country-specific mapping is keyed by its upper-case code, a
 * table-wide one by `""`.
 */
import { invalidInput } from "../../common/errors.ts";
import { countryCode } from "./country-code.ts";
import type { StoredMapping } from "./port.ts";
import { isoTime } from "./run-record.ts";

export interface MappingKey {
  /** The table name trimmed and lower-cased. */
  readonly table: string;
  /** Upper-case code, or `""` for the table-wide mapping. */
  readonly country: string;
}

export function mappingKey(table: string, country?: string): MappingKey {
  const name = typeof table === "string" ? table.trim() : "";
  if (name === "") throw invalidInput("table", "Name the table the mapping is for.");
  return { table: name.toLowerCase(), country: country === undefined ? "" : countryCode(country) };
}

/** The mapping as it is stored (table trimmed, country upper-case, no stray fields) and its key. */
export function normalizeMapping(mapping: StoredMapping): { mapping: StoredMapping; key: MappingKey } {
  const key = mappingKey(mapping.table, mapping.country);
  isoTime(mapping.at, "at");
  if (typeof mapping.mapping !== "object" || mapping.mapping === null || Array.isArray(mapping.mapping)) {
    throw invalidInput("mapping", "A saved mapping must be an object of column roles.");
  }
  return {
    mapping: {
      table: mapping.table.trim(),
      ...(key.country !== "" ? { country: key.country } : {}),
      mapping: mapping.mapping,
      by: mapping.by,
      at: mapping.at,
    },
    key,
  };
}
