/**
 * The Slack Notifier (the `Notifier` port of `core/notifier/port.ts`): one message per run, edited in place
 * as the run goes (throttled, newest state always delivered: `notifier/message-editor.ts`), and the run's
 * thread for stage notes, then the results and one-pagers, or the failure with the end of the log.
 *
 * The message is posted by `announce` once the run is started from Slack (the listener knows the channel);
 * its reference is stored on the run (`RunStore.updateRun(id, { slack })`), so edits continue after a
 * restart. Runs started elsewhere (API, command line) have no message and are left alone. Notifications
 * never throw and never wait for Slack: the lifecycle's callers (trainer events) are not slowed by it.
 */
import type { WebClient } from "@slack/web-api";
import type { ArtifactStore } from "../core/artifacts/port.ts";
import type { Logger } from "../core/logger.ts";
import type { Notifier, RunNotification } from "../core/notifier/port.ts";
import { STATUS_RANK, isTerminal, type Run, type RunStatus, type SlackMessageRef } from "../core/run.ts";
import type { RunStore } from "../core/run-store/port.ts";
import { runMessage } from "./blocks/run-message.ts";
import { failureMessage, resultsMessage, stageNote, type StageNote } from "./blocks/run-results.ts";
import { MessageEditor } from "./notifier/message-editor.ts";
import { logFailure, postInThread, postOnePagers, postRefreshChanges } from "./notifier/run-thread.ts";
import { viewerLink } from "./viewer-link.ts";

export interface SlackNotifierOptions {
  /** Bot-token client with `rejectRateLimitedCalls: true` (429s are handled here). */
  client: WebClient;
  runs: RunStore;
  artifacts: ArtifactStore;
  logger: Logger;
  baseUrl: string;
  /** Least time between two edits of one message. Default 1000 ms. */
  minEditIntervalMs?: number;
}

interface Followed {
  ref: SlackMessageRef;
  group?: { index: number; size: number };
  /** The newest run state seen, so an older snapshot never overwrites a newer one. */
  latest?: Run;
  /** Thread posts in order, one at a time. */
  thread: Promise<void>;
  /** Stage notes and results already posted. */
  posted: Set<string>;
}

export class SlackNotifier implements Notifier {
  readonly kind = "slack";
  private readonly editor: MessageEditor;
  private readonly followed = new Map<string, Followed>();

  constructor(private readonly options: SlackNotifierOptions) {
    this.editor = new MessageEditor({
      client: options.client,
      logger: options.logger,
      ...(options.minEditIntervalMs !== undefined ? { minIntervalMs: options.minEditIntervalMs } : {}),
    });
  }

