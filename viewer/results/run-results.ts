/**
 * A run's results as the viewer's pages use them, read from its artifact files once and kept: the
 * summary (through `RunOutputs`), the candidate cloud for the Pareto scatter, the Pareto models, and per
 * model the rows of the big matrices (read selectively, `csv-columns.ts`).
 *
 * A succeeded run's outputs never change, so `RunResultsCache` keeps the objects of the last few runs
 * viewed (least recently used first out); a run page for 10,000 candidates is then rendered from memory.
 * Runs that are still going are read afresh each time.
 */
import type { ArtifactStore } from "../../core/artifacts/port.ts";
import { isMmmError } from "../../common/errors.ts";
import { RunOutputs } from "../../core/results/run-outputs.ts";
import type { Run } from "../../core/run.ts";
import { readCsvColumns, type CsvColumns } from "./csv-columns.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";

export type ModelSummary = Awaited<ReturnType<RunOutputs["summary"]>>;

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

/** One Pareto model (`pareto_hyperparameters.csv`): every column, numbers as numbers. */
export type ParetoModel = Readonly<Record<string, number | string>> & { readonly solID: string };

const CANDIDATE_COLUMNS = ["solID", "trial", "iterations", "nrmse", "decomp.rssd", "robynPareto"];

export class RunResults {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly outputs: RunOutputs;

  constructor(
    private readonly artifacts: ArtifactStore,
    readonly run: Run,
  ) {
    this.outputs = new RunOutputs(artifacts, run);
  }

  /** `model_summary.json`, or `undefined` while the run has none. */
  summary(): Promise<ModelSummary | undefined> {
    return this.once("summary", () =>
      this.outputs.summary().catch((error: unknown) => {
        if (isMmmError(error)) return undefined;
        throw error;
      }),
    );
  }

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

  paretoModels(): Promise<ParetoModel[]> {
    return this.once("pareto", async () => {
      const csv = await this.csv(OUTPUT_FILES.paretoHyperparameters);
      return csv ? records(csv).filter((r): r is ParetoModel => typeof r.solID === "string") : [];
    });
  }

  async paretoModel(solID: string): Promise<ParetoModel | undefined> {
    return (await this.paretoModels()).find((m) => m.solID === solID);
  }

  /** `pareto_aggregated.csv`: one row per Pareto model and variable. */
  aggregated(): Promise<Readonly<Record<string, number | string>>[]> {
    return this.once("aggregated", async () => {
      const csv = await this.csv(OUTPUT_FILES.paretoAggregated);
      return csv ? records(csv) : [];
    });
  }

  async variables(solID: string): Promise<Readonly<Record<string, number | string>>[]> {
    return (await this.aggregated()).filter((row) => row.solID === solID);
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

  /** A value computed from this run's results, computed once per `RunResults` (kept with the run, below). */
  derived<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.once(`derived:${key}`, compute);
  }

  private async csv(
    path: string,
    options?: Parameters<typeof readCsvColumns>[1],
  ): Promise<CsvColumns | undefined> {
    const text = await this.artifacts.getText(`${this.run.artifactPrefix}${path}`);
    return text === undefined ? undefined : readCsvColumns(text, options);
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

/** Rows as records: numbers where the cell is a number (or NA → NaN, Inf), text otherwise. */
function records(csv: CsvColumns): Record<string, number | string>[] {
  const columns = csv.header.map((name) => ({ name, text: csv.text(name), numbers: csv.numbers(name) }));
  return Array.from({ length: csv.length }, (_, i) => {
    const record: Record<string, number | string> = {};
    for (const column of columns) {
      const text = column.text[i]!;
      const number = column.numbers[i]!;
      record[column.name] = Number.isNaN(number) && text !== "" && text !== "NA" ? text : number;
    }
    return record;
  });
}

export class RunResultsCache {
  private readonly entries = new Map<string, RunResults>();

  constructor(
    private readonly artifacts: ArtifactStore,
    private readonly capacity = 8,
  ) {}

  /** The results of `run`: kept for a succeeded run, fresh for any other. */
  of(run: Run): RunResults {
    if (run.status !== "succeeded") return new RunResults(this.artifacts, run);
    const cached = this.entries.get(run.id);
    if (cached) {
      this.entries.delete(run.id);
      this.entries.set(run.id, cached);
      return cached;
    }
    const fresh = new RunResults(this.artifacts, run);
    this.entries.set(run.id, fresh);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return fresh;
  }
}
