/**
 * RunStore: the durable state of the product (a SQLite file by default, Firestore in production):
 * runs and their trainer events, best-model picks per country, saved column mappings, lift studies per
 * country, idempotency keys, the register of uploaded datasets, forward scenarios saved per model, and saved
 * preparations. Every surface reads runs from here, and every change to a run goes through here.
 *
 * Every adapter passes `tests/contract/run-store.contract.ts`. The rules below are the contract; the
 * pure helpers beside this file implement the parts that do not depend on the database, so every
 * adapter applies the same rules in the same words: `apply-transition.ts`, `apply-event.ts` and
 * `run-patch.ts` (what a change does to a run), `run-record.ts` (checks and indexed fields of a new
 * run, and the errors about a missing or duplicate one), `list-runs-query.ts` (filters and cursors),
 * `idempotency-key.ts`, `best-model-pick.ts`, `stored-mapping.ts`, `stored-lift-study.ts`, `access-records.ts`,
 * `saved-scenario.ts`, `schedule-record.ts`, `preparation-record.ts` and `country-code.ts`. Rules every adapter must follow:
 *
 * - **Every read-modify-write is atomic** (a transaction that retries or locks): concurrent callers,
 *   in one process or several, never lose each other's changes and never both win a transition.
 * - **Statuses only move forward** (`canTransition` in `core/run.ts`), inside that atomic update. A late
 *   or duplicate change is not an error: it reports `applied: false` with the run as stored.
 * - **Returned objects are copies**: changing them changes nothing stored.
 * - **Times come from the store's clock** (`now` in the adapter's options): `updatedAt`, `startedAt`,
 *   `finishedAt`, `lastHeartbeatAt` and idempotency-key expiry. Events keep the trainer's own `at` in the
 *   event log.
 * - **Country codes are compared without regard to case** and returned as stored (runs) or upper-case
 *   (picks, mappings, lift studies).
 * - **A missing run** is `undefined` from `getRun` and a `not_found` `MmmError` from every method that
 *   changes a run. Calls after `close` fail.
 */
import type { CalibrationStudy, CalibrationStudyInput } from "../run-spec.ts";
import type { Dataset, DatasetDraft } from "../datasets/dataset.ts";
import type { RecentSpendPlan, SpendPlan } from "../../engine/scenario/index.ts";
import type { Preparation } from "../preparations/preparation.ts";
import type { TrainerEvent } from "../events.ts";
import type { Actor, Run, RunStatus } from "../run.ts";
import type { Schedule, ScheduleOutcome } from "../schedules/schedule.ts";

/** The fields `updateRun` may change: everything that is not the status or the run's identity. */
export type RunPatch = Partial<
  Pick<Run, "slack" | "progress" | "execution" | "summary" | "resources" | "lastHeartbeatAt">
>;

/** What a transition may set together with the new status. */
export type TransitionPatch = RunPatch & Partial<Pick<Run, "failure">>;

/** The outcome of a change that may be refused by the status machine or by event sequence numbers. */
export interface RunChange {
  /** False when nothing changed: the transition is not allowed, or the event was already seen. */
  readonly applied: boolean;
  /** The run as stored after the call. */
  readonly run: Run;
}

export interface RunFilter {
  /** Only runs for this market (`Run.country`; a two-letter code in any case, other markets as written). */
  readonly country?: string;
  /** Only runs in one of these statuses. Absent or empty: every status. */
  readonly status?: readonly RunStatus[];
  /** Only runs created by this actor id (`Actor.id`, e.g. a Slack user id). */
  readonly createdBy?: string;
  /** Only runs with exactly this tag. */
  readonly tag?: string;
  /** Only the runs of one launch (several countries from one request). */
  readonly groupId?: string;
  /** Only runs created at or after this time (ISO 8601). */
  readonly since?: string;
  /** Only runs created before this time (ISO 8601). */
  readonly until?: string;
  /** Page size: 1 to `MAX_LIST_LIMIT`, default `DEFAULT_LIST_LIMIT`. */
  readonly limit?: number;
  /** `nextCursor` of the previous page, with the same filter. Opaque. */
  readonly cursor?: string;
}

