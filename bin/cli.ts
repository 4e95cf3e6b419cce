/**
 * The `mmm` command line: parses the command name and hands over to one module per command.
 * Exit codes: 0 done, 2 bad input or usage (message on stderr, nothing on stdout), 1 unexpected failure.
 */
import { isMmmError } from "../common/errors.ts";
import { allocateCommand, usage as allocateUsage } from "./commands/allocate.ts";
import { fitCommand, usage as fitUsage } from "./commands/fit.ts";
import { responseCommand, usage as responseUsage } from "./commands/response.ts";
import { runsCommand, runsUsage, statusCommand, statusUsage } from "./commands/runs.ts";
import { schemaCommand, usage as schemaUsage } from "./commands/schema.ts";
import { serveCommand, serveUsage, startUsage } from "./commands/serve.ts";
import { trainCommand, usage as trainUsage } from "./commands/train.ts";
import { trainerCommand, usage as trainerUsage } from "../trainer/trainer-command.ts";
import type { CommandIo } from "./command-io.ts";

/** Runs a command; may resolve to an exit code other than 0 for outcomes that are not errors (a cancelled run). */
type Command = (args: string[], io: CommandIo) => Promise<number | void>;

const commands: Record<string, { run: Command; usage: string }> = {
  fit: { run: fitCommand, usage: fitUsage },
  train: { run: trainCommand, usage: trainUsage },
  allocate: { run: (args, io) => allocateCommand(args, io, process.env), usage: allocateUsage },
  response: { run: (args, io) => responseCommand(args, io, process.env), usage: responseUsage },
  runs: { run: (args, io) => runsCommand(args, io, process.env), usage: runsUsage },
  status: { run: (args, io) => statusCommand(args, io, process.env), usage: statusUsage },
  schema: { run: schemaCommand, usage: schemaUsage },
  trainer: { run: (args, io) => trainerCommand(args, io), usage: trainerUsage },
  serve: { run: (_args, io) => serveCommand(io, process.env, false), usage: serveUsage },
  start: { run: (_args, io) => serveCommand(io, process.env, true), usage: startUsage },
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
