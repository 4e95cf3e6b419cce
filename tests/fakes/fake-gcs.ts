/**
 * A loopback fake of the Cloud Storage JSON API, for the GCS ArtifactStore tests: the official client
 * (`@google-cloud/storage`) is pointed at it with `apiEndpoint` and talks HTTP to it as it would to
 * storage.googleapis.com. It implements what the client calls for the store's operations:
 *
 *   GET    /storage/v1/b/{bucket}                        buckets.get
 *   GET    /storage/v1/b/{bucket}/o?prefix&pageToken     objects.list (pages of `pageSize` objects)
 *   GET    /storage/v1/b/{bucket}/o/{object}[?alt=media] objects.get (metadata, or the bytes)
 *   DELETE /storage/v1/b/{bucket}/o/{object}             objects.delete
 *   POST   /upload/storage/v1/b/{bucket}/o?uploadType=media|multipart|resumable   objects.insert
 *   PUT    /upload/storage/v1/b/{bucket}/o?upload_id=…   resumable session chunks and status checks
 *   GET    /{bucket}/{object}?X-Goog-Signature=…         a V4 signed URL (`fake-gcs-signature.ts`)
 *
 * Errors have the JSON API's shape (`{ error: { code, message, errors: [{ reason }] } }`) and exactly
 * `application/json` as content type (the client parses nothing else). `inject` adds faults: a status
 * (503, 429 with `Retry-After`, 403…) or a request that never gets an answer, for the next N matching
 * requests. Every request is logged in `requests`. No auth is checked: the client sends none to a custom
 * endpoint.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { KeyObject } from "node:crypto";
import { checkSignedUrl, type SignedUrlCheck } from "./fake-gcs-signature.ts";
import {
  applyChunk,
  crc32cOf,
  md5Of,
  objectResource,
  parseMultipart,
  type StoredObject,
  type UploadSession,
} from "./fake-gcs-uploads.ts";

/** What a request does, for faults and the request log. */
export type RequestKind =
  | "bucket"
  | "list"
  | "metadata"
  | "download"
  | "delete"
  | "upload-simple"
  | "upload-session"
  | "upload-chunk"
  | "signed-download";

export interface Fault {
  /** Which requests it hits (default: every kind). */
  readonly kind?: RequestKind | readonly RequestKind[];
  /** How many matching requests it hits (default 1; `Infinity` for all). */
  readonly times?: number;
  /** How many matching requests it lets through first (default 0). */
  readonly after?: number;
  /** Answer with this status (and headers, e.g. `Retry-After`)… */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly message?: string;
  /** …or never answer (the client's timeout must end the request). */
  readonly hang?: boolean;
}

export interface LoggedRequest {
  readonly method: string;
  readonly kind: RequestKind | "unknown";
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  /** The fault injected into this request, if any. */
  readonly fault?: Fault;
}

export interface FakeGcsOptions {
  /** Buckets that exist (others answer 404). */
  readonly buckets: readonly string[];
  /** Objects per page of `objects.list`, at most (default 1000, as Cloud Storage). */
  readonly pageSize?: number;
}

export class FakeGcs {
  readonly requests: LoggedRequest[] = [];
  readonly #objects = new Map<string, Map<string, StoredObject>>();
  readonly #sessions = new Map<string, UploadSession & { done?: StoredObject }>();
  readonly #faults: { fault: Fault; skip: number; left: number }[] = [];
  readonly #signers = new Map<string, KeyObject | string>();
  readonly #pageSize: number;
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  #generation = 1;
  #sessionCount = 0;
  #endpoint = "";

  constructor(options: FakeGcsOptions) {
    for (const bucket of options.buckets) this.#objects.set(bucket, new Map());
    this.#pageSize = options.pageSize ?? 1000;
  }

  /** Listens on an ephemeral loopback port; returns the endpoint for the client's `apiEndpoint`. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.#endpoint = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#endpoint;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Lets URLs signed by this service account verify. */
  trust(clientEmail: string, publicKey: KeyObject | string): void {
    this.#signers.set(clientEmail, publicKey);
  }

