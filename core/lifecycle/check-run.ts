/**
 * Before anything is launched: one country's spec and data go through the same preparation and checks the
 * trainer will run (whose warnings, such as Robyn's 10-rows-per-variable guideline, the run keeps), plus
 * the platform's own rules: the robyn engine needs R with Robyn where the trainer runs, and settings Robyn
 * cannot honour are refused here rather than failing inside R. Nothing is written.
 */
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { prepareForTraining } from "../../engine/data/prepare-for-training.ts";
import { prepareTraining } from "../../engine/pipeline/prepare-training.ts";
import type { Table } from "../../common/table.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Actor } from "../run.ts";
import type { RunSpec } from "../run-spec.ts";
import type { Warehouse } from "../warehouse/port.ts";
import { loadRunData, type LoadLimits } from "./load-run-data.ts";
import type { Datasets } from "../datasets/datasets.ts";
import type { Preparations } from "../preparations/preparations.ts";

export interface CheckedRun {
  spec: RunSpec;
  /** The snapshot the trainer will read (`input.csv`). */
  table: Table;
  dataSummary: {
    source: string;
    rows: number;
    columns: number;
    windowStart: string;
    windowEnd: string;
    windowRows: number;
    regressors: number;
    interval: string;
    notes: string[];
  };
  warnings: string[];
}

export interface CheckRunContext {
  warehouse: Warehouse;
  actor: Actor;
  /** Load limits (a data file is read under DuckDB's bounds too). */
  limits: LoadLimits;
  /** Uploaded datasets, for a spec that reads one. */
  datasets?: Pick<Datasets, "rowsFor">;
  /** Saved preparations, for a spec that starts from one. */
  preparations?: Pick<Preparations, "runData">;
  /** Whether the launcher can run the robyn engine (R and Robyn present where trainers run). */
  robynAvailable: () => Promise<{ ok: boolean; reason?: string }>;
}

export async function checkRun(spec: RunSpec, context: CheckRunContext): Promise<CheckedRun> {
  if (spec.engine === "robyn") {
    refuseWhatRobynCannotDo(spec);
    const robyn = await context.robynAvailable();
    if (!robyn.ok)
      throw invalidInput(
        "engine",
        `The robyn engine is not available here: ${robyn.reason} Use engine "native", or run the app where the Robyn trainer is installed.`,
      );
  }
  const data = await loadRunData(
    context.warehouse,
    spec.data,
    spec.market,
    context.actor,
    context.limits,
    context.datasets,
    context.preparations,
  );
  // The trainer prepares the snapshot the same way (country, duplicate dates, resampling) before modelling.
  const prepared = prepareForTraining(data.table, spec);
  const { setup, warnings } = prepareTraining(prepared?.table ?? data.table, spec, nativeProphet);
  const { input } = setup;
  return {
    // A dataset named without a version is recorded with the version read, so the run says what it used.
    spec: data.data !== undefined ? { ...spec, data: data.data } : spec,
    // The snapshot is the prepared table, so both engines (and the allocator later) read the same rows.
    table: prepared?.table ?? data.table,
    dataSummary: {
      source: data.source,
      rows: input.dates.length,
      columns: data.table.columns.length,
      windowStart: input.window.startDate,
      windowEnd: input.window.endDate,
      windowRows: input.window.length,
      regressors: input.regressors.length,
      interval: input.interval.type,
      notes: [...data.notes, ...(prepared?.report.summary ?? [])],
    },
    warnings,
  };
}

/** Settings the robyn engine (Robyn 3.12.1 in R) cannot run, refused before anything is launched. */
function refuseWhatRobynCannotDo(spec: RunSpec): void {
  if (spec.prophet === "precomputed" && spec.factor_vars.length > 0) {
    // Robyn passes every column of its model frame to its lambda sequence, which needs numbers: a factor
    // next to precomputed Prophet columns stops Robyn with "'x' must be numeric".
    throw invalidInput(
      "factor_vars",
      `The robyn engine cannot combine factor variables (${spec.factor_vars.join(", ")}) with precomputed Prophet columns: ` +
        `Robyn 3.12.1 stops on them. Use engine "native", let Robyn compute Prophet (prophet "native"), or code the factors as numbers.`,
    );
  }
}
