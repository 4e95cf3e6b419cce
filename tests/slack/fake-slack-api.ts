/**
 * A loopback fake of the Slack Web API for tests: the real `@slack/web-api` client (Bolt's, the notifier's)
 * is pointed at it with `SLACK_API_URL`. It records every call (method, parameters, time, token), answers
 * like Slack (timestamps, view ids and hashes, the files.uploadV2 flow with an upload URL on this server,
 * `response_url` posts, files shared by people with `files.info` and a download URL that wants the bot
 * token), refuses payloads that break Block Kit limits (`invalid_blocks`, as Slack would),
 * and can be told to answer a method with 429 + Retry-After, an HTTP error or a Slack error.
 *
 * `serve` and `answer` are one switch each (per route, per Slack method), hence their length.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitViolations, type Surface, type Violation } from "./block-kit-checker.ts";

export interface RecordedCall {
  /** `chat.update`, …; `upload` for the file body POST; `response_url` for posts to a command's response URL. */
  method: string;
  params: Record<string, unknown>;
  /** `performance.now()` when the request arrived. */
  at: number;
  token?: string;
  /** What the fake answered: HTTP status and, for API methods, `ok`/`error`. */
  status: number;
  error?: string;
  /** Bytes of an upload. */
  bytes?: number;
  /** The JSON answer of an API method. */
  response?: Record<string, unknown>;
}

export interface Fault {
  /** 429 (with Retry-After), 500, or 200 with `{ ok: false, error }`. */
  status: 429 | 500 | 200;
  retryAfterSeconds?: number;
  error?: string;
  /** How many calls get the fault. Default 1. */
  times?: number;
}

interface SharedFile {
  id: string;
  name: string;
  content: Buffer;
  user: string;
  channel: string;
  ts: string;
}