export interface RunPage {
  /** Newest first: by `createdAt`, then by id, both descending. */
  readonly runs: Run[];
  /** Present when more runs may follow; pass it back as `cursor` for the next page. */
  readonly nextCursor?: string;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

export interface IdempotencyClaim {
  /** True when this call stored its value; false when an unexpired earlier claim holds the key. */
  readonly claimed: boolean;
  /** The value the key holds now: this call's when claimed, the first claimer's otherwise. */
  readonly value: string;
}

/** The best model of a market, as chosen by a person. */
export interface BestModelPick {
  /** The market (`Run.country`): a two-letter code upper-case, any other market as written. */
  readonly country: string;
  readonly runId: string;
  /** Robyn's model id within the run, e.g. `3_145_2`. */
  readonly solID: string;
  /** Why this model, in the picker's words. */
  readonly note?: string;
  readonly by: Actor;
  /** When it was picked, ISO 8601. */
  readonly at: string;
}

/**
 * A share link given out for a run or one of its models (the viewer's `/share/<token>`). The token is
 * signed by the app and carries `id`; the store keeps the record so that a link can be listed and
 * revoked. The token itself is never stored.
 */
export interface ShareLink {
  /** Random, unique; the token names it. */
  readonly id: string;
  readonly runId: string;
  /** When the link opens one model only. */
  readonly solID?: string;
  readonly by: Actor;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; after it the token is refused whatever the store says. */
  readonly expiresAt: string;
  /** Set once, by `revokeShareLink` (the store's clock). */
  readonly revokedAt?: string;
  readonly revokedBy?: Actor;
}

/** A REST API token issued by an admin. Only its SHA-256 is stored; the token is shown once. */
export interface ApiToken {
  /** Random, unique; shown in lists so a token can be revoked without showing it. */
  readonly id: string;
  /** What it is for, in the issuer's words ("Looker export"). */
  readonly label: string;
  /** SHA-256 of the whole token, lower-case hex (64 characters). */
  readonly hash: string;
  readonly by: Actor;
  /** ISO 8601. */
  readonly createdAt: string;
  /** Set once, by `revokeApiToken` (the store's clock). */
  readonly revokedAt?: string;
  readonly revokedBy?: Actor;
}

/** A column mapping saved for a table, for all its countries or for one. */
export interface StoredMapping {
  /** The table as the warehouse names it; looked up without regard to case or surrounding spaces. */
  readonly table: string;
  /** Upper-case two-letter code; absent when the mapping is for every country of the table. */
  readonly country?: string;
  /** The mapping itself (`SavedMapping` of `core/mapping/saved-mapping.ts`), stored as given. */
  readonly mapping: Record<string, unknown>;
  readonly by: Actor;
  /** When it was saved, ISO 8601. */
  readonly at: string;
}

/**
 * A lift study (an experiment) remembered for a country: the next runs for the country calibrate with
 * it (the spec's `calibration_input`) unless the person leaves it out.
 */
export interface StoredLiftStudy {
  /** Random, unique within the country; names the study when it is edited or removed. */
  readonly id: string;
  /** Upper-case two-letter code. */
  readonly country: string;
  /** The study as `calibration_input` takes it, checked on save (`core/calibration/lift-study.ts`). */
  readonly study: CalibrationStudy;
  readonly by: Actor;
  /** When it was saved or last edited, ISO 8601. */
  readonly at: string;
}

/** A lift study to save: its study as written, the defaults not filled in yet. */
export type LiftStudyDraft = Omit<StoredLiftStudy, "study"> & { readonly study: CalibrationStudyInput };

/**
 * A forward scenario saved on one model of a run under a name: its spend plan as given (explicit periods
 * and spends, or the last N periods × a multiplier). The answer is not stored: the run's outputs do not
 * change, so it is computed again from the plan when read.
 */
export interface SavedScenario {
  readonly runId: string;
  readonly solID: string;
  /** Unique per model: 1–60 letters, digits, spaces and `. _ - + × % ( )`, starting with a letter or digit. */
  readonly name: string;
  readonly plan: SpendPlan | RecentSpendPlan;
  readonly by: Actor;
  /** When it was saved, ISO 8601 (the store's clock). */
  readonly savedAt: string;
}

export type SavedScenarioDraft = Omit<SavedScenario, "savedAt">;

export interface RunStore {
  /** Which adapter this is, for logs and messages: `sqlite`, `firestore`. */
  readonly kind: string;

