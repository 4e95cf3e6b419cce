/**
 * The `mmm` command line: parses the command name and hands over to one module per command.
 * Exit codes: 0 done, 2 bad input or usage (message on stderr, nothing on stdout), 1 unexpected failure.
 */
import { isMmmError } from "../common/errors.ts";
import { USAGE } from "./command-usage.ts";
import type { CommandIo } from "./command-io.ts";
import { TRAINER_USAGE } from "../trainer/trainer-usage.ts";

/** Runs a command; may resolve to an exit code other than 0 for outcomes that are not errors (a cancelled run). */
type Command = (args: string[], io: CommandIo) => Promise<number | void>;

// Each command's module (and the SDKs behind it) is imported only when that command runs: start-up time is
// paid by every invocation, including each trainer task, and `--help` needs none of them.
const commands: Record<string, { run: Command; usage: string }> = {
  fit: {
    run: async (args, io) => (await import("./commands/fit.ts")).fitCommand(args, io),
    usage: USAGE.fit,
  },
  train: {
    run: async (args, io) => (await import("./commands/train.ts")).trainCommand(args, io),
    usage: USAGE.train,
  },
  allocate: {
    run: async (args, io) => (await import("./commands/allocate.ts")).allocateCommand(args, io, process.env),
    usage: USAGE.allocate,
  },
  response: {
    run: async (args, io) => (await import("./commands/response.ts")).responseCommand(args, io, process.env),
    usage: USAGE.response,
  },
  refresh: {
    run: async (args, io) => (await import("./commands/refresh.ts")).refreshCommand(args, io, process.env),
    usage: USAGE.refresh,
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
  runs: {
    run: async (args, io) => (await import("./commands/runs.ts")).runsCommand(args, io, process.env),
    usage: USAGE.runs,
  },
  status: {
    run: async (args, io) => (await import("./commands/runs.ts")).statusCommand(args, io, process.env),
    usage: USAGE.status,
  },
  schema: {
    run: async (args, io) => (await import("./commands/schema.ts")).schemaCommand(args, io),
    usage: USAGE.schema,
  },
  trainer: {
    run: async (args, io) => (await import("../trainer/trainer-command.ts")).trainerCommand(args, io),
    usage: TRAINER_USAGE,
  },
  serve: {
    run: async (_args, io) => (await import("./commands/serve.ts")).serveCommand(io, process.env, false),
    usage: USAGE.serve,
  },
  start: {
    run: async (_args, io) => (await import("./commands/serve.ts")).serveCommand(io, process.env, true),
    usage: USAGE.start,
  },
};

function help(): string {
  return ["Usage:", ...Object.values(commands).map((c) => `  ${c.usage}`)].join("\n");
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout(help());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`Unknown command "${name}".\n${help()}`);
    return 2;
  }
  try {
    return (await command.run(args, io)) ?? 0;
  } catch (error) {
    if (isMmmError(error) && error.code === "invalid_input") {
      io.stderr(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`error: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    io.stderr(`error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
