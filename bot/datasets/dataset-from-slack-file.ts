/**
 * A file shared with the app becomes a dataset: once downloaded (`slack-file-download.ts`),
 * `Datasets.add` (the same checks and snapshot as an upload through the API or the
 * viewer), named after the file. What the reply shows is read back from the stored snapshot: the
 * auto-mapping of its first rows, with a market column its markets, and the data profile's findings for
 * the first market (all left out when that read fails: the dataset is stored by then).
 */
import { stat } from "node:fs/promises";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import { profileTable } from "../../core/data-profile/profile-table.ts";
import { formatDatasetRef, type Dataset } from "../../core/datasets/dataset.ts";
import type { MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import type { Actor } from "../../core/run.ts";
import type { BotContext } from "../bot-context.ts";
import type { DatasetRead } from "../blocks/dataset-message.ts";
import type { SharedFile } from "./slack-file-download.ts";

/** Rows the auto-mapping reads, as the viewer's preview does. */
const MAPPING_ROWS = 500;

export async function datasetFromSharedFile(
  context: BotContext,
  file: SharedFile,
  path: string,
  actor: Actor,
): Promise<DatasetRead> {
  const { datasets } = context.services;
  const { size } = await stat(path);
  const dataset = await datasets.add({ path, fileName: file.name, bytes: size }, { actor });
  try {
    const mapping = suggestMapping(await datasets.preview(dataset, MAPPING_ROWS));
    const markets = mapping.country_column
      ? await datasets.values(dataset, mapping.country_column)
      : undefined;
    const profile = await firstMarketProfile(context, dataset, mapping, markets).catch((error: unknown) => {
      context.services.logger.info({ err: error, dataset: dataset.name }, "shared file: no data profile");
      return undefined;
    });
    return { dataset, mapping, ...(markets ? { markets } : {}), ...(profile ? { profile } : {}) };
  } catch (error) {
    // The dataset is stored: the reply says so, without the findings, rather than that it failed.
    context.services.logger.warn({ err: error, dataset: dataset.name }, "shared file: findings not read");
    return { dataset };
  }
}

/**
 * The data profile of the first market against the suggested goal (the train modal's variables step shows
 * the same): its findings, worst first, are what the reply lists. None without a goal that holds numbers.
 */
async function firstMarketProfile(
  context: BotContext,
  dataset: Dataset,
  mapping: MappingSuggestion,
  markets: readonly string[] | undefined,
): Promise<DataProfile | undefined> {
  const goal = mapping.spec.dep_var;
  if (goal === undefined || dataset.columns.find((c) => c.name === goal)?.type !== "number") return undefined;
  const market = markets?.[0] ?? "";
  const ref = formatDatasetRef(dataset);
  const rows = await context.services.datasets.rowsFor(
    ref,
    market,
    mapping.country_column,
    context.services.limits,
  );
  return profileTable({
    table: rows.table,
    goal,
    market,
    source: `dataset ${ref}`,
    ...(rows.countryColumn ? { countryColumn: rows.countryColumn } : {}),
  });
}