  /** Stores a new run. Fails with `conflict` when a run with its id exists. */
  createRun(run: Run): Promise<void>;

  /** The run, or `undefined` when there is none with this id. */
  getRun(id: string): Promise<Run | undefined>;

  /**
   * Runs matching every given filter, newest first, one page at a time. Fails with `invalid_input`
   * (field `limit`, `cursor`, `since` or `until`) for a bad page size, cursor or time.
   */
  listRuns(filter?: RunFilter): Promise<RunPage>;

  /**
   * Moves a run to `to` when `canTransition(current, to)`, in one atomic step, and then also applies
   * `patch`. Moving to `running` sets `startedAt` (when not set yet); moving to a terminal status sets
   * `finishedAt`. When the move is not allowed (backwards, sideways, out of a terminal status, or a
   * duplicate), nothing changes, `patch` included, and `applied` is false.
   */
  transition(id: string, to: RunStatus, patch?: TransitionPatch): Promise<RunChange>;

  /**
   * Sets the fields in `patch` (a key whose value is `undefined` is left as it is) and `updatedAt`, in
   * one atomic read-modify-write: concurrent calls that set different fields all land. Allowed in every
   * status (a Slack message reference may arrive after the run ended). Returns the run as stored.
   */
  updateRun(id: string, patch: RunPatch): Promise<Run>;

  /**
   * Records a trainer event and applies it to the run, both in one atomic step (`applyEvent`):
   * - `seq` ≤ the run's `lastEventSeq`: a duplicate or late event; nothing changes, `applied` false.
   * - otherwise the event joins the log and `lastEventSeq` becomes its `seq`. If the run is in a
   *   terminal status, that is all (`applied` false). If not: `started` moves it to `running`;
   *   `progress` sets `progress` (and moves `queued`/`preparing` to `running`); `completed` moves it to
   *   `succeeded` with `summary` and `resources`; `failed` to `failed` with `failure` (reason, log tail)
   *   and `resources`; `cancelled` to `cancelled`. Every applied event sets `lastHeartbeatAt`.
   */
  recordEvent(id: string, event: TrainerEvent): Promise<RunChange>;

  /** The events of a run that were recorded (not the ignored duplicates), by `seq`. `[]` for none. */
  listEvents(id: string): Promise<TrainerEvent[]>;

  /** Runs not in a terminal status, oldest first (queue order), for the reconciler and the queue. */
  listActiveRuns(): Promise<Run[]>;

  /**
   * Claims `key` for `ttlSeconds` (> 0) with `value` (e.g. the run id a Slack request started). The
   * first claim wins; later claims get `claimed: false` and the first value until the key expires,
   * after which the next claim wins again. Used so a retried Slack request never starts a second run.
   */
  claimIdempotencyKey(key: string, value: string, ttlSeconds: number): Promise<IdempotencyClaim>;

  /**
   * Records `pick` as the country's best model. Fails with `not_found` (field `runId`) when the run does
   * not exist and `invalid_input` (field `country`) when the run is for another country.
   * Returns the pick as stored (country upper-case).
   */
  pickBest(pick: BestModelPick): Promise<BestModelPick>;

  /** The country's current pick (the newest by `at`, then by order of recording), if any. */
  getBest(country: string): Promise<BestModelPick | undefined>;

