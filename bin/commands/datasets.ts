/**
 * `mmm datasets add FILE [--name NAME] [--sheet SHEET]` and `mmm datasets list`: the app's datasets, as
 * the API and the viewer see them (same run store, same artifact store, same checks and limits).
 * `mmm import DIR`: a run folder trained with `mmm train --out DIR` becomes a run of the app.
 */
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { formatDatasetRef } from "../../core/datasets/dataset.ts";
import { importRunFolder } from "../../core/lifecycle/import-run-folder.ts";
import type { Actor } from "../../core/run.ts";
import type { CommandIo } from "../command-io.ts";
import { USAGE } from "../command-usage.ts";
import { openServicesQuietly } from "../open-services.ts";

function cliActor(): Actor {
  return { kind: "cli", id: userInfo().username };
}

export async function datasetsCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const [action, ...rest] = args;
  if (action === "add") return addDataset(rest, io, env);
  if (action === "list") return listDatasets(io, env);
  throw invalidInput("action", `Say add or list. Usage: ${USAGE.datasets}`);
}

async function addDataset(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: "string" }, sheet: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const path = positionals[0];
  if (path === undefined) throw invalidInput("file", `Name the file. Usage: ${USAGE.datasets}`);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw invalidInput("file", `Cannot read ${path}: no such file.`);
  const services = await openServicesQuietly(env);
  try {
    const dataset = await services.datasets.add(
      { path, fileName: basename(path), bytes: info.size, ...(values.sheet ? { sheet: values.sheet } : {}) },
      { actor: cliActor(), ...(values.name ? { name: values.name } : {}) },
    );
    io.stdout(
      `${formatDatasetRef(dataset)}: ${dataset.rows} rows, ${dataset.columns.length} columns, ` +
        `${dataset.dateColumn} from ${dataset.dateRange.start} to ${dataset.dateRange.end}`,
    );
    for (const note of dataset.notes) io.stdout(`  ${note}`);
  } finally {
    await services.close();
  }
}

async function listDatasets(io: CommandIo, env: Record<string, string | undefined>): Promise<void> {
  const services = await openServicesQuietly(env);
  try {
    const datasets = await services.datasets.list();
    if (datasets.length === 0) {
      io.stdout("No datasets yet. Add one with `mmm datasets add FILE`.");
      return;
    }
    io.stdout(["DATASET".padEnd(30), "ROWS".padStart(10), "COLS", "DATES".padEnd(23), "UPLOADED"].join("  "));
    for (const d of datasets) {
      io.stdout(
        [
          formatDatasetRef(d).padEnd(30),
          String(d.rows).padStart(10),
          String(d.columns.length).padStart(4),
          `${d.dateRange.start}..${d.dateRange.end}`.padEnd(23),
          `${d.uploadedAt.slice(0, 16)} ${d.uploadedBy.name ?? d.uploadedBy.id}`,
        ].join("  "),
      );
    }
  } finally {
    await services.close();
  }
}

export async function importCommand(
  args: string[],
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { tag: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const dir = positionals[0];
  if (dir === undefined) throw invalidInput("dir", `Name the run folder. Usage: ${USAGE.import}`);
  const services = await openServicesQuietly(env);
  try {
    const run = await importRunFolder(dir, cliActor(), services, values.tag);
    io.stdout(`${run.id}  ${run.country}  imported: ${services.baseUrl}/runs/${run.id}`);
  } finally {
    await services.close();
  }
}
