/**
 * The `mmm` command line: parses the command name and hands over to one module per command.
 * Exit codes: 0 done, 2 bad input or usage (message on stderr, nothing on stdout), 1 unexpected failure.
 *
 * Every command answers `--help` / `-h` (and `mmm help <command>`) from its entry below, before its module
 * is imported: a new command gets its help, and the guarantee that asking for it does nothing else, by
 * declaring its `usage` and `summary` here.
 */
import { USAGE } from "./command-usage.ts";
import type { CommandIo } from "./command-io.ts";
import { reportFailure } from "./command-failure.ts";
import { TRAINER_USAGE } from "../trainer/trainer-usage.ts";
import { closestNames } from "../common/closest-names.ts";
import { packageVersion } from "./package-version.ts";

/** Runs a command; may resolve to an exit code other than 0 for outcomes that are not errors (a cancelled run). */
type Command = (args: string[], io: CommandIo) => Promise<number | void>;

interface CommandEntry {
  run: Command;
  /** The synopsis, `mmm <name> …`: shown by `--help` and quoted in usage errors. */
  usage: string;
  /** One line on what the command does, for `mmm --help`. */
  summary?: string;
}

// Each command's module (and the SDKs behind it) is imported only when that command runs: start-up time is
// paid by every invocation, including each trainer task, and `--help` needs none of them.
const commands: Record<string, CommandEntry> = {
  start: {
    run: async (args, io) => (await import("./commands/serve.ts")).serveCommand(args, io, process.env, true),
    usage: USAGE.start,
    summary: "the app (viewer, API, Slack when configured); trains the demo data on a fresh machine",
  },
  serve: {
    run: async (args, io) => (await import("./commands/serve.ts")).serveCommand(args, io, process.env, false),
    usage: USAGE.serve,
    summary: "the app, without the demo run",
  },
  train: {
    run: async (args, io) => (await import("./commands/train.ts")).trainCommand(args, io),
    usage: USAGE.train,
    summary: "a whole model search from a spec and a CSV into a run folder (or through the app with --table)",
  },
  batch: {
    run: async (args, io) => (await import("./commands/batch.ts")).batchCommand(args, io, process.env),
    usage: USAGE.batch,
    summary: "start one run per row of a batch settings file (CSV or JSON) and wait for them",
  },
  fit: {
    run: async (args, io) => (await import("./commands/fit.ts")).fitCommand(args, io),
    usage: USAGE.fit,
    summary: "one model from fixed hyperparameters, printed as Robyn's model record",
  },
  allocate: {
    run: async (args, io) => (await import("./commands/allocate.ts")).allocateCommand(args, io, process.env),
    usage: USAGE.allocate,
    summary: "Robyn's budget allocator on one model of a finished run",
  },
  response: {
    run: async (args, io) => (await import("./commands/response.ts")).responseCommand(args, io, process.env),
    usage: USAGE.response,
    summary: "what a spend on one channel returns (Robyn's robyn_response), as JSON",
  },
  refresh: {
    run: async (args, io) => (await import("./commands/refresh.ts")).refreshCommand(args, io, process.env),
    usage: USAGE.refresh,
  },
  twin: {
    run: async (args, io) => (await import("./commands/twin.ts")).twinCommand(args, io, process.env),
    usage: USAGE.twin,
    summary: "can this setup identify my channels? train on a twin of the data with a model as the truth",
  },
  "export-robyn": {
    run: async (args, io) =>
      (await import("./commands/export-robyn.ts")).exportRobynCommand(args, io, process.env),
    usage: USAGE["export-robyn"],
  },
  "import-robyn": {
    run: async (args, io) => (await import("./commands/import-robyn.ts")).importRobynCommand(args, io),
    usage: USAGE["import-robyn"],
  },
  scenario: {
    run: async (args, io) => (await import("./commands/scenario.ts")).scenarioCommand(args, io, process.env),
    usage: USAGE.scenario,
  },
  runs: {
    run: async (args, io) => (await import("./commands/runs.ts")).runsCommand(args, io, process.env),
    usage: USAGE.runs,
    summary: "the app's runs",
  },
  status: {
    run: async (args, io) => (await import("./commands/runs.ts")).statusCommand(args, io, process.env),
    usage: USAGE.status,
    summary: "one run of the app: status, progress, viewer link",
  },
  schema: {
    run: async (args, io) => (await import("./commands/schema.ts")).schemaCommand(args, io),
    usage: USAGE.schema,
    summary: "the RunSpec as JSON Schema, every field described",
  },
  datasets: {
    run: async (args, io) => (await import("./commands/datasets.ts")).datasetsCommand(args, io, process.env),
    usage: USAGE.datasets,
  },
  import: {
    run: async (args, io) => (await import("./commands/datasets.ts")).importCommand(args, io, process.env),
    usage: USAGE.import,
  },
  trainer: {
    run: async (args, io) => (await import("../trainer/trainer-command.ts")).trainerCommand(args, io),
    usage: TRAINER_USAGE,
    summary: "one run's trainer, as the app's launcher starts it",
  },
};

const HELP_FLAGS = new Set(["--help", "-h"]);
const VERSION_FLAGS = new Set(["--version", "-V", "version"]);

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    "Usage: mmm <command> [options]",
    "",
    "Commands:",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary ?? c.usage}`),
    "",
    "Run `mmm <command> --help` for a command's options, `mmm --version` for the version.",
  ].join("\n");
}

function commandHelp(command: CommandEntry): string {
  return [`Usage: ${command.usage}`, ...(command.summary ? ["", command.summary] : [])].join("\n");
}

/** Whether the arguments ask for help: `--help` or `-h` anywhere before a `--` that ends the options. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || HELP_FLAGS.has(name)) {
    const topic = name === "help" && args[0] ? commands[args[0]] : undefined;
    io.stdout(topic ? commandHelp(topic) : help());
    return 0;
  }
  if (VERSION_FLAGS.has(name)) {
    io.stdout(`mmm ${await packageVersion()}`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const similar = closestNames(name, Object.keys(commands));
    const hint = similar.length > 0 ? ` Did you mean ${similar.map((s) => `"mmm ${s}"`).join(" or ")}?` : "";
    io.stderr(`Unknown command "${name}".${hint}\n\n${help()}`);
    return 2;
  }
  if (asksForHelp(args)) {
    io.stdout(commandHelp(command));
    return 0;
  }
  try {
    return (await command.run(args, io)) ?? 0;
  } catch (error) {
    return reportFailure(error, command.usage, io);
  }
}