  /** Every pick of the country, newest first (by `at`, then by order of recording). */
  listPicks(country: string): Promise<BestModelPick[]>;

  /** The current pick of every country that has one, by country code. */
  listBest(): Promise<BestModelPick[]>;

  /** Saves a mapping, replacing the one saved earlier for the same table and country (or table-wide). */
  saveMapping(mapping: StoredMapping): Promise<StoredMapping>;

  /**
   * The mapping to start from: the one saved for this table and country when there is one, else the
   * table-wide one; without `country`, only the table-wide one.
   */
  getMapping(table: string, country?: string): Promise<StoredMapping | undefined>;

  /**
   * Adds a lift study to its country, or replaces the country's study with the same id (an edit).
   * Fails with `invalid_input` naming the field for an empty id, a bad country or time, and for a bad
   * study field (`study.<field>`, e.g. `study.liftEndDate`). Returns the study as stored.
   */
  saveLiftStudy(study: LiftStudyDraft): Promise<StoredLiftStudy>;

  /**
   * The country's lift studies, by `liftStartDate`, then `liftEndDate`, channel and id. `[]` for none.
   */
  listLiftStudies(country: string): Promise<StoredLiftStudy[]>;

  /** Forgets one of the country's studies and returns it; `undefined` when it has none with this id. */
  deleteLiftStudy(country: string, id: string): Promise<StoredLiftStudy | undefined>;

  /**
   * Records a share link. Fails with `not_found` (field `runId`) when the run does not exist,
   * `conflict` (field `id`) when a link with this id exists, and `invalid_input` naming the field for an
   * empty id, a bad time or an `expiresAt` not after `createdAt`. A `revokedAt` given here is ignored.
   * Returns the link as stored.
   */
  saveShareLink(link: ShareLink): Promise<ShareLink>;

  /** The link, revoked or not, or `undefined` when there is none with this id. */
  getShareLink(id: string): Promise<ShareLink | undefined>;

  /** The run's links, revoked ones included, newest first (by `createdAt`, then order of recording). */
  listShareLinks(runId: string): Promise<ShareLink[]>;

  /**
   * Revokes a link for good: sets `revokedAt` (the store's clock) and `revokedBy`, atomically. Revoking
   * a revoked link changes nothing and returns it as it is (the first revocation stands). Fails with
   * `not_found` (field `id`) for an unknown link.
   */
  revokeShareLink(id: string, by: Actor): Promise<ShareLink>;

  /**
   * Records an API token. Fails with `conflict` (field `id` or `hash`) when a token with this id or hash
   * exists, and `invalid_input` naming the field for an empty id or label, a hash that is not 64
   * lower-case hex characters, or a bad time. A `revokedAt` given here is ignored.
   */
  saveApiToken(token: ApiToken): Promise<ApiToken>;

  /** The token with this hash, revoked or not (the caller refuses revoked ones), or `undefined`. */
  findApiToken(hash: string): Promise<ApiToken | undefined>;

  /** Every token, revoked ones included, newest first (by `createdAt`, then order of recording). */
  listApiTokens(): Promise<ApiToken[]>;

  /** Revokes a token, like `revokeShareLink`. Fails with `not_found` (field `id`) for an unknown token. */
  revokeApiToken(id: string, by: Actor): Promise<ApiToken>;

  /**
   * Registers the next version of the dataset `draft.name` (1 when the name is new, else one more than
   * its latest), atomically: two uploads under one name at once get two versions. `uploadedAt` is the
   * store's clock. Fails with `invalid_input` naming the field for a bad name, hash, key or count
   * (`dataset-record.ts`). Returns the dataset as stored.
   */
  addDataset(draft: DatasetDraft): Promise<Dataset>;

  /** That version of the dataset, or its latest when `version` is absent; `undefined` when there is none. */
  getDataset(name: string, version?: number): Promise<Dataset | undefined>;

