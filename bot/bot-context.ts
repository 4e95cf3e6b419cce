/**
 * What every listener may use: the core services it needs, the Slack notifier, the access policy, the
 * train modal's draft stash, the ack budget and the viewer links. Built once in `app.ts`.
 */
import type { Services } from "../core/services.ts";
import type { AccessPolicy } from "../core/slack-access.ts";
import type { SlackNotifier } from "./slack-notifier.ts";
import type { DraftStash } from "./train/train-draft.ts";
import type { ViewerTarget } from "./viewer-link.ts";

export interface BotContext {
  services: Pick<
    Services,
    | "logger"
    | "warehouse"
    | "artifacts"
    | "runs"
    | "lifecycle"
    | "baseUrl"
    | "schedules"
    | "datasets"
    | "preparations"
  > & {
    /** Row and byte limits of warehouse reads (the lifecycle's). */
    limits: { maxRows: number; maxBytes: number };
  };
  /** Files shared with the app: the most bytes one may have (`DATASET_MAX_BYTES`), and where they may be downloaded from. */
  files: { maxBytes: number; downloadOrigins: readonly string[] };
  notifier: SlackNotifier;
  access: AccessPolicy;
  drafts: DraftStash;
  /**
   * Milliseconds a listener may wait for slow work (data checks, the allocator) before it must answer Slack
   * with a loading state: Slack allows 3 s in all, and the network takes its share.
   */
  ackBudgetMs: number;
  link(target: ViewerTarget): string;
}
