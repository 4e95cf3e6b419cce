/**
 * A raw HTTP/1.1 client over `node:net` that sends a chunked body (no Content-Length) of up to `totalBytes`
 * in 64 KiB chunks and stops sending as soon as the server answers. `fetch` cannot do this: it buffers or
 * waits for the whole body. Used by the body-limit test and the memory measurement (tests/bench).
 */
import { once } from "node:events";
import { connect } from "node:net";

export interface ChunkedAnswer {
  /** The answer's HTTP status, or undefined when the connection closed without one. */
  status: number | undefined;
  /** Body bytes written to the socket when the first byte of the answer arrived (or at the end). */
  bytesSentBeforeAnswer: number;
  /** Whether every byte of the body was written. */
  sentEverything: boolean;
}

const CHUNK = Buffer.alloc(64 * 1024, "a");
const FRAME = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from("\r\n")]);

export async function sendChunkedBody(
  port: number,
  request: { method?: string; path: string; headers?: Record<string, string> },
  totalBytes: number,
): Promise<ChunkedAnswer> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  let sent = 0;
  let sentAtAnswer: number | undefined;
  let head = "";
  socket.on("data", (data: Buffer) => {
    sentAtAnswer ??= sent;
    if (head.length < 100) head += data.toString("latin1");
  });
  // The server closes the connection after refusing the body; writes then fail with EPIPE or ECONNRESET.
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const headers = {
    host: `127.0.0.1:${port}`,
    "transfer-encoding": "chunked",
    ...request.headers,
  };
  socket.write(
    `${request.method ?? "POST"} ${request.path} HTTP/1.1\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      "\r\n",
  );
  while (sent < totalBytes && sentAtAnswer === undefined && !socket.destroyed) {
    const flushed = socket.write(FRAME);
    sent += CHUNK.length;
    if (!flushed) await Promise.race([new Promise((resolve) => socket.once("drain", resolve)), closed]);
  }
  const sentEverything = sent >= totalBytes;
  if (sentEverything && !socket.destroyed) socket.write("0\r\n\r\n");
  await Promise.race([
    closed,
    new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (/\r\n/.test(head)) {
          clearInterval(check);
          resolve();
        }
      }, 5);
      socket.once("close", () => clearInterval(check));
    }),
  ]);
  socket.destroy();
  const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
  return {
    status: status === undefined ? undefined : Number(status),
    bytesSentBeforeAnswer: sentAtAnswer ?? sent,
    sentEverything,
  };
}
