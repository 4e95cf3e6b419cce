/**
 * `mmm train --table T | --sql Q | --dataset NAME  --country DE[,FR,…] | --market Geo0[,Geo1,…] [--country US]
 * [--spec spec.json] [--tag TAG]`: the same path as Slack
 * and the API (warehouse query, checks, snapshot, launcher, trainer events, run store), with the app
 * started in this process on a loopback port for the trainers' events. Without `--spec`, the column
 * mapping is suggested from the data (as the Slack modal pre-fills it). Waits for the runs and prints
 * their progress, ending with each run's viewer link ("Model ready: …"), as lines in a terminal and as JSON
 * lines otherwise (or with `--json`); exits 0 when all succeeded.
 */
import { userInfo } from "node:os";
import { readJsonFile } from "../read-json-file.ts";
import { invalidInput } from "../../common/errors.ts";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import { isTerminal, type Run } from "../../core/run.ts";
import type { DataSource } from "../../core/run-spec.ts";
import type { Warehouse } from "../../core/warehouse/port.ts";
import type { Datasets } from "../../core/datasets/datasets.ts";
import type { Table } from "../../common/table.ts";
import { startApp } from "./serve.ts";
import { forPeople, type CommandIo } from "../command-io.ts";
import { baseUrl, loadConfig } from "../../core/config.ts";

export interface PlatformTrainOptions {
  table?: string | undefined;
  sql?: string | undefined;
  dataset?: string | undefined;
  country?: string | undefined;
  /** Values of the data's market column; `country` is then their holiday calendar. */
  market?: string | undefined;
  spec?: string | undefined;
  tag?: string | undefined;
  json?: boolean | undefined;
}

export async function trainOnPlatform(
  options: PlatformTrainOptions,
  io: CommandIo,
  env: Record<string, string | undefined>,
): Promise<number> {
  const targets = platformTargets(options);
  const data: DataSource = options.table
    ? { table: options.table }
    : options.dataset
      ? { dataset: options.dataset }
      : { sql: options.sql! };
  // Its server only receives this machine's trainer events: loopback, whatever HOST the image sets.
  const app = await startApp(
    { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: env.LOG_LEVEL ?? "warn" },
    { demo: false },
  );
  try {
    const base = options.spec
      ? ((await readJsonFile(options.spec, "spec")) as Record<string, unknown>)
      : await suggestedSpec(app.services, data, targets.holidays);
    // The command line names the source; the spec may add only the country column (its own `file`,
    // `table` or `sql` would name a second source).
    const countryColumn = (base.data as { country_column?: string } | undefined)?.country_column;
    const request: RunRequest = {
      spec: {
        ...(base as RunRequest["spec"]),
        data: { ...data, ...(countryColumn === undefined ? {} : { country_column: countryColumn }) },
        ...(targets.markets && targets.holidays ? { country: targets.holidays } : {}),
      },
      ...(targets.markets ? { markets: targets.markets } : { countries: targets.countries }),
      actor: { kind: "cli", id: userInfo().username },
      ...(options.tag ? { tag: options.tag } : {}),
    };
    const { runs } = await app.services.lifecycle.start(request);
    const people = forPeople(io, options.json);
    const report = (run: Run, line: string) =>
      io.stdout(people ? `${run.id}  ${run.country}  ${line}` : JSON.stringify(runState(run)));
    for (const run of runs) report(run, "queued");
    const finished = await waitForAll(app.services.runs, runs, report);
    // The viewer of the app (`mmm serve` / `npm start` on this data folder), not of the one started here.
    const viewer = baseUrl(loadConfig(env));
    for (const run of finished) {
      const folder = `${app.services.config.MMM_DATA_DIR}/artifacts/${run.artifactPrefix}`;
      const url = `${viewer}/runs/${encodeURIComponent(run.id)}`;
      if (!people) io.stdout(JSON.stringify({ ...runState(run), viewerUrl: url, artifacts: folder }));
      else if (run.status === "succeeded")
        io.stdout(`${run.id}  ${run.country}  Model ready: ${url}  (files: ${folder})`);
      else
        io.stdout(`${run.id}  ${run.country}  ${run.status}${run.failure ? `: ${run.failure.reason}` : ""}`);
    }
    return finished.every((run) => run.status === "succeeded") ? 0 : 1;
  } finally {
    await app.stop();
  }
}

