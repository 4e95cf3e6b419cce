/** Entry point of the `mmm` command line (see cli.ts). */
import { main } from "./cli.ts";
import type { CommandIo } from "./command-io.ts";

const io: CommandIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  ...(process.stdout.isTTY
    ? {
        terminal: {
          write: (text: string) => process.stdout.write(text),
          columns: process.stdout.columns || 80,
        },
      }
    : {}),
};

process.exitCode = await main(process.argv.slice(2), io);
