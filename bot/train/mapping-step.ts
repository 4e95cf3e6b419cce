/**
 * The variables step's content: the first country's rows are read (the cached warehouse keeps them for the
 * check and the run), the auto-mapping suggests a role per column, a mapping saved for the table is laid over
 * it, and a re-run's own mapping wins over both; the data profile against the goal it suggests sums up the
 * rows read (already in memory, so no second read). Also saving the mapping a person confirmed.
 */
import { MmmError } from "../../common/errors.ts";
import { profileTable } from "../../core/data-profile/profile-table.ts";
import { loadRunData } from "../../core/lifecycle/load-run-data.ts";
import { profileColumn } from "../../core/mapping/column-profile.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import type { MappingRole, MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import { applySavedMapping, type SavedMapping } from "../../core/mapping/saved-mapping.ts";
import type { Actor } from "../../core/run.ts";
import type { BotContext } from "../bot-context.ts";
import type { MappingStep } from "../blocks/mapping-modal.ts";
import { encodeDraft, type MappingChoice, type SourceChoice, type TrainDraft } from "./train-draft.ts";

/** Reads the data and builds the step; `draft.columns` is set on the returned draft. */
export async function mappingStepFor(
  context: BotContext,
  draft: TrainDraft,
  actor: Actor,
  externalId: string,
): Promise<MappingStep> {
  const { warehouse, runs, limits, datasets } = context.services;
  const source = draft.source!;
  if ("preparation" in source)
    throw new MmmError(
      "internal",
      "A saved preparation sets the variables: there is no variables step for it.",
    );
  const country = draft.countries[0]!;
  const rerun = draft.base?.mapping;
  const data = await loadRunData(
    warehouse,
    { ...source, ...(rerun?.country_column ? { country_column: rerun.country_column } : {}) },
    country,
    actor,
    limits,
    datasets,
  );
  let suggestion: MappingSuggestion = suggestMapping(data.table, {
    ...(data.countryColumn ? { countryColumn: data.countryColumn } : {}),
  });
  let saved: MappingStep["saved"];
  if ("table" in source && !rerun) {
    const stored = await runs.getMapping(source.table, country);
    if (stored) {
      const applied = applySavedMapping(suggestion, stored.mapping as unknown as SavedMapping);
      suggestion = applied;
      saved = {
        ...(stored.country ? { country: stored.country } : {}),
        by: stored.by.name ?? stored.by.id,
        at: stored.at,
        newColumns: applied.newColumns,
        missingColumns: applied.missingColumns,
      };
    }
  }
  const columns = [...data.table.columns];
  const next: TrainDraft = { ...draft, columns };
  const initial: Partial<MappingChoice> = draft.mapping ??
    rerun ?? {
      ...suggestion.spec,
      paid_media_spends: [...suggestion.spec.paid_media_spends],
      paid_media_vars: [...suggestion.spec.paid_media_vars],
      organic_vars: [...suggestion.spec.organic_vars],
      context_vars: [...suggestion.spec.context_vars],
      factor_vars: [...suggestion.spec.factor_vars],
      ...(suggestion.country_column ? { country_column: suggestion.country_column } : {}),
    };
  const goal = initial.dep_var;
  const profile =
    goal !== undefined && profileColumn(data.table.data[goal] ?? []).kind === "number"
      ? profileTable({
          table: data.table,
          goal,
          market: country,
          source: data.source,
          ...(data.countryColumn ? { countryColumn: data.countryColumn } : {}),
        })
      : undefined;
  return {
    draft: next,
    metadata: encodeDraft(next, context.drafts),
    columns,
    suggestion,
    initial,
    sourceLabel: sourceLabel(source),
    country,
    rows: data.table.columns.length > 0 ? (data.table.data[data.table.columns[0]!]?.length ?? 0) : 0,
    externalId,
    ...(profile ? { profile } : {}),
    ...(saved ? { saved } : {}),
    ...(rerun ? { fromRerun: true } : {}),
  };
}

/** The data source in words, for the modal's texts. */
export function sourceLabel(source: SourceChoice): string {
  if ("table" in source) return `table ${source.table}`;
  if ("dataset" in source) return `dataset ${source.dataset}`;
  return "the SQL query";
}

/** The confirmed mapping as `SavedMapping` (one role per column, exposures paired with their spends). */
export function savedMappingOf(
  choice: MappingChoice,
  columns: readonly string[],
  table: string,
  savedAt: string,
): SavedMapping {
  const roles: Record<string, MappingRole> = Object.fromEntries(
    columns.map((c) => [c, "ignore" as MappingRole]),
  );
  const pairs: Record<string, string> = {};
  roles[choice.date_var] = "date";
  roles[choice.dep_var] = "dep_var";
  choice.paid_media_spends.forEach((spend, i) => {
    roles[spend] = "paid_media_spend";
    const exposure = choice.paid_media_vars[i];
    if (exposure && exposure !== spend) {
      roles[exposure] = "paid_media_var";
      pairs[exposure] = spend;
    }
  });
  for (const c of choice.organic_vars) roles[c] = "organic";
  for (const c of choice.context_vars) roles[c] = choice.factor_vars.includes(c) ? "factor" : "context";
  if (choice.country_column) roles[choice.country_column] = "country";
  return { table, roles, pairs, dep_var_type: choice.dep_var_type, saved_at: savedAt };
}
