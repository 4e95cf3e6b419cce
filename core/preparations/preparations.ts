/**
 * Saved preparations, for every surface (API, viewer, Slack): saving one (the draft checked against the
 * rows of its source and market, read exactly as a run reads them), listing, showing and deleting, and
 * reading a run's data through one (`runData`, which `loadRunData` calls for `data: { preparation }`).
 *
 * A dataset named without a version is pinned to the version read when the preparation is saved, so every
 * run started from it trains on the same rows.
 */
import { MmmError, invalidInput, isMmmError } from "../../common/errors.ts";
import { applyPreparedColumns } from "../../engine/data/prepared-columns.ts";
import { profileTable } from "../data-profile/profile-table.ts";
import type { Datasets } from "../datasets/datasets.ts";
import { loadRunData, type LoadLimits, type RunData } from "../lifecycle/load-run-data.ts";
import type { Actor } from "../run.ts";
import type { DataSource } from "../run-spec.ts";
import type { RunStore } from "../run-store/port.ts";
import type { Warehouse } from "../warehouse/port.ts";
import { checkPreparation } from "./check-preparation.ts";
import type { PreparationDraft } from "./preparation-draft.ts";
import type { Preparation, PreparationSource } from "./preparation.ts";

export interface PreparationsDependencies {
  readonly runs: RunStore;
  readonly warehouse: Warehouse;
  readonly datasets: Pick<Datasets, "rowsFor">;
  readonly limits: LoadLimits;
  readonly now?: () => Date;
}

export class Preparations {
  constructor(private readonly deps: PreparationsDependencies) {}

  /** Checks the draft against its data and stores it. Nothing is stored when a check fails. */
  async create(draft: PreparationDraft, actor: Actor): Promise<Preparation> {
    if ((await this.deps.runs.getPreparation(draft.name)) !== undefined) {
      throw new MmmError("conflict", `A preparation named ${draft.name} exists: choose another name.`, {
        context: { field: "name" },
      });
    }
    const loaded = await this.#load(draft.source, draft.market, actor);
    const drops = draft.from_profile
      ? profileTable({
          table: loaded.table,
          goal: draft.goal.column,
          market: draft.market,
          source: loaded.source,
          ...(loaded.countryColumn ? { countryColumn: loaded.countryColumn } : {}),
        })
          .cleaning.filter((s) => s.action === "drop")
          .map((s) => s.column)
      : [];
    const checked = checkPreparation(
      draft,
      {
        table: loaded.table,
        label: loaded.source,
        ...(loaded.countryColumn ? { countryColumn: loaded.countryColumn } : {}),
      },
      // A goal or date the profile would never suggest; a column the person kept by name stays.
      drops.filter((c) => !(draft.columns ?? []).includes(c)),
    );
    const source: PreparationSource =
      loaded.data !== undefined && "dataset" in loaded.data ? { dataset: loaded.data.dataset } : draft.source;
    return this.deps.runs.savePreparation({
      name: draft.name,
      source,
      market: draft.market,
      ...checked,
      created_by: actor,
      created_at: (this.deps.now?.() ?? new Date()).toISOString(),
    });
  }

  /** The preparation; `not_found` (field `field`) when there is none with this name. */
  async get(name: string, field = "name"): Promise<Preparation> {
    const preparation = await this.deps.runs.getPreparation(name.trim());
    if (preparation === undefined) {
      const names = (await this.deps.runs.listPreparations()).map((p) => p.name);
      throw new MmmError(
        "not_found",
        `No preparation is named ${name}.${names.length > 0 ? ` Saved preparations: ${names.join(", ")}.` : " Save one first (POST /api/preparations)."}`,
        { context: { field } },
      );
    }
    return preparation;
  }

  list(): Promise<Preparation[]> {
    return this.deps.runs.listPreparations();
  }

  async delete(name: string): Promise<Preparation> {
    const removed = await this.deps.runs.deletePreparation(name.trim());
    if (removed === undefined) await this.get(name);
    return removed!;
  }

  /**
   * A run's data through the preparation: its source read for `country` (which must be the preparation's
   * market), the kept columns and the derived ones. Columns the source lost since are named in the error.
   */
  async runData(name: string, country: string, actor: Actor, limits: LoadLimits): Promise<RunData> {
    const field = "data.preparation";
    const preparation = await this.get(name, field);
    if (country.toUpperCase() !== preparation.market) {
      throw invalidInput(
        "country",
        `Preparation ${preparation.name} is for market ${preparation.market}, not ${country.toUpperCase()}: start the run for ${preparation.market}, or prepare the data of ${country.toUpperCase()}.`,
      );
    }
    const loaded = await loadRunData(
      this.deps.warehouse,
      sourceOf(preparation),
      preparation.market,
      actor,
      limits,
      this.deps.datasets,
    );
    const needed = [...preparation.columns, ...preparation.derived.flatMap((d) => d.sum)];
    const missing = [...new Set(needed)].filter((c) => !loaded.table.columns.includes(c));
    if (missing.length > 0) {
      throw invalidInput(
        field,
        `${loaded.source} no longer has ${missing.join(", ")}, which preparation ${preparation.name} uses: save a new preparation for the data as it is now.`,
      );
    }
    const table = applyPreparedColumns(loaded.table, {
      keep: preparation.columns,
      derived: preparation.derived,
    });
    return {
      table,
      data: { preparation: preparation.name },
      ...(loaded.countryColumn !== undefined ? { countryColumn: loaded.countryColumn } : {}),
      source: `preparation ${preparation.name} (${loaded.source})`,
      notes: [
        ...loaded.notes,
        `Preparation ${preparation.name}: ${preparation.columns.length} of ${loaded.table.columns.length} columns kept` +
          (preparation.derived.length > 0
            ? `, ${preparation.derived.map((d) => `${d.name} = ${d.sum.join(" + ")}`).join("; ")} derived.`
            : "."),
      ],
    };
  }

  async #load(source: PreparationSource, market: string, actor: Actor): Promise<RunData> {
    try {
      return await loadRunData(
        this.deps.warehouse,
        source,
        market,
        actor,
        this.deps.limits,
        this.deps.datasets,
      );
    } catch (error) {
      throw renamed(error);
    }
  }
}

function sourceOf(preparation: Preparation): DataSource {
  const filter =
    preparation.country_column !== undefined ? { country_column: preparation.country_column } : {};
  const { source } = preparation;
  return "table" in source
    ? { table: source.table, ...filter }
    : "dataset" in source
      ? { dataset: source.dataset, ...filter }
      : { sql: source.sql, ...filter };
}

/** The loader's field names as the draft calls them. */
const DRAFT_FIELDS: Readonly<Record<string, string>> = {
  "data.table": "source.table",
  "data.dataset": "source.dataset",
  "data.sql": "source.sql",
  country: "market",
  "data.country_column": "market",
};

function renamed(error: unknown): unknown {
  if (!isMmmError(error)) return error;
  const field = error.field !== undefined ? DRAFT_FIELDS[error.field] : undefined;
  if (field === undefined) return error;
  return new MmmError(error.code, error.message, {
    context: { ...error.context, field },
    cause: error,
    retry: error.retry,
  });
}
