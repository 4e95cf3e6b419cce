/**
 * Column auto-mapping: suggests a role for every column of a loaded table, and the RunSpec fields
 * (Robyn's names) those roles make up, so that a marketer only confirms or corrects them.
 *
 * On Robyn's demo data the suggestion equals Robyn's demo mapping (see `auto-map.test.ts`).
 */
import type { Table } from "../../common/table.ts";
import { assembleMapping } from "./assemble-mapping.ts";
import { classifyColumn } from "./classify-column.ts";
import { profileColumn } from "./column-profile.ts";
import type { MappingSuggestion } from "./mapping-suggestion.ts";

export interface SuggestMappingOptions {
  /** The country column, when already known (`data.country_column`). */
  readonly countryColumn?: string;
  /** The goal column, when the user already chose it. */
  readonly depVar?: string;
}

export function suggestMapping(table: Table, options: SuggestMappingOptions = {}): MappingSuggestion {
  return assembleMapping(
    table.columns.map((column) => classifyColumn(column, profileColumn(table.data[column] ?? []), options)),
  );
}
