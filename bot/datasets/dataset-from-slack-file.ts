/**
 * A file shared with the app becomes a dataset: `files.info`, the download with the bot token to a
 * temporary folder, then `Datasets.add` (the same checks and snapshot as an upload through the API or the
 * viewer), named after the file. What the reply shows is read back from the stored snapshot: the
 * auto-mapping of its first rows and, with a market column, its markets (left out when that read fails:
 * the dataset is stored by then).
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dataset } from "../../core/datasets/dataset.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import type { Actor } from "../../core/run.ts";
import type { BotContext } from "../bot-context.ts";
import type { DatasetRead } from "../blocks/dataset-message.ts";
import { downloadSharedFile, type SharedFile } from "./slack-file-download.ts";

/** Rows the auto-mapping reads, as the viewer's preview does. */
const MAPPING_ROWS = 500;

export async function datasetFromSharedFile(
  context: BotContext,
  file: SharedFile,
  token: string,
  actor: Actor,
): Promise<DatasetRead> {
  const { datasets } = context.services;
  const dir = await mkdtemp(join(tmpdir(), "mmm-slack-file-"));
  let dataset: Dataset;
  try {
    const path = await downloadSharedFile(file, dir, {
      token,
      maxBytes: context.files.maxBytes,
      allowedOrigins: context.files.downloadOrigins,
    });
    const { size } = await stat(path);
    dataset = await datasets.add({ path, fileName: file.name, bytes: size }, { actor });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  try {
    const mapping = suggestMapping(await datasets.preview(dataset, MAPPING_ROWS));
    const markets = mapping.country_column
      ? await datasets.values(dataset, mapping.country_column)
      : undefined;
    return { dataset, mapping, ...(markets ? { markets } : {}) };
  } catch (error) {
    // The dataset is stored: the reply says so, without the findings, rather than that it failed.
    context.services.logger.warn({ err: error, dataset: dataset.name }, "shared file: findings not read");
    return { dataset };
  }
}