  inject(fault: Fault): void {
    this.#faults.push({ fault, skip: fault.after ?? 0, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Object names of a bucket, sorted. */
  names(bucket: string): string[] {
    return [...(this.#objects.get(bucket)?.keys() ?? [])].sort();
  }

  object(bucket: string, name: string): StoredObject | undefined {
    return this.#objects.get(bucket)?.get(name);
  }

  checkSignedUrl(url: string, now: Date): SignedUrlCheck {
    const parsed = new URL(url);
    if (parsed.origin !== this.#endpoint) return { valid: false, reason: "another host" };
    return checkSignedUrl(parsed, now, this.#signers);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.#endpoint);
    const rawPath = (req.url ?? "/").split("?")[0]!;
    const segments = rawPath.split("/").slice(1).map(decodeURIComponent);
    const route = classify(req.method ?? "GET", segments, url.searchParams);
    const fault = route === undefined ? undefined : this.#takeFault(route.kind);
    this.requests.push({
      method: req.method ?? "GET",
      kind: route?.kind ?? "unknown",
      path: rawPath,
      query: url.searchParams,
      headers: req.headers,
      ...(fault !== undefined ? { fault } : {}),
    });
    const body = await readBody(req);
    if (fault?.hang) return; // never answered: the client must give up on its own
    if (fault !== undefined) {
      return sendError(res, fault.status ?? 503, fault.message ?? "Injected fault.", fault.headers);
    }
    if (route === undefined) return sendError(res, 404, `Not found: ${req.method} ${rawPath}`);
    const objects = this.#objects.get(route.bucket);
    if (objects === undefined) return sendError(res, 404, "The specified bucket does not exist.");
    switch (route.kind) {
      case "bucket":
        return sendJson(res, 200, { kind: "storage#bucket", id: route.bucket, name: route.bucket });
      case "list":
        return this.#list(res, route.bucket, objects, url.searchParams);
      case "metadata":
      case "download":
      case "signed-download":
        return this.#read(res, route.kind, route.bucket, objects.get(route.name), url);
      case "delete":
        if (!objects.delete(route.name))
          return sendError(res, 404, `No such object: ${route.bucket}/${route.name}`);
        res.writeHead(204).end();
        return;
      case "upload-simple":
        return this.#simpleUpload(req, res, route.bucket, url.searchParams, body);
      case "upload-session":
        return this.#openSession(req, res, route.bucket, url.searchParams, body);
      case "upload-chunk":
        return this.#chunk(req, res, url.searchParams, body);
    }
  }

  #takeFault(kind: RequestKind): Fault | undefined {
    const entry = this.#faults.find(({ fault, left }) => {
      const kinds = fault.kind === undefined ? undefined : [fault.kind].flat();
      return left > 0 && (kinds === undefined || kinds.includes(kind));
    });
    if (entry === undefined) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.left -= 1;
    return entry.fault;
  }

  #list(res: ServerResponse, bucket: string, objects: Map<string, StoredObject>, q: URLSearchParams): void {
    const prefix = q.get("prefix") ?? "";
    const names = [...objects.keys()].filter((name) => name.startsWith(prefix)).sort();
    const start = Number(q.get("pageToken") ?? "0");
    const size = Math.min(Number(q.get("maxResults") ?? this.#pageSize), this.#pageSize);
    const page = names.slice(start, start + size);
    sendJson(res, 200, {
      kind: "storage#objects",
      items: page.map((name) => objectResource(bucket, objects.get(name)!)),
      ...(start + size < names.length ? { nextPageToken: String(start + size) } : {}),
    });
  }

  #read(
    res: ServerResponse,
    kind: "metadata" | "download" | "signed-download",
    bucket: string,
    object: StoredObject | undefined,
    url: URL,
  ): void {
    if (kind === "signed-download") {
      const check = this.checkSignedUrl(url.toString(), new Date());
      if (!check.valid) return sendError(res, 403, `The signed URL is not valid: ${check.reason}.`);
    }
    if (object === undefined) return sendError(res, 404, `No such object: ${bucket}/${url.pathname}`);
    if (kind === "metadata") return sendJson(res, 200, objectResource(bucket, object));
    const disposition = url.searchParams.get("response-content-disposition");
    res.writeHead(200, {
      "content-type": object.contentType,
      "content-length": String(object.data.length),
      "x-goog-hash": `crc32c=${object.crc32c},md5=${object.md5Hash}`,
      "x-goog-stored-content-encoding": "identity",
      "x-goog-generation": String(object.generation),
      ...(disposition !== null ? { "content-disposition": disposition } : {}),
    });
    res.end(object.data);
  }

  #simpleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    q: URLSearchParams,
    body: Buffer,
  ): void {
    if (q.get("uploadType") === "media") {
      const name = q.get("name");
      if (!name) return sendError(res, 400, "Required parameter: name");
      return this.#store(res, bucket, name, body, req.headers["content-type"] ?? "application/octet-stream");
    }
    const parsed = parseMultipart(req.headers["content-type"] ?? "", body);
    const name = (parsed?.metadata.name as string | undefined) ?? q.get("name");
    if (parsed === undefined || !name) return sendError(res, 400, "The multipart body is not understood.");
    const type = (parsed.metadata.contentType as string | undefined) ?? parsed.mediaType;
    this.#store(res, bucket, name, parsed.media, type);
  }

  #openSession(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    q: URLSearchParams,
    body: Buffer,
  ): void {
    const metadata = body.length > 0 ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
    const name = (metadata.name as string | undefined) ?? q.get("name");
    if (!name) return sendError(res, 400, "Required parameter: name");
    const id = `session-${++this.#sessionCount}`;
    const contentType =
      (metadata.contentType as string | undefined) ??
      (req.headers["x-upload-content-type"] as string | undefined) ??
      "application/octet-stream";
    this.#sessions.set(id, { bucket, name, contentType, received: [], receivedBytes: 0 });
    const location = `${this.#endpoint}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=resumable&upload_id=${id}`;
    res.writeHead(200, { location, "content-length": "0" }).end();
  }