  /**
   * Posts the run's message in `channel`, stores where it is on the run, and follows the run from then on.
   * Returns the reference, or undefined when Slack refused the post (logged).
   */
  async announce(
    run: Run,
    channel: string,
    group?: { index: number; size: number },
  ): Promise<SlackMessageRef | undefined> {
    try {
      const message = runMessage(run, { viewerUrl: this.link(run), ...(group ? { group } : {}) });
      const posted = await this.options.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      });
      if (!posted.ts) throw new Error("chat.postMessage returned no ts");
      const ref = { channel: posted.channel ?? channel, ts: posted.ts };
      await this.options.runs.updateRun(run.id, { slack: ref });
      await this.follow(run.id, ref, group);
      return ref;
    } catch (error) {
      logFailure(this.options.logger, "posting the run message", run, error);
      return undefined;
    }
  }

  /** Follows a run whose message exists; catches up with what happened before (edit and current stage). */
  async follow(runId: string, ref: SlackMessageRef, group?: { index: number; size: number }): Promise<void> {
    const existing = this.followed.get(runId);
    this.followed.set(runId, {
      ref,
      thread: existing?.thread ?? Promise.resolve(),
      posted: existing?.posted ?? new Set(),
      ...(group ? { group } : existing?.group ? { group: existing.group } : {}),
      ...(existing?.latest ? { latest: existing.latest } : {}),
    });
    const run = await this.options.runs.getRun(runId);
    if (run && run.status !== "queued") this.handle(run, "queued");
  }

  async runCreated(): Promise<void> {
    // The message is posted by `announce`, which knows the channel.
  }

  async runUpdated({ run, previousStatus }: RunNotification): Promise<void> {
    try {
      this.handle(run, previousStatus);
    } catch (error) {
      logFailure(this.options.logger, "notification", run, error);
    }
  }

  /** The notifier's Web API client, for other posts of the same app (schedule alerts). */
  get client(): WebClient {
    return this.options.client;
  }

  /** Resolves when every queued edit and thread post is done (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.followed.values()].map((f) => f.thread));
    await this.editor.flush();
  }

  private handle(run: Run, previousStatus: RunStatus): void {
    let followed = this.followed.get(run.id);
    if (!followed && run.slack) {
      followed = { ref: run.slack, thread: Promise.resolve(), posted: new Set() };
      this.followed.set(run.id, followed);
    }
    if (!followed) return;
    if (followed.latest && isOlder(run, followed.latest)) return;
    followed.latest = run;
    const message = runMessage(run, {
      viewerUrl: this.link(run),
      ...(followed.group ? { group: followed.group } : {}),
    });
    void this.editor.edit(followed.ref, message);
    for (const stage of this.stagesToPost(run, previousStatus)) this.enqueue(followed, run, stage);
    if (isTerminal(run.status)) {
      // Keep nothing for finished runs but the queued thread posts.
      const done = followed;
      void done.thread.then(() => {
        if (this.followed.get(run.id) === done) this.followed.delete(run.id);
      });
    }
  }

  private stagesToPost(run: Run, previousStatus: RunStatus): (StageNote | "results" | "failure")[] {
    const stages: (StageNote | "results" | "failure")[] = [];
    if (run.status !== previousStatus) {
      if (run.status === "preparing") stages.push("preparing");
      if (run.status === "running") stages.push("running");
      if (run.status === "succeeded") stages.push("results");
      if (run.status === "failed") stages.push("failure");
      if (run.status === "cancelled") stages.push("cancelled");
    }
    const phase = run.progress?.phase;
    if (run.status === "running" && (phase === "selecting" || phase === "clustering")) stages.push(phase);
    return stages;
  }

  private enqueue(followed: Followed, run: Run, stage: StageNote | "results" | "failure"): void {
    if (followed.posted.has(stage)) return;
    followed.posted.add(stage);
    const { client, artifacts, logger } = this.options;
    followed.thread = followed.thread.then(async () => {
      try {
        if (stage === "results") {
          await postInThread(client, followed.ref, resultsMessage(run, this.resultLinks(run)));
          await postOnePagers(client, artifacts, run, followed.ref);
          if (run.spec.refresh) await postRefreshChanges(client, artifacts, run, followed.ref);
        } else if (stage === "failure") {
          await postInThread(client, followed.ref, failureMessage(run));
        } else {
          await postInThread(client, followed.ref, stageNote(run, stage));
        }
      } catch (error) {
        logFailure(logger, `posting ${stage} in the thread`, run, error);
      }
    });
  }

  private link(run: Run): string {
    return viewerLink(this.options.baseUrl, { run: run.id });
  }

  private resultLinks(run: Run) {
    return {
      run: this.link(run),
      model: (solID: string) => viewerLink(this.options.baseUrl, { run: run.id, model: solID }),
    };
  }
}

/** True when `run` is an older state than `latest` (status order, then event sequence, then time). */
function isOlder(run: Run, latest: Run): boolean {
  if (STATUS_RANK[run.status] !== STATUS_RANK[latest.status])
    return STATUS_RANK[run.status] < STATUS_RANK[latest.status];
  if (run.lastEventSeq !== latest.lastEventSeq) return run.lastEventSeq < latest.lastEventSeq;
  return run.updatedAt < latest.updatedAt;
}
