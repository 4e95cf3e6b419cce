/**
 * The results of a finished run, read from its artifact files (the same files for both engines), for the
 * Slack app, the viewer, the API and the allocator. Each file is read once per `RunOutputs` object.
 */
import type { ArtifactStore } from "../artifacts/port.ts";
import { MmmError } from "../../common/errors.ts";
import type { Run } from "../run.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";
import { parseCsvRecords, type CsvRecord } from "./csv-records.ts";
import { derivedRecommendation } from "./derived-recommendation.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";

export class RunOutputs {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly artifacts: ArtifactStore,
    readonly run: Run,
  ) {}

  /**
   * `output/model_summary.json`; when the trainer wrote no `recommended` (the Robyn R trainer, older
   * runs), it is derived here from the Pareto files with the same rule.
   */
  summary(): Promise<ModelSummary> {
    return this.once("summary", async () => {
      const summary = JSON.parse(await this.text(OUTPUT_FILES.modelSummary)) as ModelSummary;
      if (summary.recommended !== undefined || !summary.has_pareto_models) return summary;
      return {
        ...summary,
        recommended: derivedRecommendation(await this.paretoModels(), await this.aggregated(), this.run.spec),
      };
    });
  }

  /** One row per Pareto model: hyperparameters, inflexion/inflation per medium, metrics, front, cluster. */
  paretoModels(): Promise<CsvRecord[]> {
    return this.csv(OUTPUT_FILES.paretoHyperparameters);
  }

  /** One row per Pareto model and variable: Robyn's `xDecompAgg` with ROI, effect and spend shares. */
  aggregated(): Promise<CsvRecord[]> {
    return this.csv(OUTPUT_FILES.paretoAggregated);
  }

  /** Every candidate's objectives, for the Pareto scatter. */
  allModels(): Promise<CsvRecord[]> {
    return this.csv(OUTPUT_FILES.allModels);
  }

  /** Per Pareto model and period: every regressor's contribution, actual and fitted values. */
  decomposition(): Promise<CsvRecord[]> {
    return this.csv(OUTPUT_FILES.paretoAllDecomp);
  }

  /** Per Pareto model and period: adstocked input and decomposed response of every medium. */
  mediaTransforms(): Promise<CsvRecord[]> {
    return this.csv(OUTPUT_FILES.paretoMediaTransform);
  }

  /** The model's row in `pareto_hyperparameters.csv`; a `not_found` error names the run and the model. */
  async model(solID: string): Promise<CsvRecord> {
    const row = (await this.paretoModels()).find((r) => r.solID === solID);
    if (!row) {
      throw new MmmError("not_found", `Run ${this.run.id} has no Pareto model ${solID}.`, {
        context: { field: "solID", solID },
      });
    }
    return row;
  }

  async modelVariables(solID: string): Promise<CsvRecord[]> {
    await this.model(solID);
    return (await this.aggregated()).filter((r) => r.solID === solID);
  }

  private csv(path: string): Promise<CsvRecord[]> {
    return this.once(path, async () => parseCsvRecords(await this.text(path)));
  }

  private async text(path: string): Promise<string> {
    const text = await this.artifacts.getText(`${this.run.artifactPrefix}${path}`);
    if (text === undefined) {
      throw new MmmError(
        this.run.status === "succeeded" ? "not_found" : "conflict",
        this.run.status === "succeeded"
          ? `Run ${this.run.id} has no ${path}.`
          : `Run ${this.run.id} is ${this.run.status}; its results exist once it has succeeded.`,
        { context: { field: "runId", path } },
      );
    }
    return text;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }
}
