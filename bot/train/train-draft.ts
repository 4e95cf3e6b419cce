/**
 * What the train modal has gathered so far, carried from step to step in the views' `private_metadata`.
 *
 * Slack gives a submission only the state of the submitted view, so each step writes the draft into the next
 * view. `private_metadata` holds 3,000 characters: a draft that fits (the usual case: a table name, a few
 * countries, a few dozen columns) travels in the view itself and survives restarts and several app
 * instances; a larger one (a long SQL query, a very wide table) is kept in this process's `DraftStash` and
 * the view carries only its key, so that modal must be finished on the same instance within the stash's TTL.
 */
import { randomUUID } from "node:crypto";
import { LIMITS } from "../blocks/block-kit-limits.ts";
import type { Preparation } from "../../core/preparations/preparation.ts";
import type { CalibrationStudy, RunSpec } from "../../core/run-spec.ts";

/**
 * Where the data comes from: a warehouse table, a SQL query, an uploaded dataset (`NAME` or `NAME@VERSION`),
 * or a saved preparation (which sets the market and the variables).
 */
export type SourceChoice =
  { table: string } | { sql: string } | { dataset: string } | { preparation: string };

/** The RunSpec fields of the variables step (Robyn's names). */
export interface MappingChoice {
  date_var: string;
  dep_var: string;
  dep_var_type: "revenue" | "conversion";
  paid_media_spends: string[];
  paid_media_vars: string[];
  organic_vars: string[];
  context_vars: string[];
  factor_vars: string[];
  country_column?: string;
}

/** The settings of a run being re-run, to pre-fill the steps. */
export type BaseSettings = Partial<
  Pick<
    RunSpec,
    | "engine"
    | "adstock"
    | "iterations"
    | "trials"
    | "window_start"
    | "window_end"
    | "ts_validation"
    | "prophet_vars"
    | "hyperparameter_preset"
    | "hyperparameters"
    | "seed"
    | "min_candidates"
    | "paid_media_signs"
    | "organic_signs"
    | "context_signs"
  >
> & { calibration_input?: CalibrationStudy[]; tag?: string; mapping?: MappingChoice };

export interface TrainDraft {
  /** Unique per modal; pushed views' external ids derive from it. */
  id: string;
  /** The conversation the run messages go to. */
  channel?: string;
  source?: SourceChoice;
  countries: string[];
  /** Columns of the loaded data, in table order: the variables step's options are indices into it. */
  columns?: string[];
  mapping?: MappingChoice;
  saveMapping?: boolean;
  base?: BaseSettings;
  /** Lift studies remembered per country when the settings step opened (`/mmm lift`). */
  liftStudyCounts?: Record<string, number>;
}

export function newDraft(init: Partial<Omit<TrainDraft, "id">> = {}): TrainDraft {
  return { id: randomUUID().replace(/-/g, "").slice(0, 16), countries: [], ...init };
}

/** Drafts too large for `private_metadata`, kept in memory for `ttlMs` (at most `maxEntries`). */
export class DraftStash {
  private readonly entries = new Map<string, { text: string; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 2 * 3600 * 1000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  put(text: string): string {
    const key = randomUUID();
    this.entries.set(key, { text, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return key;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.text;
  }
}

export function encodeDraft(draft: TrainDraft, stash: DraftStash): string {
  const text = JSON.stringify(draft);
  if (text.length <= LIMITS.privateMetadata) return text;
  return JSON.stringify({ stash: stash.put(text) });
}

/** The draft a view carries; a fresh one when the metadata is empty, unreadable or expired from the stash. */
export function decodeDraft(metadata: string | undefined, stash: DraftStash): TrainDraft | undefined {
  if (!metadata) return undefined;
  try {
    const parsed = JSON.parse(metadata) as TrainDraft | { stash: string };
    if ("stash" in parsed) {
      const text = stash.get(parsed.stash);
      return text === undefined ? undefined : (JSON.parse(text) as TrainDraft);
    }
    return typeof parsed.id === "string" && Array.isArray(parsed.countries) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The pre-fill of a re-run: the run's data, countries, variables and settings. */
export function draftFromSpec(spec: RunSpec, tag: string | undefined, channel?: string): TrainDraft {
  const data = spec.data;
  const source: SourceChoice | undefined =
    data && "table" in data
      ? { table: data.table }
      : data && "sql" in data
        ? { sql: data.sql }
        : data && "dataset" in data
          ? { dataset: data.dataset }
          : data && "preparation" in data
            ? { preparation: data.preparation }
            : undefined;
  return newDraft({
    ...(channel ? { channel } : {}),
    ...(source ? { source } : {}),
    countries: [spec.market],
    base: {
      engine: spec.engine,
      adstock: spec.adstock,
      iterations: spec.iterations,
      trials: spec.trials,
      ...(spec.window_start ? { window_start: spec.window_start } : {}),
      ...(spec.window_end ? { window_end: spec.window_end } : {}),
      ts_validation: spec.ts_validation,
      prophet_vars: spec.prophet_vars,
      hyperparameter_preset: spec.hyperparameter_preset,
      hyperparameters: spec.hyperparameters,
      seed: spec.seed,
      min_candidates: spec.min_candidates,
      ...(spec.paid_media_signs ? { paid_media_signs: spec.paid_media_signs } : {}),
      ...(spec.organic_signs ? { organic_signs: spec.organic_signs } : {}),
      ...(spec.context_signs ? { context_signs: spec.context_signs } : {}),
      calibration_input: spec.calibration_input,
      ...(tag ? { tag } : {}),
      mapping: {
        date_var: spec.date_var,
        dep_var: spec.dep_var,
        dep_var_type: spec.dep_var_type,
        paid_media_spends: [...spec.paid_media_spends],
        paid_media_vars: [...(spec.paid_media_vars ?? spec.paid_media_spends)],
        organic_vars: [...spec.organic_vars],
        context_vars: [...spec.context_vars],
        factor_vars: [...spec.factor_vars],
        ...(data?.country_column ? { country_column: data.country_column } : {}),
      },
    },
  });
}

/** The variables a saved preparation sets, as the modal carries them (the settings step comes next). */
export function mappingOfPreparation(preparation: Preparation): MappingChoice {
  return {
    date_var: preparation.date_column,
    dep_var: preparation.goal.column,
    dep_var_type: preparation.goal.type,
    paid_media_spends: preparation.paid_media.map((p) => p.spend),
    paid_media_vars: preparation.paid_media.map((p) => p.response),
    organic_vars: [...preparation.organic_vars],
    context_vars: [...preparation.context_vars],
    factor_vars: [...preparation.factor_vars],
  };
}
