/**
 * Warehouse tables, and saved preparations, as options of the table picker. An option's value holds at most
 * 75 characters, and qualified Snowflake names can be longer: those travel as a hash of the name and are
 * found again by listing the tables that contain the name's last part. A preparation's value is `prep:` and
 * its name (at most 64 characters); a table whose name starts with either prefix travels hashed.
 */
import { createHash } from "node:crypto";
import type { PlainTextOption } from "@slack/types";
import { LIMITS } from "../blocks/block-kit-limits.ts";
import { option } from "../blocks/text-objects.ts";
import type { Preparation } from "../../core/preparations/preparation.ts";
import type { TableInfo, Warehouse } from "../../core/warehouse/port.ts";

const HASHED = "h:";
const PREPARED = "prep:";

export function tableOptionValue(name: string): string {
  if (name.length <= LIMITS.optionValue && !name.startsWith(HASHED) && !name.startsWith(PREPARED))
    return name;
  const tail = name.split(".").at(-1)!.replace(/"/g, "").slice(0, 40);
  return `${HASHED}${createHash("sha256").update(name).digest("hex").slice(0, 16)}:${tail}`;
}

export function tableOption(table: TableInfo): PlainTextOption {
  const size = table.rows !== undefined ? `${table.rows.toLocaleString("en-US")} rows` : table.kind;
  return option(
    table.name,
    tableOptionValue(table.name),
    table.columns ? `${size}, ${table.columns} columns` : size,
  );
}

export function preparationOptionValue(name: string): string {
  return `${PREPARED}${name}`;
}

export function preparationOption(preparation: Preparation): PlainTextOption {
  return option(
    preparation.name,
    preparationOptionValue(preparation.name),
    `${preparation.market}, goal ${preparation.goal.column}, ${preparation.columns.length + preparation.derived.length} columns`,
  );
}

/** The saved preparation an option value stands for, when it stands for one. */
export function preparationFromOptionValue(value: string): string | undefined {
  return value.startsWith(PREPARED) ? value.slice(PREPARED.length) : undefined;
}

/** The table name an option value stands for. */
export async function tableFromOptionValue(value: string, warehouse: Warehouse): Promise<string | undefined> {
  if (!value.startsWith(HASHED)) return value;
  const [, hash, tail] = value.split(":");
  const candidates = await warehouse.listTables(tail);
  return candidates.find((t) => tableOptionValue(t.name) === `${HASHED}${hash}:${tail}`)?.name;
}
