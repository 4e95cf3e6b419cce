/**
 * The results of a finished run, read from its artifact files (the same files for both engines) with the
 * one CSV reader (`common/csv-columns.ts`) and the one cell rule (`common/csv-cell.ts`), for the Slack
 * app, the viewer's pages, the API, the CLI and the allocator. Each file is read once per `RunOutputs`
 * object and kept (a read that fails is tried again next time); the big matrices are read per model and
 * only in the columns asked for.
 *
 * Two kinds of readers: `model` and `modelVariables` are for callers that need that model (allocator,
 * response queries, picking the best model) and throw an `MmmError` naming the missing file or model;
 * the others return what there is (nothing while the run has no such file), for pages that show it.
 */
import { csvValue } from "../../common/csv-cell.ts";
import { readCsvColumns, type CsvColumns, type ReadCsvOptions } from "../../common/csv-columns.ts";
import { MmmError } from "../../common/errors.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { derivedRecommendation } from "./derived-recommendation.ts";

export type { ModelSummary };

/** One row of an output table: numbers as numbers (missing → NaN, TRUE/FALSE → 1/0), text as text. */
export type OutputRecord = Readonly<Record<string, number | string>>;

/** One Pareto model (`pareto_hyperparameters.csv`): every column, numbers as numbers. */
export type ParetoModel = OutputRecord & { readonly solID: string };

/** Every candidate's objectives (`all_models.csv`), as columns. */
export interface CandidateCloud {
  readonly count: number;
  readonly solID: readonly string[];
  readonly nrmse: Float64Array;
  readonly rssd: Float64Array;
  /** Robyn's `robynPareto`: the candidate's front, 0 when it has none (filtered out). */
  readonly front: Int32Array;
  /** Robyn's `iterations` (the order in which candidates were evaluated within a trial). */
  readonly iteration: Float64Array;
  readonly trial: Int32Array;
}

const CANDIDATE_COLUMNS = ["solID", "trial", "iterations", "nrmse", "decomp.rssd", "robynPareto"];

