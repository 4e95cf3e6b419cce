/**
 * A CSV file written as its rows arrive, about a megabyte at a time: the run's largest outputs (the
 * per-model matrices, hundreds of megabytes for long daily data with many channels, and `all_models.csv`)
 * never exist as one string or as one table of cells. The bytes equal `toCsv` of the same rows.
 */
import { open, type FileHandle } from "node:fs/promises";
import { csvLine } from "../engine/outputs/csv.ts";
import type { CellValue, OutputTable } from "../engine/outputs/output-tables.ts";

const CHUNK_CHARACTERS = 1 << 20;

export class CsvFile {
  #lines: string[] = [];
  #characters = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Creates (or truncates) the file and writes the header line. */
  static async create(path: string, columns: readonly string[]): Promise<CsvFile> {
    const file = new CsvFile(await open(path, "w"));
    await file.write([columns]);
    return file;
  }

  async write(rows: Iterable<readonly CellValue[]>): Promise<void> {
    for (const row of rows) {
      const line = csvLine(row);
      this.#lines.push(line);
      this.#characters += line.length + 1;
      if (this.#characters >= CHUNK_CHARACTERS) await this.#flush();
    }
  }

  /** Appends text already made (whole lines, UTF-8), after the lines buffered so far. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.#flush();
    await this.handle.writeFile(bytes);
  }

  /** Writes what is buffered and closes the file (also after a failed write). */
  async close(): Promise<void> {
    try {
      await this.#flush();
    } finally {
      await this.handle.close();
    }
  }

  async #flush(): Promise<void> {
    if (this.#lines.length === 0) return;
    const text = `${this.#lines.join("\n")}\n`;
    this.#lines = [];
    this.#characters = 0;
    // writeFile on a handle writes all of it from the current position (a bare write may stop short).
    await this.handle.writeFile(text);
  }
}

export async function writeCsvFile(path: string, table: OutputTable): Promise<void> {
  const file = await CsvFile.create(path, table.columns);
  try {
    await file.write(table.rows);
  } finally {
    await file.close();
  }
}
