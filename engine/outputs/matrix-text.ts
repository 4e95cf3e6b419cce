/**
 * The CSV text (header excluded) of the two per-model matrices, `pareto_media_transform_matrix.csv` and
 * `pareto_alldecomp_matrix.csv`, for a slice of the Pareto models. On long daily data with many channels
 * these are hundreds of megabytes of shortest round-trip decimals, the largest cost after the search, so
 * `matrix-text-pool.ts` spreads slices over worker threads; a slice's text is the same wherever it is made.
 */
import type { SearchSetup } from "../search/candidate-evaluator.ts";
import { allDecompMatrix, mediaTransformMatrix, type MatrixModel } from "./output-tables.ts";
import { recordsAt } from "./pareto-records.ts";

export interface MatrixSlice {
  /** The models' unit vectors, one after another, `dimension` numbers each. */
  units: Float64Array<ArrayBuffer>;
  dimension: number;
  models: MatrixModel[];
}

/** UTF-8 bytes, each line ending in a line break. */
export interface MatrixText {
  mediaTransform: Uint8Array<ArrayBuffer>;
  allDecomp: Uint8Array<ArrayBuffer>;
}

export function matrixText(setup: SearchSetup, slice: MatrixSlice): MatrixText {
  const matrices = [mediaTransformMatrix(setup), allDecompMatrix(setup)];
  const lines: string[][] = [[], []];
  const { units, dimension, models } = slice;
  for (const [model, record] of recordsAt(setup, units, models, (_, i) => i * dimension))
    for (const [m, matrix] of matrices.entries())
      for (const line of matrix.lines(model, record)) lines[m]!.push(line);
  const encoder = new TextEncoder();
  const bytes = (text: string[]) => encoder.encode(text.length === 0 ? "" : `${text.join("\n")}\n`);
  return { mediaTransform: bytes(lines[0]!), allDecomp: bytes(lines[1]!) };
}
