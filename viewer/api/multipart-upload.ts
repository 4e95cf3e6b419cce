/**
 * Receiving one uploaded file from a `multipart/form-data` body, streamed to a file on disk as it
 * arrives (never held in memory): the file part `file` and small text fields beside it (`name`,
 * `sheet`). A file larger than `maxBytes` stops the reading at once with a clear error; the app's body
 * limit for upload routes (`body-limit.ts`) stops a body that is larger still, multipart framing included.
 */
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Busboy } from "@fastify/busboy";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { tooManyBytes } from "../../core/datasets/snapshot-upload.ts";

export interface ReceivedUpload {
  /** Where the file was saved. */
  readonly path: string;
  /** The file's name as the client gave it. */
  readonly fileName: string;
  readonly bytes: number;
  /** The text fields, by name. */
  readonly fields: Readonly<Record<string, string>>;
}

const FIELD_BYTES = 1024;

/**
 * `beforeFile`: called with the text fields sent before the file part (a form sends its fields in order),
 * before any of the file is written; what it throws stops the upload (a viewer form's CSRF token).
 */
export async function receiveUpload(
  request: Request,
  dir: string,
  maxBytes: number,
  beforeFile?: (fields: Readonly<Record<string, string>>) => void,
): Promise<ReceivedUpload> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type) || request.body === null) {
    throw new MmmError(
      "unsupported_media_type",
      "Upload the file as multipart/form-data, in a field named file (curl -F file=@weekly.csv).",
      { context: { field: "content-type", location: "header" } },
    );
  }
  const fields: Record<string, string> = {};
  let saved: Promise<{ fileName: string; bytes: number }> | undefined;
  const path = join(dir, "upload");
  const parser = Busboy({
    headers: { "content-type": type },
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: FIELD_BYTES },
  });
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (field, stream, fileName) => {
    if (field !== "file" || saved !== undefined) {
      stream.resume();
      return;
    }
    try {
      beforeFile?.(fields);
    } catch (error) {
      stream.resume();
      body.destroy(error as Error);
      return;
    }
    let bytes = 0;
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on("limit", () => {
      // Stop reading the request: the rest of a file over the limit is never received.
      const error = tooManyBytes(fileName || "The file", maxBytes);
      stream.destroy(error);
      body.destroy(error);
    });
    saved = pipeline(stream, createWriteStream(path)).then(() => ({ fileName, bytes }));
    saved.catch(() => undefined);
  });
  try {
    await pipeline(body, parser);
  } catch (error) {
    if (error instanceof MmmError) throw error;
    const sent = await saved?.catch((cause: unknown) => cause);
    if (sent instanceof MmmError) throw sent;
    throw invalidInput(
      "file",
      `The upload could not be read as multipart/form-data: ${(error as Error).message}`,
    );
  }
  if (saved === undefined) {
    throw invalidInput("file", "The upload has no file: send it in a multipart field named file.");
  }
  const { fileName, bytes } = await saved;
  return { path, fileName: fileName || "upload.csv", bytes, fields };
}
