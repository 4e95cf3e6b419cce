/**
 * Test support: one HTTP/1.1 request over a raw TCP socket (`node:net`), so a test controls every byte a
 * client sends (any `Host`, no `Origin`, a `text/plain` body) and sees what the real listening server
 * answers, with no client library normalising anything in between.
 */
import { connect } from "node:net";

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  /** Sent as written, in this order; `Host` is not added when absent. */
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const body = request.body ?? "";
  const lines = [
    `${request.method ?? "GET"} ${request.path} HTTP/1.1`,
    ...Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "Connection: close",
    ...(request.body !== undefined ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
  ];
  return new Promise((resolve, reject) => {
    // Written without half-closing: the server closes after its answer (`Connection: close`).
    const socket = connect(port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(parse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

function parse(raw: Buffer): RawResponse {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`Not an HTTP response: ${JSON.stringify(raw.toString("utf8", 0, 200))}`);
  const [statusLine, ...headerLines] = raw.toString("latin1", 0, end).split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1]);
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const rest = raw.subarray(end + 4);
  const body = headers["transfer-encoding"] === "chunked" ? dechunk(rest) : rest;
  return { status, headers, body: body.toString("utf8") };
}

/** The body of a `Transfer-Encoding: chunked` answer (sizes are in bytes, hence Buffers). */
function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", at);
    const size = parseInt(raw.toString("latin1", at, lineEnd), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
