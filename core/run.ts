/**
 * A training run and its lifecycle: the one state machine every surface (Slack, viewer, API, CLI) and
 * every store shares. Statuses only move forward:
 *
 *   queued → preparing → running → succeeded | failed | cancelled
 *
 * (queued and preparing may also end in failed or cancelled directly). A terminal status never changes.
 * The replaced product let statuses go backwards when a late poll overwrote a newer one; here every store
 * applies `canTransition` inside its atomic update.
 */
import type { RunSpec } from "./run-spec.ts";

export const RUN_STATUSES = ["queued", "preparing", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "cancelled"]);

/** How far along a status is: queued, preparing, running, then the terminal statuses all alike. */
export const STATUS_RANK: Readonly<Record<RunStatus, number>> = {
  queued: 0,
  preparing: 1,
  running: 2,
  succeeded: 3,
  failed: 3,
  cancelled: 3,
};

/** True when a run in `from` may move to `to`: forward only, never out of a terminal status. */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  if (TERMINAL_STATUSES.has(from)) return false;
  return STATUS_RANK[to] > STATUS_RANK[from];
}

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Kinds of actor. Only `cli` (the command-line process itself) may name files on this machine. */
export const ACTOR_KINDS = ["slack", "google", "api", "cli", "local", "system"] as const;

/**
 * Who asked for something: a Slack user, an API token, the command line, or the person at this machine
 * through the viewer or the API in local mode (`local`: over HTTP, so never trusted with server paths).
 */
export interface Actor {
  kind: (typeof ACTOR_KINDS)[number];
  /** Slack user id, Google e-mail address, token id, OS user, "local", or "system". */
  id: string;
  /** A display name when known (Slack real name, token label). */
  name?: string;
}

/** Progress as the trainer last reported it. */
export interface RunProgress {
  phase: string;
  done: number;
  total: number;
  bestNrmse?: number;
  bestDecompRssd?: number;
  etaSeconds?: number;
}

/** Resources a run used, as measured by its trainer (for cost estimates). */
export interface RunResources {
  cpuSeconds: number;
  peakMemoryMb: number;
  wallSeconds: number;
  /** What the run cost on Cloud Run, estimated from these figures and the configured prices (US dollars). */
  estimatedCostUsd?: number;
}

/** Where the run's message lives in Slack, so it can be edited in place and answered in its thread. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
}

export interface Run {
  /** Carries the full UTC time of creation, e.g. `20261126T043012Z-de-7f3a`: sortable and unique. */
  id: string;
  /** Runs launched together (several countries from one request) share a group id. */
  groupId?: string;
  /**
   * The run's market (`spec.market`): what runs, picks and stability are grouped by. The name stays from
   * when every market was a country, so stored runs read as before; the holiday country is `spec.country`.
   */
  country: string;
  status: RunStatus;
  spec: RunSpec;
  /** Free-form label chosen by the user, e.g. "Q3 budget review". */
  tag?: string;
  createdBy: Actor;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Artifact prefix of the run: `runs/<id>/`. */
  artifactPrefix: string;
  progress?: RunProgress;
  /** `model_summary.json` highlights once succeeded (Pareto models, clusters, best model's fit). */
  summary?: Record<string, unknown>;
  /** Why the run failed, in plain words, and the end of its log. */
  failure?: { reason: string; logTail?: string };
  /**
   * The launcher's handle of the current execution (child process id, Cloud Run execution name). A sharded
   * run has two: first its `shards` (one task per share of the trials), then the `merge`.
   */
  execution?: { launcher: string; id: string; tasks?: number; stage?: "shards" | "merge" };
  slack?: SlackMessageRef;
  resources?: RunResources;
  /** Highest trainer event sequence number applied (events are idempotent by sequence). */
  lastEventSeq: number;
  /** When the trainer was last heard from; the reconciler uses it to find silent trainers. */
  lastHeartbeatAt?: string;
}
