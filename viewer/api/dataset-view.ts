/** A dataset as the API shows it: the stored record, its reference and, for one dataset, a preview. */
import type { Table } from "../../common/table.ts";
import { formatDatasetRef, type Dataset } from "../../core/datasets/dataset.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";

export function datasetView(dataset: Dataset): Dataset & { ref: string } {
  return { ...dataset, ref: formatDatasetRef(dataset) };
}

/** The first rows (as rows of cells) and the auto-mapping of the columns, with its reasons. */
export function datasetPreview(preview: Table, rows: number) {
  const count = preview.data[preview.columns[0]!]?.length ?? 0;
  return {
    columns: preview.columns,
    rows: Array.from({ length: Math.min(rows, count) }, (_, r) =>
      preview.columns.map((c) => preview.data[c]![r] ?? null),
    ),
    mapping: suggestMapping(preview),
  };
}
