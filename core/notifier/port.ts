/**
 * Notifier: tells people what happened to runs. The embedded default writes to the log; the Slack adapter
 * (`bot/slack-notifier.ts`) edits the run's message in place and answers in its thread.
 *
 * Contract: notifications are best effort and never throw into the caller (a Slack outage must not fail
 * a run); an adapter may drop or merge progress notifications (rate limits) but must deliver the final
 * one of a run (succeeded, failed, cancelled).
 */
import type { Run } from "../run.ts";

export interface RunNotification {
  run: Run;
  /** The status before this change (equal to `run.status` for progress-only updates). */
  previousStatus: Run["status"];
}

export interface Notifier {
  readonly kind: string;
  /** A run was created (queued). */
  runCreated(run: Run): Promise<void>;
  /** A run changed: status, progress or results. */
  runUpdated(notification: RunNotification): Promise<void>;
}
