/** The run's `log.txt`: timestamped lines appended as the trainer goes, and its tail for failure reports. */
import { appendFile, readFile } from "node:fs/promises";

export class RunLog {
  constructor(readonly path: string) {}

  async line(text: string): Promise<void> {
    await appendFile(this.path, `${new Date().toISOString()} ${text}\n`);
  }

  /** The last `lines` lines, for a failure message. */
  async tail(lines = 30): Promise<string> {
    const text = await readFile(this.path, "utf8").catch(() => "");
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  }
}