/** The runs asked for: countries (market and holidays at once), or markets with an optional holiday country. */
function platformTargets(options: PlatformTrainOptions): {
  countries?: string[];
  markets?: string[];
  holidays: string | undefined;
} {
  const list = (text: string) =>
    text
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean);
  if (options.market) {
    const holidays = options.country?.trim();
    if (holidays !== undefined && list(holidays).length !== 1)
      throw invalidInput(
        "country",
        "With --market, --country names the one country whose holidays apply, e.g. US.",
      );
    return { markets: list(options.market), holidays };
  }
  if (!options.country)
    throw invalidInput(
      "country",
      "--country or --market is required with --table, --sql or --dataset (one value, or several separated by commas).",
    );
  const countries = list(options.country);
  return { countries, holidays: countries[0] };
}

/** The mapping suggested for the source's columns, as the Slack modal pre-fills it. */
async function suggestedSpec(
  services: { warehouse: Warehouse; datasets: Datasets },
  data: DataSource,
  country: string | undefined,
): Promise<Record<string, unknown>> {
  const mapping = suggestMapping(await sampleOf(services, data));
  if (!mapping.spec.dep_var || !mapping.spec.date_var) {
    throw invalidInput(
      "spec",
      "The columns could not be mapped automatically (no date or no goal column found): pass --spec with the mapping.",
    );
  }
  // Robyn's recommended baseline: trend, yearly season and the country's holidays from the Prophet-style
  // fit; without a holiday country (geo markets) trend and season only.
  return {
    ...mapping.spec,
    ...(country ? { country } : {}),
    prophet_vars: country ? ["trend", "season", "holiday"] : ["trend", "season"],
    ...(mapping.country_column ? { data: { ...data, country_column: mapping.country_column } } : {}),
  };
}

/** The fields of a run a program following `mmm train --table` needs, as one JSON line. */
function runState(run: Run): Record<string, unknown> {
  return {
    id: run.id,
    country: run.country,
    status: run.status,
    ...(run.progress && run.status === "running" ? { progress: run.progress } : {}),
    ...(run.failure ? { failure: run.failure.reason } : {}),
  };
}

/** The rows the mapping is suggested from. */
async function sampleOf(
  services: { warehouse: Warehouse; datasets: Datasets },
  data: DataSource,
): Promise<Table> {
  if ("dataset" in data)
    return services.datasets.preview(await services.datasets.get(data.dataset, "dataset"), 100_000);
  const source = "table" in data ? { table: data.table } : "sql" in data ? { sql: data.sql } : undefined;
  if (!source) throw invalidInput("data", "Pass --table, --sql or --dataset.");
  return (await services.warehouse.query(source, { maxRows: 100_000 })).table;
}

/** Waits until every run has finished, reporting each change of status or progress. */
export async function waitForAll(
  store: { getRun(id: string): Promise<Run | undefined> },
  runs: Run[],
  report: (run: Run, line: string) => void,
): Promise<Run[]> {
  const last = new Map<string, string>();
  for (;;) {
    const current = await Promise.all(runs.map(async (run) => (await store.getRun(run.id))!));
    for (const run of current) {
      const line =
        run.status === "running" && run.progress
          ? `running ${run.progress.done}/${run.progress.total}`
          : run.status;
      if (last.get(run.id) !== line) {
        last.set(run.id, line);
        if (!isTerminal(run.status)) report(run, line);
      }
    }
    if (current.every((run) => isTerminal(run.status))) return current;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
