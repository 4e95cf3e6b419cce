/**
 * A file shared in Slack, saved on this machine: `files.info` says its name, size and private download URL;
 * the file is fetched from that URL with the bot token (Slack's files are private) and streamed to disk,
 * counting bytes, so a file larger than the dataset limit stops the download and nothing is kept.
 *
 * The bot token is sent only to an allowed origin (Slack's file host, or the Slack API that
 * `SLACK_API_URL` names instead): a `url_private_download` elsewhere is refused rather than handed a token.
 * Slack answers an unauthorised download with its sign-in page (HTML, status 200), so an HTML answer is
 * refused as well instead of being read as the file.
 */
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { WebClient } from "@slack/web-api";
import { MmmError } from "../../common/errors.ts";
import { tooManyBytes } from "../../core/datasets/snapshot-upload.ts";

export const SLACK_FILES_ORIGIN = "https://files.slack.com";

export interface SharedFile {
  readonly id: string;
  readonly name: string;
  readonly bytes: number;
  /** Who shared it (a Slack user id). */
  readonly user?: string;
  readonly downloadUrl: string;
  /** The timestamp of the message that shared it, by conversation id (to answer in its thread). */
  readonly sharedIn: Readonly<Record<string, string>>;
}

type Shares = Record<string, { ts?: string }[] | undefined>;

/** `files.info` of `fileId`, as what a download needs. */
export async function sharedFileInfo(client: WebClient, fileId: string): Promise<SharedFile> {
  const answer = await client.files.info({ file: fileId });
  const file = answer.file;
  const downloadUrl = file?.url_private_download ?? file?.url_private;
  if (!file?.id || !downloadUrl) {
    throw new MmmError(
      "unavailable",
      "Slack did not say where to download the shared file: share it again.",
      {
        context: { field: "file" },
      },
    );
  }
  return {
    id: file.id,
    name: file.name ?? file.title ?? `${file.id}.csv`,
    bytes: file.size ?? 0,
    ...(file.user ? { user: file.user } : {}),
    downloadUrl,
    sharedIn: Object.fromEntries(
      [file.shares?.public as Shares | undefined, file.shares?.private as Shares | undefined].flatMap(
        (shares) =>
          Object.entries(shares ?? {}).flatMap(([channel, list]) =>
            list?.[0]?.ts ? [[channel, list[0].ts]] : [],
          ),
      ),
    ),
  };
}

/** Saves `file` as `dir/upload`; throws `invalid_input` on `file` when it is over `maxBytes`. */
export async function downloadSharedFile(
  file: SharedFile,
  dir: string,
  options: { token: string; maxBytes: number; allowedOrigins: readonly string[] },
): Promise<string> {
  if (file.bytes > options.maxBytes) throw tooManyBytes(file.name, options.maxBytes);
  const url = new URL(file.downloadUrl);
  if (!options.allowedOrigins.includes(url.origin)) {
    throw new MmmError(
      "unavailable",
      `Slack gave a download address outside ${options.allowedOrigins.join(", ")} for ${file.name}, so it was not fetched.`,
      { context: { field: "file", origin: url.origin } },
    );
  }
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.token}` },
    redirect: "error",
  });
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || response.body === null || type.startsWith("text/html")) {
    await response.body?.cancel();
    throw new MmmError(
      "unavailable",
      `${file.name} could not be downloaded from Slack (HTTP ${response.status}${type.startsWith("text/html") ? ", a sign-in page" : ""}): ` +
        "the app needs the files:read scope; reinstall it if it was added lately.",
      { context: { field: "file", status: response.status } },
    );
  }
  const path = join(dir, "upload");
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > options.maxBytes ? tooManyBytes(file.name, options.maxBytes) : null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    count,
    createWriteStream(path),
  );
  return path;
}
