/**
 * A Bolt `Receiver` for the Fetch API, so Slack's HTTP requests are served by the same Hono server as the
 * viewer (`POST /slack/events`) instead of a second Node HTTP server (Bolt's `HTTPReceiver` and
 * `ExpressReceiver` each want their own).
 *
 * The app's server bounds every request body before it gets here (`viewer/body-limit.ts`, counted as it
 * streams in), so reading the body whole for its signature is safe.
 *
 * Per request: verify Slack's signature (HMAC-SHA256 `v0` over `v0:<timestamp>:<body>` with the signing
 * secret, using Bolt's own `verifySlackRequest`, plus the same five-minute window for timestamps in the
 * future, which Bolt does not check), answer `url_verification` and `ssl_check` itself, then hand the payload
 * to `app.processEvent` with Slack's retry headers and resolve the HTTP response as soon as a listener calls
 * `ack()` (listeners keep working after that). A request nobody acknowledges within `unhandledRequestTimeoutMs`
 * (3.001 s, Bolt's default) gets a 404, as Bolt's receivers answer, and is logged.
 *
 * This does what Bolt's `HTTPReceiver` does with `processBeforeResponse: false`; on a platform that stops the
 * CPU after the response (Cloud Run with request-based billing) the work after `ack()` needs instance-based
 * billing (see bot/README.md).
 */
import {
  ReceiverMultipleAckError,
  verifySlackRequest,
  type App,
  type Logger,
  type Receiver,
  type ReceiverEvent,
} from "@slack/bolt";

export interface FetchReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Milliseconds before an unacknowledged request is answered 404. Default 3001 (Bolt's). */
  unhandledRequestTimeoutMs?: number;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
}

const MAX_SKEW_SECONDS = 5 * 60;
/** The longest a listener's work after `ack()` waits for other requests' acks. */
const MAX_DEFER_MS = 250;

export class FetchReceiver implements Receiver {
  private app: App | undefined;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  /** Requests received and not yet answered; work after an ack waits until there are none. */
  private unanswered = 0;
  private idleWaiters: (() => void)[] = [];
  private draining = false;

  constructor(private readonly options: FetchReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.unhandledRequestTimeoutMs ?? 3001;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to listen on: the Hono server owns the port. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Serves one request from Slack: a command, an interaction, an options load or an event. */
  readonly handle = async (request: Request): Promise<Response> => {
    this.unanswered++;
    try {
      return await this.answer(request);
    } finally {
      this.unanswered--;
      if (this.unanswered === 0) this.releaseWaiters();
    }
  };

  /**
   * Resolves when every request received so far has been answered. Listeners resume their work after
   * `ack()` only then, one per turn of the event loop, so that under a burst of commands every waiting ack
   * goes out before the slower follow-up work (database reads, messages) of any command holds the loop.
   * Under unbroken traffic a listener still resumes after `MAX_DEFER_MS`, so follow-ups never starve.
   */
  private whenIdle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter = () => {
        clearTimeout(deadline);
        resolve();
      };
      const deadline = setTimeout(() => {
        const index = this.idleWaiters.indexOf(waiter);
        if (index >= 0) this.idleWaiters.splice(index, 1);
        resolve();
      }, MAX_DEFER_MS);
      this.idleWaiters.push(waiter);
      if (this.unanswered === 0) this.releaseWaiters();
    });
  }

  private releaseWaiters(): void {
    if (this.draining) return;
    this.draining = true;
    const drainOne = () => {
      // New requests arrived in the meantime: wait until they are answered (handle() calls back here).
      if (this.unanswered > 0 || this.idleWaiters.length === 0) {
        this.draining = false;
        return;
      }
      this.idleWaiters.shift()!();
      setImmediate(drainOne);
    };
    setImmediate(drainOne);
  }

  private async answer(request: Request): Promise<Response> {
    if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
    const raw = await request.text();
    const refusal = this.verify(request.headers, raw);
    if (refusal) {
      this.options.logger.warn(`Slack request refused: ${refusal}`);
      return new Response("Invalid request signature", { status: 401 });
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, request.headers.get("content-type"));
    } catch {
      return new Response("Unreadable body", { status: 400 });
    }
    if (body.ssl_check) return new Response(null, { status: 200 });
    if (body.type === "url_verification") return Response.json({ challenge: body.challenge });
    if (!this.app) return new Response("The Slack app is starting", { status: 503 });
    return this.dispatch(this.app, body, request.headers);
  }

  /** Why the request is not from Slack, or undefined when it is. */
  private verify(headers: Headers, raw: string): string | undefined {
    const signature = headers.get("x-slack-signature");
    const timestamp = Number(headers.get("x-slack-request-timestamp"));
    if (!signature || !Number.isInteger(timestamp)) return "missing signature or timestamp";
    if (timestamp - Math.floor(this.now() / 1000) > MAX_SKEW_SECONDS) return "timestamp in the future";
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
        nowMilliseconds: this.now(),
      });
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  private dispatch(app: App, body: Record<string, unknown>, headers: Headers): Promise<Response> {
    return new Promise<Response>((resolve) => {
      let acked = false;
      const timer = setTimeout(() => {
        if (acked) return;
        acked = true;
        this.options.logger.error(
          `A Slack request was not acknowledged within ${this.timeoutMs} ms (${describe(body)}); answering 404.`,
        );
        resolve(new Response("", { status: 404 }));
      }, this.timeoutMs);
      const retryNum = headers.get("x-slack-retry-num");
      const retryReason = headers.get("x-slack-retry-reason");
      const event: ReceiverEvent = {
        body,
        ...(retryNum !== null ? { retryNum: Number(retryNum) } : {}),
        ...(retryReason !== null ? { retryReason } : {}),
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          clearTimeout(timer);
          resolve(ackResponse(response));
          // The listener's follow-up work waits until every request received so far has its answer.
          await this.whenIdle();
        },
      };
      app.processEvent(event).then(
        () => {
          if (acked) return;
          // No listener took it (an action nobody handles, an event we do not subscribe to).
          acked = true;
          clearTimeout(timer);
          resolve(new Response("", { status: 404 }));
        },
        (error: unknown) => {
          this.options.logger.error(`Bolt failed on a Slack request (${describe(body)}):`, error);
          if (acked) return;
          acked = true;
          clearTimeout(timer);
          resolve(new Response("Internal server error", { status: 500 }));
        },
      );
    });
  }
}

/** Slash commands and interactions come form-encoded (interactions as a `payload` JSON field); events as JSON. */
export function parseBody(raw: string, contentType: string | null): Record<string, unknown> {
  if ((contentType ?? "").includes("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(raw);
    const payload = params.get("payload");
    if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
    return Object.fromEntries(params);
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

function ackResponse(response: unknown): Response {
  if (response === undefined || response === null || response === "")
    return new Response("", { status: 200 });
  if (typeof response === "string") return new Response(response, { status: 200 });
  return Response.json(response);
}

function describe(body: Record<string, unknown>): string {
  const command = typeof body.command === "string" ? body.command : undefined;
  const event = (body.event as { type?: string } | undefined)?.type;
  return [body.type, command, event].filter(Boolean).join(" ") || "unknown payload";
}
