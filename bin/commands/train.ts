/**
 * `mmm train --spec spec.json --data data.csv --out DIR [--holidays H.csv] [--workers N] [--callback URL --token TOKEN]`:
 * runs the search and writes the run's artifacts into DIR. Progress goes to the terminal as a progress bar
 * ending in "Model ready: <link>", to stdout as JSON lines (`--json`, or stdout not a terminal), or to the
 * callback URL as signed trainer events. SIGTERM stops within a second with status "cancelled".
 */
import { availableParallelism } from "node:os";
import { access, copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { invalidInput } from "../../common/errors.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { callbackSink, stdoutSink } from "../../trainer/event-sink.ts";
import { renderRunPictures } from "../../engine/report/run-pictures.ts";
import { runTrainer } from "../../trainer/trainer.ts";
import type { CommandIo } from "../command-io.ts";
import { trainerExitCode } from "../../trainer/trainer-exit-code.ts";
import { readDataFile } from "../read-data-file.ts";
import { trainOnPlatform } from "./train-on-platform.ts";
import { OUTPUT_FILES, RUN_FILES, onePagerFile } from "../../common/run-folder.ts";
import { USAGE } from "../command-usage.ts";
import { readSpecWithHolidays } from "../holidays-file.ts";
import { forPeople } from "../command-io.ts";
import { terminalProgressSink } from "../terminal-progress.ts";
import { requireOptions } from "../command-options.ts";

const usage = USAGE.train;

export async function trainCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      spec: { type: "string" },
      data: { type: "string" },
      out: { type: "string" },
      workers: { type: "string" },
      callback: { type: "string" },
      token: { type: "string" },
      table: { type: "string" },
      sql: { type: "string" },
      dataset: { type: "string" },
      country: { type: "string" },
      tag: { type: "string" },
      json: { type: "boolean" },
      holidays: { type: "string" },
    },
    strict: true,
  });
  if (values.table || values.sql || values.dataset) {
    if (values.holidays)
      throw invalidInput(
        "holidays",
        "--holidays goes with --spec and --data; with --table, --sql or --dataset put the rows in the spec's dt_holidays.",
      );
    return trainOnPlatform(values, io, process.env);
  }
  const people = forPeople(io, values.json);
  requireOptions(values, usage, { spec: "", out: "" });
  if (values.callback && !values.token)
    throw invalidInput("token", "--callback needs --token, the run's event token.");
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1)
    throw invalidInput("workers", `--workers must be a whole number of at least 1, not "${values.workers}".`);
  const spec = await readSpecWithHolidays(values.spec, values.holidays);
  if (spec.engine !== "native")
    throw invalidInput(
      "engine",
      `mmm train runs the native engine; this spec asks for "${spec.engine}" (use the app, which launches the Robyn trainer).`,
    );

  // SIGTERM stops the run from here on, reading the data included.
  const controller = new AbortController();
  const stop = () => controller.abort(new Error("cancelled"));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  try {
    if (!people) io.stderr(`reading the data file ${values.data ?? "named in the spec"}`);
    const data = await readDataFile(values.data, spec, usage, {
      env: process.env,
      signal: controller.signal,
    }).catch((error: unknown) => {
      if (controller.signal.aborted) return undefined;
      throw error;
    });
    if (data === undefined) {
      io.stderr("cancelled: stopped while reading the data file; nothing was trained.");
      return trainerExitCode("cancelled");
    }

    // The folder holds the whole run, as under runs/<id>/ in the app: what was asked and what was read.
    await mkdir(values.out, { recursive: true });
    await writeFile(join(values.out, RUN_FILES.spec), JSON.stringify(spec, null, 2));
    await copyFile(data.path, join(values.out, RUN_FILES.input));

    const outcome = await runTrainer({
      settings: spec,
      table: data.table,
      outDir: values.out,
      workers,
      events: values.callback
        ? callbackSink({ url: values.callback, token: values.token! })
        : people
          ? terminalProgressSink(io.terminal!, io)
          : stdoutSink(io.stdout),
      signal: controller.signal,
      prophet: nativeProphet,
      renderPictures: renderRunPictures,
    });
    if (outcome === "succeeded" && people) io.stdout(`Model ready: ${await bestModelLink(values.out)}`);
    return trainerExitCode(outcome);
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
  }
}

/** The best model's one-pager in a run folder (the folder's outputs when there is none), as a link. */
async function bestModelLink(out: string): Promise<string> {
  const summary = JSON.parse(await readFile(join(out, OUTPUT_FILES.modelSummary), "utf8")) as {
    best_model?: { model_id?: string };
  };
  const best = summary.best_model?.model_id;
  const onePager = best ? resolve(out, onePagerFile(best)) : undefined;
  const exists = onePager
    ? await access(onePager).then(
        () => true,
        () => false,
      )
    : false;
  const target = exists ? onePager! : resolve(out, "output");
  return `${best ? `best model ${best}, ` : ""}${pathToFileURL(target).href}`;
}
