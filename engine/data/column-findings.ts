/**
 * Columns that cannot explain anything as they are: missing throughout, zero throughout, or one value
 * throughout (Robyn's zero-variance check; the replaced product dropped such columns silently and broke on
 * `TV_IS_ON`). They are named, not dropped: a column the run uses will stop the model's checks with its
 * own message, and an unused one does no harm.
 */
import type { Cell } from "../../common/table.ts";
import type { DatedTable } from "./dated-table.ts";
import type { ColumnFinding } from "./preparation-report.ts";

/** Robyn's naming (`tv_S` spend, `facebook_I` impressions, `search_clicks_P`) and common media words. */
const MEDIA_SUFFIX = /_[SIP]$/;
const MEDIA_WORD =
  /(^|[_\s-])(spends?|costs?|impressions?|imps|clicks?|grps?|trps?|views|reach|media)([_\s-]|$)/i;

export function isMediaLike(column: string, mediaColumns: ReadonlySet<string>): boolean {
  return mediaColumns.has(column) || MEDIA_SUFFIX.test(column) || MEDIA_WORD.test(column);
}

function isMissing(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell));
}

export function columnFindings(
  dated: DatedTable,
  options: {
    /** Columns not to examine (the country column, constant by design after the filter). */
    skip: ReadonlySet<string>;
    protectedColumns: ReadonlySet<string>;
    mediaColumns: ReadonlySet<string>;
  },
): ColumnFinding[] {
  const findings: ColumnFinding[] = [];
  for (const column of dated.columns) {
    if (options.skip.has(column)) continue;
    const cells = dated.cells[column]!;
    let value: Cell = null;
    let seen = false;
    let varies = false;
    for (const cell of cells) {
      if (isMissing(cell)) continue;
      if (!seen) {
        value = cell;
        seen = true;
      } else if (cell !== value) {
        varies = true;
        break;
      }
    }
    if (varies) continue;
    findings.push({
      column,
      finding: !seen ? "all_missing" : value === 0 ? "all_zero" : "constant",
      value: seen ? value : null,
      mediaLike: isMediaLike(column, options.mediaColumns),
      usedByModel: options.protectedColumns.has(column),
    });
  }
  return findings;
}
