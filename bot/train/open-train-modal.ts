/**
 * Opening the train modal (from `/mmm train`, the Home tab's New run, a run's Re-run with changes) and
 * filling its country list once a table is known. `views.open` must use the trigger within 3 seconds, so the
 * modal opens at once with a free-text country field and the list of the table's countries replaces it with
 * `views.update` when the warehouse has answered.
 */
import type { WebClient } from "@slack/web-api";
import { isMmmError } from "../../common/errors.ts";
import type { BotContext } from "../bot-context.ts";
import { formatDatasetRef } from "../../core/datasets/dataset.ts";
import { findCountryColumn } from "../../core/warehouse/country-column.ts";
import { trainSourceView, type DatasetOption, type SourceStep } from "../blocks/train-modal.ts";
import { encodeDraft, type TrainDraft } from "./train-draft.ts";

export async function openTrainModal(
  context: BotContext,
  client: WebClient,
  triggerId: string,
  draft: TrainDraft,
): Promise<void> {
  const datasets = await datasetOptions(context);
  const opened = await client.views.open({
    trigger_id: triggerId,
    view: trainSourceView({ draft, metadata: encodeDraft(draft, context.drafts), datasets }),
  });
  if (draft.source && !("sql" in draft.source) && opened.view?.id) {
    await showTableCountries(context, client, draft, opened.view.id, opened.view.hash);
  }
}

/** Replaces step 1 with one that lists the chosen table's or dataset's countries (or says why it cannot). */
export async function showTableCountries(
  context: BotContext,
  client: WebClient,
  draft: TrainDraft,
  viewId: string,
  hash: string | undefined,
): Promise<void> {
  const step: SourceStep = {
    draft,
    metadata: encodeDraft(draft, context.drafts),
    datasets: await datasetOptions(context),
    ...(await countriesOf(context, draft)),
  };
  try {
    await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view: trainSourceView(step) });
  } catch (error) {
    // The person changed the modal meanwhile (hash_conflict) or closed it: their newer state wins.
    context.services.logger.debug({ err: error }, "train modal: countries not shown");
  }
}

async function countriesOf(
  context: BotContext,
  draft: TrainDraft,
): Promise<Pick<SourceStep, "countries" | "countriesNote">> {
  if (draft.source && "dataset" in draft.source) return datasetCountries(context, draft.source.dataset);
  if (!draft.source || !("table" in draft.source)) return {};
  const countryColumn = draft.base?.mapping?.country_column;
  try {
    const values = await context.services.warehouse.countries({ table: draft.source.table }, countryColumn);
    if (values.length === 0)
      return { countriesNote: "The table has no country values: name the one market it holds." };
    return { countries: { values, ...(countryColumn ? { column: countryColumn } : {}) } };
  } catch (error) {
    if (isMmmError(error) && error.field === "data.country_column")
      return { countriesNote: "This table has no country column, so it holds one market: name it, e.g. DE." };
    if (isMmmError(error)) return { countriesNote: error.message };
    context.services.logger.warn({ err: error }, "train modal: countries of the table could not be read");
    return {
      countriesNote: "The table's countries could not be read just now: type the codes, e.g. DE, FR.",
    };
  }
}

/**
 * The datasets to offer (the latest version of each, newest upload first). Listing them reads the run
 * store only, well within the trigger's 3 seconds; a failure leaves them out rather than the modal.
 */
async function datasetOptions(context: BotContext): Promise<DatasetOption[]> {
  try {
    const datasets = await context.services.datasets.list();
    return datasets
      .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))
      .map((d) => ({
        ref: formatDatasetRef(d),
        description: `${d.rows.toLocaleString("en-US")} rows, ${d.dateRange.start} to ${d.dateRange.end}`,
      }));
  } catch (error) {
    context.services.logger.warn({ err: error }, "train modal: datasets not listed");
    return [];
  }
}

/** The markets of a dataset's market column, for the country list. */
async function datasetCountries(
  context: BotContext,
  ref: string,
): Promise<Pick<SourceStep, "countries" | "countriesNote">> {
  try {
    const dataset = await context.services.datasets.get(ref);
    const column = findCountryColumn(dataset.columns.map((c) => c.name));
    if (column === undefined)
      return {
        countriesNote:
          "This dataset has no market column, so it holds one market: name its country, e.g. DE.",
      };
    return { countries: { values: await context.services.datasets.values(dataset, column), column } };
  } catch (error) {
    if (isMmmError(error)) return { countriesNote: error.message };
    context.services.logger.warn({ err: error }, "train modal: markets of the dataset could not be read");
    return {
      countriesNote: "The dataset's markets could not be read just now: type the codes, e.g. DE, FR.",
    };
  }
}
