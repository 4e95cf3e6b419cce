/**
 * `mmm allocate`'s table for a person: one row per paid channel with the spend and response per period
 * before and after, and the channel's ROAS (revenue) or CPA (conversion). The full table with Robyn's
 * 45 columns is the CSV written beside the run's outputs.
 */
import type { AllocationResult } from "../engine/allocator/index.ts";
import { spendNameOf } from "../core/results/spend-name.ts";
import type { RunSpec } from "../core/run-spec.ts";

/** Channels are named by their spend columns (`spec`): the figures beside them are spend. */
export function allocationTable(
  result: AllocationResult,
  spec: Pick<RunSpec, "paid_media_spends" | "paid_media_vars">,
): string {
  const efficiency = result.depVarType === "revenue" ? "ROAS" : "CPA";
  const header = [
    "channel",
    "spend now",
    "optimised",
    "change",
    "response now",
    "optimised",
    `${efficiency} now`,
    "optimised",
  ];
  const rows = result.rows.map((row) => [
    spendNameOf(row.channels, spec),
    amount(row.initSpendUnit),
    amount(row.optmSpendUnit),
    row.excluded
      ? `left out (${row.excluded.replace("_", " ")})`
      : percentChange(row.initSpendUnit, row.optmSpendUnit),
    amount(row.initResponseUnit),
    amount(row.optmResponseUnit),
    ratio(result.depVarType === "revenue" ? row.initRoiUnit : row.initCpaUnit),
    ratio(result.depVarType === "revenue" ? row.optmRoiUnit : row.optmCpaUnit),
  ]);
  const t = result.totals;
  const total = [
    "total",
    amount(t.initSpendUnitTotal),
    amount(t.optmSpendUnitTotal),
    percentChange(t.initSpendUnitTotal, t.optmSpendUnitTotal),
    amount(t.initResponseUnitTotal),
    amount(t.optmResponseUnitTotal),
    "",
    "",
  ];
  const table = [header, ...rows, total];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => cells[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line), line(total)].join("\n");
}

/** Spend and response per period: whole numbers with separators, small ones with 3 significant digits. */
function amount(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return Math.abs(value) >= 100
    ? Math.round(value).toLocaleString("en-US")
    : value.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}

function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : "–";
}

function percentChange(before: number, after: number): string {
  if (!(before > 0)) return after > 0 ? "new" : "0%";
  const change = (100 * (after - before)) / before;
  return `${change > 0 ? "+" : ""}${change.toFixed(1)}%`;
}