interface StoredView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly violations: { method: string; violations: Violation[] }[] = [];
  /** Members of each user group, for `usergroups.users.list`. */
  readonly usergroups = new Map<string, string[]>();
  /** Channel names, for `conversations.info`. */
  readonly channelNames = new Map<string, string>();
  /** Files people shared, for `files.info` and their download URL (`shareFile`). */
  private readonly files = new Map<string, SharedFile>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly views = new Map<string, StoredView>();
  private readonly externalIds = new Map<string, string>();
  private readonly usedTriggers = new Set<string>();
  private hooks: {
    match: (method: string, params: Record<string, unknown>) => boolean;
    run: (params: Record<string, unknown>) => Promise<void>;
  }[] = [];
  private server: Server | undefined;
  private counter = 0;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  origin = "";

  /** The base URL to give the client: `http://127.0.0.1:<port>/api/`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * A file as Slack keeps one shared by `user` in `channel` (its message `ts`): `files.info` describes it,
   * and its `url_private_download` on this server answers the bytes to a bot token only (Slack answers
   * its sign-in page otherwise). Returns the file id for the `file_shared` event.
   */
  shareFile(file: {
    name: string;
    content: Buffer | string;
    user: string;
    channel: string;
    ts?: string;
  }): string {
    const id = `F${++this.counter}`;
    this.files.set(id, {
      ...file,
      id,
      content: typeof file.content === "string" ? Buffer.from(file.content) : file.content,
      ts: file.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++this.counter).padStart(6, "0")}`,
    });
    return id;
  }

  /** A `response_url` on this server for a slash command or an interaction. */
  responseUrl(id = String(++this.counter)): string {
    return `${this.origin}/response/${id}`;
  }

  /** The next calls of `method` fail as described. */
  fail(method: string, fault: Fault): void {
    const list = this.faults.get(method) ?? [];
    list.push({ times: 1, ...fault });
    this.faults.set(method, list);
  }

  /**
   * Holds the answer to the first call that `match`es until `run` has finished (a test uses it to act at an
   * exact point of the app's sequence of calls).
   */
  before(
    match: (method: string, params: Record<string, unknown>) => boolean,
    run: (params: Record<string, unknown>) => Promise<void>,
  ): void {
    this.hooks.push({ match, run });
  }

  /** A view the app answered with `response_action: "push"` or `"update"`, so later calls can find it. */
  registerView(view: Record<string, unknown>, id?: string): StoredView {
    const stored = { id: id ?? `V${++this.counter}`, hash: `h${++this.counter}`, view };
    this.views.set(stored.id, stored);
    if (typeof view.external_id === "string") this.externalIds.set(view.external_id, stored.id);
    return stored;
  }

  view(id: string): StoredView | undefined {
    return this.views.get(id);
  }

  viewByExternalId(externalId: string): StoredView | undefined {
    const id = this.externalIds.get(externalId);
    return id ? this.views.get(id) : undefined;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `predicate` holds for the recorded calls (checked after every call). */
  async waitFor(
    predicate: (calls: RecordedCall[]) => boolean,
    timeoutMs = 30_000,
    what = "a Slack call",
  ): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(", ")}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ check: () => predicate(this.calls), resolve: done });
    });
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? "/", this.origin);
    const token = request.headers.authorization?.replace(/^Bearer /, "");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (url.pathname.startsWith("/upload/")) {
      this.record({
        method: "upload",
        params: { file_id: url.pathname.slice(8) },
        at,
        status: 200,
        bytes: raw.length,
        ...(token ? { token } : {}),
      });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("OK - " + raw.length);
      return;
    }
    if (url.pathname.startsWith("/files/")) {
      const file = this.files.get(url.pathname.split("/")[2] ?? "");
      const allowed = file !== undefined && token?.startsWith("xoxb-") === true;
      this.record({
        method: "download",
        params: { file_id: url.pathname.split("/")[2] },
        at,
        status: allowed ? 200 : 302,
        ...(token ? { token } : {}),
      });
      if (!allowed) {
        // As Slack does without a token that may read the file: its sign-in page.
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end("<!DOCTYPE html><html><body>Sign in to Slack</body></html>");
        return;
      }
      response.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": file.content.length,
      });
      response.end(file.content);
      return;
    }
    if (url.pathname.startsWith("/response/")) {
      const params = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
      this.check("response_url", params);
      this.record({
        method: "response_url",
        params: { ...params, response_id: url.pathname.slice(10) },
        at,
        status: 200,
      });
      send(200, { ok: true });
      return;
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const params = parseParams(raw.toString("utf8"), request.headers["content-type"] ?? "");
    const hook = this.hooks.find((h) => h.match(method, params));
    if (hook) {
      this.hooks = this.hooks.filter((h) => h !== hook);
      await hook.run(params).catch((error: unknown) => console.error("FakeSlackApi hook failed:", error));
    }
    const fault = this.takeFault(method);
    if (fault && fault.status !== 200) {
      this.record({ method, params, at, status: fault.status, ...(token ? { token } : {}) });
      send(
        fault.status,
        fault.status === 429 ? { ok: false, error: "ratelimited" } : "Internal Server Error",
        {
          ...(fault.status === 429 ? { "retry-after": String(fault.retryAfterSeconds ?? 1) } : {}),
        },
      );
      return;
    }
    const answer = fault ? { ok: false, error: fault.error ?? "fatal_error" } : this.answer(method, params);
    this.record({
      method,
      params,
      at,
      status: 200,
      ...(token ? { token } : {}),
      ...(answer.ok ? {} : { error: String(answer.error) }),
      response: answer,
    });
    send(200, answer);
  }

  private takeFault(method: string): Fault | undefined {
    const list = this.faults.get(method);
    const fault = list?.[0];
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) list!.shift();
    return fault;
  }

  /** Records Block Kit problems; true when the payload is acceptable. */
  private check(method: string, params: Record<string, unknown>): boolean {
    let surface: Surface | undefined;
    if (method.startsWith("chat.") || method === "response_url") {
      surface = { kind: "message", text: params.text as string, blocks: (params.blocks as unknown[]) ?? [] };
    } else if (method.startsWith("views.")) {
      const view = params.view as Record<string, unknown>;
      surface = view?.type === "home" ? { kind: "home", view } : { kind: "modal", view };
    }
    if (!surface) return true;
    const violations = blockKitViolations(surface);
    if (violations.length > 0) this.violations.push({ method, violations });
    return violations.length === 0;
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    if (!this.check(method, params)) return { ok: false, error: "invalid_blocks" };
    const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++this.counter).padStart(6, "0")}`;
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.com/",
          team: "Fake",
          user: "mmm",
          team_id: "T0FAKE",
          user_id: "U0BOT",
          bot_id: "B0BOT",
        };
      case "chat.postMessage": {
        const message = {
          ts: ts(),
          text: params.text,
          ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}),
        };
        return { ok: true, channel: params.channel, ts: message.ts, message };
      }
      case "chat.update":
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: ts() };
      case "views.open":
      case "views.push": {
        const trigger = String(params.trigger_id ?? "");
        if (!trigger) return { ok: false, error: "invalid_trigger_id" };
        if (this.usedTriggers.has(trigger)) return { ok: false, error: "exchanged_trigger_id" };
        this.usedTriggers.add(trigger);
        const stored = this.registerView(params.view as Record<string, unknown>);
        return { ok: true, view: { ...stored.view, id: stored.id, hash: stored.hash } };
      }
      case "views.update": {
        const id = (params.view_id as string | undefined) ?? this.externalIds.get(String(params.external_id));
        const stored = id ? this.views.get(id) : undefined;
        if (!stored) return { ok: false, error: "not_found" };
        if (params.hash && params.hash !== stored.hash) return { ok: false, error: "hash_conflict" };
        stored.view = params.view as Record<string, unknown>;
        stored.hash = `h${++this.counter}`;
        if (typeof stored.view.external_id === "string")
          this.externalIds.set(stored.view.external_id, stored.id);
        return { ok: true, view: { ...stored.view, id: stored.id, hash: stored.hash } };
      }
      case "views.publish":
        return {
          ok: true,
          view: { ...(params.view as object), id: `VH${++this.counter}`, hash: `h${++this.counter}` },
        };
      case "files.getUploadURLExternal": {
        const id = `F${++this.counter}`;
        return { ok: true, file_id: id, upload_url: `${this.origin}/upload/${id}` };
      }
      case "files.completeUploadExternal": {
        const files = (params.files as { id: string; title?: string }[]) ?? [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) };
      }
      case "files.info": {
        const file = this.files.get(String(params.file));
        if (!file) return { ok: false, error: "file_not_found" };
        const shares = { [file.channel]: [{ ts: file.ts }] };
        return {
          ok: true,
          file: {
            id: file.id,
            name: file.name,
            title: file.name,
            size: file.content.length,
            user: file.user,
            url_private: `${this.origin}/files/${file.id}/${encodeURIComponent(file.name)}`,
            url_private_download: `${this.origin}/files/${file.id}/download/${encodeURIComponent(file.name)}`,
            shares: file.channel.startsWith("C") ? { public: shares } : { private: shares },
          },
        };
      }
      case "usergroups.users.list":
        return { ok: true, users: this.usergroups.get(String(params.usergroup)) ?? [] };
      case "usergroups.list":
        return {
          ok: true,
          usergroups: [...this.usergroups.keys()].map((id) => ({ id, handle: id.toLowerCase() })),
        };
      case "conversations.info": {
        const name = this.channelNames.get(String(params.channel));
        return name
          ? { ok: true, channel: { id: params.channel, name } }
          : { ok: false, error: "channel_not_found" };
      }
      case "apps.connections.open":
        return { ok: false, error: "invalid_auth" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

/** The client sends form fields, with objects and arrays as JSON text. */
function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  if (!contentType.includes("application/x-www-form-urlencoded")) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
