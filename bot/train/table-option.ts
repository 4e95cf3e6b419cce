/**
 * Warehouse tables as options of the table picker. An option's value holds at most 75 characters, and
 * qualified Snowflake names can be longer: those travel as a hash of the name and are found again by listing
 * the tables that contain the name's last part.
 */
import { createHash } from "node:crypto";
import type { PlainTextOption } from "@slack/types";
import { LIMITS } from "../blocks/block-kit-limits.ts";
import { option } from "../blocks/text-objects.ts";
import type { TableInfo, Warehouse } from "../../core/warehouse/port.ts";

const HASHED = "h:";

export function tableOptionValue(name: string): string {
  if (name.length <= LIMITS.optionValue && !name.startsWith(HASHED)) return name;
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

/** The table name an option value stands for. */
export async function tableFromOptionValue(value: string, warehouse: Warehouse): Promise<string | undefined> {
  if (!value.startsWith(HASHED)) return value;
  const [, hash, tail] = value.split(":");
  const candidates = await warehouse.listTables(tail);
  return candidates.find((t) => tableOptionValue(t.name) === `${HASHED}${hash}:${tail}`)?.name;
}
