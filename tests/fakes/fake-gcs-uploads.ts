/**
 * The upload side of the fake Cloud Storage JSON API: the three `objects.insert` forms the client library
 * uses (https://cloud.google.com/storage/docs/uploading-objects) and the object resource it answers with.
 *
 * - `uploadType=media`: the body is the object.
 * - `uploadType=multipart`: `multipart/related`, a JSON metadata part then the media part.
 * - `uploadType=resumable`: a POST opens a session (answered with its URL in `Location`), then PUTs with
 *   `Content-Range` send the bytes: `bytes a-b/total` (a chunk; `*` for a total not known yet),
 *   `bytes a-*\/total` (the rest in one request), `bytes *\/total` (a status check). An unfinished
 *   session answers 308 with `Range: bytes=0-<last byte received>`; the last chunk answers 200 with the
 *   object. Nothing is visible under the object's name until then, as in Cloud Storage.
 */
import { createHash } from "node:crypto";
import { CRC32C } from "@google-cloud/storage";

export interface StoredObject {
  readonly name: string;
  readonly data: Buffer;
  readonly contentType: string;
  readonly generation: number;
  readonly updated: string;
  /** Base64 digests, computed once when the object is stored. */
  readonly md5Hash: string;
  readonly crc32c: string;
}

export interface UploadSession {
  readonly bucket: string;
  readonly name: string;
  readonly contentType: string;
  received: Buffer[];
  receivedBytes: number;
}

export function md5Of(data: Buffer): string {
  return createHash("md5").update(data).digest("base64");
}

export function crc32cOf(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}

/** The JSON API's object resource (the fields the client library reads). */
export function objectResource(bucket: string, object: StoredObject): Record<string, unknown> {
  return {
    kind: "storage#object",
    id: `${bucket}/${object.name}/${object.generation}`,
    name: object.name,
    bucket,
    generation: String(object.generation),
    metageneration: "1",
    contentType: object.contentType,
    size: String(object.data.length),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    timeCreated: object.updated,
    updated: object.updated,
  };
}

/** The metadata and media of a `multipart/related` body, or `undefined` when it is not one. */
export function parseMultipart(
  contentType: string,
  body: Buffer,
): { metadata: Record<string, unknown>; media: Buffer; mediaType: string } | undefined {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return undefined;
    parts.push(body.subarray(start + 2, next - 2)); // between the CRLF after the delimiter and the one before the next
    at = next;
  }
  if (parts.length !== 2) return undefined;
  const [head, media] = parts.map((part) => {
    const split = part.indexOf("\r\n\r\n");
    return { headers: part.subarray(0, split).toString("latin1"), body: part.subarray(split + 4) };
  });
  const mediaType = /content-type:\s*([^\r\n]+)/i.exec(media!.headers)?.[1] ?? "application/octet-stream";
  return {
    metadata: JSON.parse(head!.body.toString("utf8")) as Record<string, unknown>,
    media: media!.body,
    mediaType,
  };
}

export type ChunkOutcome =
  | { readonly kind: "incomplete"; readonly receivedBytes: number }
  | { readonly kind: "complete"; readonly data: Buffer }
  | { readonly kind: "bad-request"; readonly message: string };

/**
 * Applies one PUT of a resumable session: `range` is its `Content-Range`, `body` what it carried. Bytes
 * the session already holds are not taken twice (a client resending after a lost answer).
 */
export function applyChunk(session: UploadSession, range: string | undefined, body: Buffer): ChunkOutcome {
  const status = /^bytes \*\/(\d+|\*)$/.exec(range ?? "");
  if (status !== null) {
    const total = status[1] === "*" ? undefined : Number(status[1]);
    return finishIfComplete(session, total);
  }
  const chunk = /^bytes (\d+)-(\d+|\*)\/(\d+|\*)$/.exec(range ?? "");
  if (chunk === null) return { kind: "bad-request", message: `Content-Range ${range} is not understood.` };
  const first = Number(chunk[1]);
  if (first > session.receivedBytes) {
    return {
      kind: "bad-request",
      message: `The chunk starts at ${first}, past the ${session.receivedBytes} bytes held.`,
    };
  }
  const fresh = body.subarray(session.receivedBytes - first);
  session.received.push(fresh);
  session.receivedBytes += fresh.length;
  // `a-*/…`: this request carried the rest of the object.
  const total = chunk[2] === "*" ? session.receivedBytes : chunk[3] === "*" ? undefined : Number(chunk[3]);
  return finishIfComplete(session, total);
}

function finishIfComplete(session: UploadSession, total: number | undefined): ChunkOutcome {
  if (total !== undefined && session.receivedBytes === total) {
    return { kind: "complete", data: Buffer.concat(session.received) };
  }
  if (total !== undefined && session.receivedBytes > total) {
    return {
      kind: "bad-request",
      message: `Received ${session.receivedBytes} bytes for an object of ${total}.`,
    };
  }
  return { kind: "incomplete", receivedBytes: session.receivedBytes };
}