export class RunOutputs {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly artifacts: ArtifactStore,
    readonly run: Run,
  ) {}

  /**
   * `output/model_summary.json`, or `undefined` while the run has none; when the trainer wrote no
   * `recommended` (the Robyn R trainer, older runs), it is derived here from the Pareto files with the
   * same rule.
   */
  summary(): Promise<ModelSummary | undefined> {
    return this.once("summary", async () => {
      const text = await this.text(OUTPUT_FILES.modelSummary);
      if (text === undefined) return undefined;
      const summary = JSON.parse(text) as ModelSummary;
      if (summary.recommended !== undefined || !summary.has_pareto_models) return summary;
      return {
        ...summary,
        recommended: derivedRecommendation(await this.paretoModels(), await this.aggregated(), this.run.spec),
      };
    });
  }

  /** Every candidate's objectives, for the Pareto scatter and the convergence chart. */
  candidates(): Promise<CandidateCloud | undefined> {
    return this.once("candidates", async () => {
      const csv = await this.csv(OUTPUT_FILES.allModels, { columns: CANDIDATE_COLUMNS });
      if (!csv || !csv.has("nrmse") || !csv.has("decomp.rssd")) return undefined;
      const front = csv.has("robynPareto") ? csv.numbers("robynPareto") : new Float64Array(csv.length);
      return {
        count: csv.length,
        solID: csv.has("solID") ? csv.text("solID") : [],
        nrmse: csv.numbers("nrmse"),
        rssd: csv.numbers("decomp.rssd"),
        front: Int32Array.from(front, (f) => (Number.isFinite(f) ? f : 0)),
        iteration: csv.has("iterations") ? csv.numbers("iterations") : new Float64Array(csv.length),
        trial: Int32Array.from(csv.has("trial") ? csv.numbers("trial") : new Float64Array(csv.length)),
      };
    });
  }

  /** One row per Pareto model: hyperparameters, inflexion/inflation per medium, metrics, front, cluster. */
  paretoModels(): Promise<ParetoModel[]> {
    return this.once("pareto", async () => {
      const csv = await this.table(OUTPUT_FILES.paretoHyperparameters);
      return csv ? records(csv).filter((r): r is ParetoModel => typeof r.solID === "string") : [];
    });
  }

  async paretoModel(solID: string): Promise<ParetoModel | undefined> {
    return (await this.paretoModels()).find((m) => m.solID === solID);
  }

  /** The model's row in `pareto_hyperparameters.csv`; a `not_found` error names the run and the model. */
  async model(solID: string): Promise<ParetoModel> {
    await this.require(OUTPUT_FILES.paretoHyperparameters);
    const model = await this.paretoModel(solID);
    if (!model) {
      throw new MmmError("not_found", `Run ${this.run.id} has no Pareto model ${solID}.`, {
        context: { field: "solID", solID },
      });
    }
    return model;
  }

  /** `pareto_aggregated.csv`: one row per Pareto model and variable (Robyn's `xDecompAgg`). */
  aggregated(): Promise<OutputRecord[]> {
    return this.once("aggregated", async () => {
      const csv = await this.table(OUTPUT_FILES.paretoAggregated);
      return csv ? records(csv) : [];
    });
  }

  async variables(solID: string): Promise<OutputRecord[]> {
    return (await this.aggregated()).filter((row) => row.solID === solID);
  }

  /** The model's rows of `pareto_aggregated.csv`, after `model(solID)`'s checks and the file's. */
  async modelVariables(solID: string): Promise<OutputRecord[]> {
    await this.model(solID);
    await this.require(OUTPUT_FILES.paretoAggregated);
    return this.variables(solID);
  }

  /** The model's rows of `pareto_alldecomp_matrix.csv` (every regressor's contribution per period). */
  decomposition(solID: string): Promise<CsvColumns | undefined> {
    return this.csv(OUTPUT_FILES.paretoAllDecomp, { where: { column: "solID", equals: solID } });
  }

  /** The model's rows of `pareto_media_transform_matrix.csv` (adstocked input and response per medium). */
  mediaTransforms(solID: string): Promise<CsvColumns | undefined> {
    return this.csv(OUTPUT_FILES.paretoMediaTransform, {
      where: { column: "solID", equals: solID },
    });
  }

  /** The snapshot the trainer read (`input.csv`). */
  input(): Promise<CsvColumns | undefined> {
    return this.once("input", () => this.csv(RUN_FILES.input));
  }

  /** The run's files under its prefix, relative to it (never cached: allocations may be added). */
  async files(): Promise<string[]> {
    const keys = await this.artifacts.list(this.run.artifactPrefix);
    return keys.map((key) => key.slice(this.run.artifactPrefix.length));
  }

  /** A value computed from this run's results, computed once per `RunOutputs` (kept with the run). */
  derived<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.once(`derived:${key}`, compute);
  }

  private async csv(path: string, options?: ReadCsvOptions): Promise<CsvColumns | undefined> {
    const text = await this.text(path);
    return text === undefined ? undefined : readCsvColumns(text, options);
  }

  private text(path: string): Promise<string | undefined> {
    return this.artifacts.getText(`${this.run.artifactPrefix}${path}`);
  }

  /** A whole small table (the Pareto models, the aggregated decomposition), read once. */
  private table(path: string): Promise<CsvColumns | undefined> {
    return this.once(`table:${path}`, () => this.csv(path));
  }

  /** Throws when the run has no `path`: `not_found` for a succeeded run, `conflict` for any other. */
  private async require(path: string): Promise<void> {
    if (await this.table(path)) return;
    const succeeded = this.run.status === "succeeded";
    throw new MmmError(
      succeeded ? "not_found" : "conflict",
      succeeded
        ? `Run ${this.run.id} has no ${path}.`
        : `Run ${this.run.id} is ${this.run.status}; its results exist once it has succeeded.`,
      { context: { field: "runId", path } },
    );
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) {
      const loading = load();
      this.memo.set(key, loading);
      loading.catch(() => this.memo.delete(key));
    }
    return this.memo.get(key) as Promise<T>;
  }
}

/** The record's number in `key` (NaN when it is missing or text). */
export function numberOf(record: OutputRecord, key: string): number {
  const value = record[key];
  return typeof value === "number" ? value : Number.NaN;
}

/** A whole output file's rows as records, for a file read without a `RunOutputs` (a run folder's). */
export function outputRecords(text: string): OutputRecord[] {
  return records(readCsvColumns(text));
}

/** Rows as records, each cell by `csvValue`. */
function records(csv: CsvColumns): Record<string, number | string>[] {
  const columns = csv.header.map((name) => ({ name, cells: csv.text(name) }));
  return Array.from({ length: csv.length }, (_, i) => {
    const record: Record<string, number | string> = {};
    for (const column of columns) record[column.name] = csvValue(column.cells[i]!);
    return record;
  });
}