  /** The latest version of every dataset, by name. */
  listDatasets(): Promise<Dataset[]>;

  /** Every version of one dataset, newest first; `[]` for an unknown name. */
  listDatasetVersions(name: string): Promise<Dataset[]>;

  /**
   * Forgets every version of the dataset, atomically, and returns them (newest first; `[]` when there
   * were none). The name is then free: a later upload under it starts again at version 1. The caller
   * deletes the snapshots and checks first that no run needs them.
   */
  deleteDataset(name: string): Promise<Dataset[]>;

  /**
   * Saves a scenario on a model, replacing the one of the same name on that model (atomically), with
   * `savedAt` from the store's clock. Fails with `not_found` (field `runId`) when the run does not exist
   * and `invalid_input` naming the field for a bad name, solID, plan or actor (`saved-scenario.ts`).
   * Returns the scenario as stored.
   */
  saveScenario(draft: SavedScenarioDraft): Promise<SavedScenario>;

  /** The model's scenario of that name, or `undefined`. */
  getScenario(runId: string, solID: string, name: string): Promise<SavedScenario | undefined>;

  /** The model's scenarios, by name; `[]` for none. */
  listScenarios(runId: string, solID: string): Promise<SavedScenario[]>;

  /** Forgets the scenario and returns it. Fails with `not_found` (field `name`) when there is none. */
  deleteScenario(runId: string, solID: string, name: string): Promise<SavedScenario>;

  /**
   * Records a schedule (`core/schedules/schedule.ts`). Fails with `conflict` (field `id`) when one with its id
   * exists and `invalid_input` naming the field for a missing id, cron expression, source or bad time. Claims,
   * outcomes and cancellation given here are ignored. Returns the schedule as stored (country upper-case).
   */
  saveSchedule(schedule: Schedule): Promise<Schedule>;

  /** The schedule, cancelled or not, or `undefined`. */
  getSchedule(id: string): Promise<Schedule | undefined>;

  /** The schedules not cancelled, newest first (by `createdAt`, then order of recording). */
  listSchedules(): Promise<Schedule[]>;

  /**
   * Claims `slot` of the schedule, atomically: when it is not cancelled and `slot` is later than its
   * `lastSlot`, sets `lastSlot` to `slot` and `nextDue` to `nextDue`, and returns the schedule as stored;
   * otherwise changes nothing and returns `undefined`. Of concurrent claims of one slot, in one process or
   * several, exactly one gets the schedule, so a slot runs once. Fails with `not_found` for an unknown id.
   */
  claimScheduleSlot(id: string, slot: string, nextDue: string): Promise<Schedule | undefined>;

  /**
   * Sets the schedule's `lastOutcome`, atomically, unless the one on record is about a later slot. Returns
   * the schedule as stored. Fails with `not_found` for an unknown id.
   */
  recordScheduleOutcome(id: string, outcome: ScheduleOutcome): Promise<Schedule>;

  /**
   * Cancels a schedule for good (`cancelledAt` from the store's clock, `cancelledBy`), atomically;
   * cancelling it again changes nothing. Fails with `not_found` (field `id`) for an unknown schedule.
   */
  cancelSchedule(id: string, by: Actor): Promise<Schedule>;

  /**
   * Stores a saved preparation under its name. Fails with `conflict` (field `name`) when one has the name
   * and `invalid_input` naming the field for a bad name or time (`preparation-record.ts`). Returns it as
   * stored.
   */
  savePreparation(preparation: Preparation): Promise<Preparation>;

  /** The preparation, or `undefined` when there is none with this name. */
  getPreparation(name: string): Promise<Preparation | undefined>;

  /** Every preparation, by name. */
  listPreparations(): Promise<Preparation[]>;

  /** Forgets the preparation and returns it; `undefined` when there was none. The name is then free. */
  deletePreparation(name: string): Promise<Preparation | undefined>;

  /** Releases the database. Calling it twice is harmless. */
  close(): Promise<void>;
}
