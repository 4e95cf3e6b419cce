/** Entry point of the `mmm` command line (see cli.ts). */
import { existsSync } from "node:fs";
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

// The settings a person keeps in .env (see .env.example) apply wherever mmm is started from that folder;
// variables already set in the environment win, as with `node --env-file`.
if (existsSync(".env")) process.loadEnvFile(".env");

process.exitCode = await main(process.argv.slice(2), io);
