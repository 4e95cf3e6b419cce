/**
 * What kind of file an upload is: by its extension, confirmed by its first bytes, so that a binary file
 * renamed `.csv` (or a CSV renamed `.xlsx`) is refused with a clear message before DuckDB sees it.
 */
import { open } from "node:fs/promises";
import { invalidInput } from "../../common/errors.ts";
import type { DatasetFormat } from "./dataset.ts";

const EXTENSIONS: Readonly<Record<string, DatasetFormat>> = {
  ".csv": "csv",
  ".tsv": "csv",
  ".txt": "csv",
  ".parquet": "parquet",
  ".xlsx": "xlsx",
};

/** How many first bytes are looked at. */
const HEAD_BYTES = 64 * 1024;

/** Whether a file of this name is one an upload may be (by its extension alone). */
export function isDataFileName(fileName: string): boolean {
  return EXTENSIONS[extensionOf(fileName)] !== undefined;
}

function extensionOf(fileName: string): string {
  return /\.[^.]*$/.exec(fileName.toLowerCase())?.[0] ?? "";
}

/** The format of the upload `fileName` saved at `path` (`bytes` long); throws `invalid_input` on `file`. */
export async function uploadFormat(fileName: string, path: string, bytes: number): Promise<DatasetFormat> {
  const extension = extensionOf(fileName);
  const format = EXTENSIONS[extension];
  if (format === undefined) {
    const hint = extension === ".xls" ? " Save the old .xls workbook as .xlsx or CSV first." : "";
    throw invalidInput(
      "file",
      `${fileName} is not a data file this app reads: upload a .csv (or .tsv, .txt), .parquet or .xlsx file.${hint}`,
      { fileName },
    );
  }
  if (bytes === 0)
    throw invalidInput("file", `${fileName} is empty: there is nothing to read.`, { fileName });
  const head = await readHead(path);
  if (format === "parquet" && head.subarray(0, 4).toString("latin1") !== "PAR1") {
    throw invalidInput("file", `${fileName} is not a Parquet file (it does not start as one does).`, {
      fileName,
    });
  }
  if (format === "xlsx" && !head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw invalidInput(
      "file",
      `${fileName} is not an XLSX workbook (it is not a zip archive as .xlsx files are).`,
      {
        fileName,
      },
    );
  }
  if (format === "csv" && head.includes(0)) {
    throw invalidInput(
      "file",
      `${fileName} holds binary data, not text: upload a CSV file (text, one row per line), or the workbook as .xlsx.`,
      { fileName },
    );
  }
  return format;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
