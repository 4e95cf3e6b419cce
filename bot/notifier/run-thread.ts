/**
 * Posting into a run's thread: notes, results, failures, and the one-pager images of the cluster-top models
 * (`runs/<id>/output/onepagers/<solID>.png`) with `files.uploadV2` (Slack's upload flow:
 * `files.getUploadURLExternal`, the upload itself, `files.completeUploadExternal`; `files.upload` is gone).
 * A 429 waits `Retry-After` and tries again, a few times.
 */
import { ErrorCode, type WebClient } from "@slack/web-api";
import type { ArtifactStore } from "../../core/artifacts/port.ts";
import type { Logger } from "../../core/logger.ts";
import type { Run, SlackMessageRef } from "../../core/run.ts";
import type { SlackMessage } from "../blocks/run-message.ts";
import { summaryOf } from "../blocks/run-message.ts";
import { noOnePagersMessage, onePagersText } from "../blocks/run-results.ts";
import { ONEPAGERS_FOLDER, onePagerFile, OUTPUT_FILES } from "../../common/run-folder.ts";
import type { RefreshReport } from "../../engine/refresh/refresh-report.ts";
import { refreshChangesMessage } from "../blocks/refresh-changes.ts";

const MAX_ONE_PAGERS = 10;
const RATE_LIMIT_ATTEMPTS = 4;

export async function withRateLimitRetry<T>(call: () => Promise<T>, sleep = defaultSleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const e = error as { code?: string; retryAfter?: number };
      if (e.code !== ErrorCode.RateLimitedError || attempt >= RATE_LIMIT_ATTEMPTS) throw error;
      await sleep((e.retryAfter ?? 1) * 1000);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function postInThread(
  client: WebClient,
  ref: SlackMessageRef,
  message: SlackMessage,
): Promise<void> {
  await withRateLimitRetry(() =>
    client.chat.postMessage({
      channel: ref.channel,
      thread_ts: ref.ts,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    }),
  );
}

/** The recommended model, then the cluster-top models (best first), whose one-pager exists; at most 10. */
export async function onePagersOf(
  artifacts: ArtifactStore,
  run: Run,
): Promise<{ solID: string; cluster?: number; recommended?: boolean; key: string }[]> {
  const prefix = `${run.artifactPrefix}${ONEPAGERS_FOLDER}`;
  const present = new Set(await artifacts.list(prefix));
  const summary = summaryOf(run);
  const best = summary?.best_model?.model_id;
  const tops = [...(summary?.clusters?.top_models ?? [])].sort(
    (a, b) => Number(b.model_id === best) - Number(a.model_id === best) || a.cluster - b.cluster,
  );
  if (tops.length === 0 && best)
    tops.push({ model_id: best, cluster: summary?.best_model?.cluster ?? 0, size: 0 });
  const recommended = summary?.recommended?.model_id;
  return [
    ...(recommended
      ? [{ solID: recommended, recommended: true, key: `${run.artifactPrefix}${onePagerFile(recommended)}` }]
      : []),
    ...tops
      .filter((t) => t.model_id !== recommended)
      .map((t) => ({
        solID: t.model_id,
        cluster: t.cluster,
        key: `${run.artifactPrefix}${onePagerFile(t.model_id)}`,
      })),
  ]
    .filter((t) => present.has(t.key))
    .slice(0, MAX_ONE_PAGERS);
}

/** Uploads the one-pagers into the thread, or says there are none. Returns how many were uploaded. */
/** A refresh run's "what changed" (`output/refresh_report.json`), when the trainer wrote one. */
export async function postRefreshChanges(
  client: WebClient,
  artifacts: ArtifactStore,
  run: Run,
  ref: SlackMessageRef,
): Promise<void> {
  const text = await artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.refreshReport}`);
  if (text) await postInThread(client, ref, refreshChangesMessage(JSON.parse(text) as RefreshReport));
}

export async function postOnePagers(
  client: WebClient,
  artifacts: ArtifactStore,
  run: Run,
  ref: SlackMessageRef,
): Promise<number> {
  const pages = await onePagersOf(artifacts, run);
  const files: { file: Buffer; filename: string; title: string; alt_text: string }[] = [];
  for (const page of pages) {
    const body = await artifacts.get(page.key);
    if (!body) continue;
    files.push({
      file: body,
      filename: `${run.country}-${page.solID}.png`,
      title: `${run.country} model ${page.solID}${page.recommended ? " (recommended)" : page.cluster !== undefined ? ` (cluster ${page.cluster})` : ""}`,
      alt_text: `One-pager of model ${page.solID}: fit, decomposition, response curves and adstock.`,
    });
  }
  if (files.length === 0) {
    await postInThread(client, ref, noOnePagersMessage());
    return 0;
  }
  await withRateLimitRetry(() =>
    client.files.uploadV2({
      channel_id: ref.channel,
      thread_ts: ref.ts,
      initial_comment: onePagersText(pages),
      file_uploads: files,
    }),
  );
  return files.length;
}

export function logFailure(logger: Logger, what: string, run: Run, error: unknown): void {
  logger.warn({ err: error, runId: run.id }, `Slack: ${what} failed`);
}
