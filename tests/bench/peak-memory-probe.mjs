// Preloaded into a benchmarked child process (`node --import <this file> …`): on exit, prints the process's
// peak resident memory (all its threads) as the last line on stderr, for `child-run.ts` to read.
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(2, `\npeak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