  #chunk(req: IncomingMessage, res: ServerResponse, q: URLSearchParams, body: Buffer): void {
    const session = this.#sessions.get(q.get("upload_id") ?? "");
    if (session === undefined) return sendError(res, 404, "No such upload session.");
    if (session.done !== undefined) return sendJson(res, 200, objectResource(session.bucket, session.done));
    const outcome = applyChunk(session, req.headers["content-range"], body);
    if (outcome.kind === "bad-request") return sendError(res, 400, outcome.message);
    if (outcome.kind === "incomplete") {
      const range = outcome.receivedBytes > 0 ? { range: `bytes=0-${outcome.receivedBytes - 1}` } : {};
      res.writeHead(308, { ...range, "content-length": "0" }).end();
      return;
    }
    const claimed = /crc32c=([^,]+)/.exec(String(req.headers["x-goog-hash"] ?? ""))?.[1];
    if (claimed !== undefined && claimed !== crc32cOf(outcome.data)) {
      return sendError(res, 400, "The uploaded data did not match the CRC32C the client sent.");
    }
    session.done = this.#put(session.bucket, session.name, outcome.data, session.contentType);
    sendJson(res, 200, objectResource(session.bucket, session.done));
  }

  #store(res: ServerResponse, bucket: string, name: string, data: Buffer, contentType: string): void {
    sendJson(res, 200, objectResource(bucket, this.#put(bucket, name, data, contentType)));
  }

  #put(bucket: string, name: string, data: Buffer, contentType: string): StoredObject {
    const object: StoredObject = {
      name,
      data,
      contentType,
      generation: this.#generation++,
      updated: new Date().toISOString(),
      md5Hash: md5Of(data),
      crc32c: crc32cOf(data),
    };
    this.#objects.get(bucket)!.set(name, object);
    return object;
  }
}

type Route = { readonly kind: RequestKind; readonly bucket: string; readonly name: string };

/** The route of a request from its method and decoded path segments. */
function classify(method: string, s: string[], q: URLSearchParams): Route | undefined {
  if (s[0] === "storage" && s[1] === "v1" && s[2] === "b" && s[3] !== undefined) {
    const bucket = s[3];
    if (s.length === 4 && method === "GET") return { kind: "bucket", bucket, name: "" };
    if (s[4] !== "o") return undefined;
    if (s.length === 5 && method === "GET") return { kind: "list", bucket, name: "" };
    const name = s.slice(5).join("/");
    if (s.length >= 6 && method === "GET") {
      return { kind: q.get("alt") === "media" ? "download" : "metadata", bucket, name };
    }
    if (s.length >= 6 && method === "DELETE") return { kind: "delete", bucket, name };
    return undefined;
  }
  if (s[0] === "upload" && s[1] === "storage" && s[2] === "v1" && s[3] === "b" && s[5] === "o" && s[4]) {
    if (method === "PUT" && q.has("upload_id")) return { kind: "upload-chunk", bucket: s[4], name: "" };
    if (method === "POST" && q.get("uploadType") === "resumable") {
      return { kind: "upload-session", bucket: s[4], name: "" };
    }
    if (method === "POST") return { kind: "upload-simple", bucket: s[4], name: "" };
    return undefined;
  }
  if (method === "GET" && q.has("X-Goog-Signature") && s.length >= 2 && s[0]) {
    return { kind: "signed-download", bucket: s[0], name: s.slice(1).join("/") };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    // The client gave up mid-request; what arrived is not used.
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const reason = REASONS[status] ?? "backendError";
  const text = JSON.stringify({
    error: { code: status, message, errors: [{ message, domain: "global", reason }] },
  });
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

const REASONS: Readonly<Record<number, string>> = {
  400: "invalid",
  401: "required",
  403: "forbidden",
  404: "notFound",
  429: "rateLimitExceeded",
};
