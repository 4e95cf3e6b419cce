/** Where a command writes: the process's stdout and stderr, or a test's buffers. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Present when stdout is a terminal: commands then print for a person (a progress bar redrawn in place,
   * short lines) and JSON only when asked with `--json`; without it (a pipe, a file, a program) they print
   * JSON.
   */
  terminal?: { write: (text: string) => void; columns: number };
}

/** Whether a command prints for a person: stdout is a terminal and `--json` was not given. */
export function forPeople(io: CommandIo, json: boolean | undefined): boolean {
  return io.terminal !== undefined && json !== true;
}
