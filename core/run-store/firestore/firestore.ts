/**
 * The production RunStore: Cloud Firestore (Native mode) through `@google-cloud/firestore`. The rules it
 * follows are in `port.ts`; the layout of its documents is in `firestore-documents.ts`, and the indexes
 * its queries need are in `firestore-indexes.json` (infra/ declares them).
 *
 * - Every read-modify-write is one `runTransaction` that reads through the transaction and applies the
 *   same pure rules as the SQLite store (`applyTransition`, `applyEvent`, …). Firestore's server-side
 *   transactions are serializable (they lock what they read), so concurrent app instances never lose
 *   each other's changes and never both win a transition; the client retries a transaction Firestore
 *   aborted. Within one instance, calls on the same key also queue up first (`KeyLock`), so that a burst
 *   does not fight over one document.
 * - Failures become `MmmError`s (`firestore-errors.ts`): `unavailable` (retryable) for timeouts and busy
 *   or aborted transactions after the client's retries, `forbidden` naming the role to grant, and so on.
 * - `emulatorHost` (`FIRESTORE_EMULATOR_HOST`) points this one client at an emulator over plain gRPC
 *   without credentials. This file reads no environment variable; note that the client library itself
 *   obeys `FIRESTORE_EMULATOR_HOST` when it is set in the process, the same variable the config reads.
 *
 * The queries live beside this file: `firestore-runs.ts` (runs, events), `firestore-picks.ts` (picks,
 * mappings), `firestore-lift-studies.ts`, `firestore-idempotency.ts`, `firestore-access.ts` (share links, API tokens),
 * `firestore-datasets.ts`, `firestore-scenarios.ts`, `firestore-schedules.ts`, `firestore-preparations.ts`.
 */
import { Firestore, type Transaction } from "@google-cloud/firestore";
import { MmmError, invalidInput } from "../../../common/errors.ts";
import type { TrainerEvent } from "../../events.ts";
import type { Actor, Run, RunStatus } from "../../run.ts";
import { normalizeApiToken, normalizeShareLink } from "../access-records.ts";
import { applyEvent, parseTrainerEvent } from "../apply-event.ts";
import { applyTransition } from "../apply-transition.ts";
import { normalizePick } from "../best-model-pick.ts";
import { countryCode } from "../country-code.ts";
import { marketKey } from "../../market.ts";
import {
  insertApiToken,
  insertShareLink,
  revokeApiToken,
  revokeShareLink,
  selectApiToken,
  selectApiTokens,
  selectShareLink,
  selectShareLinks,
} from "./firestore-access.ts";
import { COLLECTIONS, runDocument } from "./firestore-documents.ts";
import { asFirestoreError, isAlreadyExists, type FirestoreTarget } from "./firestore-errors.ts";
import { claimKey } from "./firestore-idempotency.ts";
import {
  insertNextDataset,
  removeDataset,
  selectDataset,
  selectDatasetVersions,
  selectLatestDatasets,
} from "./firestore-datasets.ts";
import type { Dataset, DatasetDraft } from "../../datasets/dataset.ts";
import { assertDatasetDraft } from "../dataset-record.ts";
import { assertScenarioDraft, byScenarioName, scenarioRecord } from "../saved-scenario.ts";
import { removeScenario, selectScenario, selectScenarios, upsertScenario } from "./firestore-scenarios.ts";
import { KeyLock } from "./firestore-key-lock.ts";
import type { Preparation } from "../../preparations/preparation.ts";
import { normalizePreparation, preparationTaken } from "../preparation-record.ts";
import {
  insertPreparation,
  removePreparation,
  selectPreparation,
  selectPreparations,
} from "./firestore-preparations.ts";
import {
  cancel,
  claimSlot,
  insertSchedule,
  recordOutcome,
  selectActiveSchedules,
  selectSchedule,
} from "./firestore-schedules.ts";
import type { Schedule, ScheduleOutcome } from "../../schedules/schedule.ts";
import { normalizeSchedule } from "../schedule-record.ts";
import {
  insertPick,
  selectBest,
  selectCurrentPicks,
  selectMapping,
  selectPicks,
  upsertMapping,
} from "./firestore-picks.ts";
import {
  existingRun,
  getRun,
  listEvents,
  runRef,
  selectActiveRuns,
  selectRuns,
  writeEvent,
  writeRun,
} from "./firestore-runs.ts";
import { assertIdempotencyClaim } from "../idempotency-key.ts";
import { parseRunFilter } from "../list-runs-query.ts";
import type {
  ApiToken,
  BestModelPick,
  IdempotencyClaim,
  RunChange,
  RunFilter,
  RunPage,
  RunPatch,
  RunStore,
  SavedScenario,
  SavedScenarioDraft,
  ShareLink,
  LiftStudyDraft,
  StoredLiftStudy,
  StoredMapping,
  TransitionPatch,
} from "../port.ts";
import { updatedRun } from "../run-patch.ts";
import { assertRunStatus, assertStorableRun, runAlreadyExists } from "../run-record.ts";
import { mappingKey, normalizeMapping } from "../stored-mapping.ts";
import { normalizeLiftStudy } from "../stored-lift-study.ts";
import { removeLiftStudy, selectLiftStudies, upsertLiftStudy } from "./firestore-lift-studies.ts";

export interface FirestoreRunStoreOptions {
  /** The Google Cloud project of the database (`FIRESTORE_PROJECT_ID`). */
  readonly projectId: string;
  /** The database id (`FIRESTORE_DATABASE`), default `(default)`. */
  readonly databaseId?: string;
  /** `host:port` of a Firestore emulator (`FIRESTORE_EMULATOR_HOST`); absent in production. */
  readonly emulatorHost?: string;
  /** The store's clock (default: the system clock). */
  readonly now?: () => Date;
  /** Attempts per transaction that Firestore aborts for contention (default 10). */
  readonly maxTransactionAttempts?: number;
}

/**
 * Opens the store and reads one document, so that a wrong project, database or permission fails here,
 * at start-up, with a message that says what to fix.
 */
export async function openFirestoreRunStore(options: FirestoreRunStoreOptions): Promise<FirestoreRunStore> {
  if (typeof options.projectId !== "string" || options.projectId.trim() === "") {
    throw invalidInput(
      "FIRESTORE_PROJECT_ID",
      "Set FIRESTORE_PROJECT_ID to the project of the Firestore database.",
    );
  }
  const target: FirestoreTarget = {
    projectId: options.projectId,
    databaseId: options.databaseId ?? "(default)",
  };
  const db = new Firestore({
    projectId: target.projectId,
    databaseId: target.databaseId,
    ...(options.emulatorHost !== undefined
      ? // The universe domain is given so that the client does not ask a metadata server for it.
        { host: options.emulatorHost, ssl: false, universeDomain: "googleapis.com" }
      : {}),
  });
  const store = new FirestoreRunStore(db, target, options);
  try {
    await db.collection(COLLECTIONS.counters).doc("shareLinks").get();
  } catch (error) {
    await db.terminate().catch(() => undefined);
    throw asFirestoreError(error, target);
  }
  return store;
}

export class FirestoreRunStore implements RunStore {
  readonly kind = "firestore";
  #db: Firestore | undefined;
  readonly #target: FirestoreTarget;
  readonly #now: () => Date;
  readonly #maxAttempts: number;
  readonly #lock = new KeyLock();

  constructor(db: Firestore, target: FirestoreTarget, options: FirestoreRunStoreOptions) {
    this.#db = db;
    this.#target = target;
    this.#now = options.now ?? (() => new Date());
    this.#maxAttempts = options.maxTransactionAttempts ?? 10;
  }

  async createRun(run: Run): Promise<void> {
    assertStorableRun(run);
    const db = this.#open();
    try {
      await runRef(db, run.id).create(runDocument(run));
    } catch (error) {
      if (isAlreadyExists(error)) {
        throw runAlreadyExists(run.id);
      }
      throw asFirestoreError(error, this.#target);
    }
  }

  async getRun(id: string): Promise<Run | undefined> {
    return this.#read((db) => getRun(db, id));
  }

  async listRuns(filter: RunFilter = {}): Promise<RunPage> {
    const query = parseRunFilter(filter);
    return this.#read((db) => selectRuns(db, query));
  }

  async transition(id: string, to: RunStatus, patch?: TransitionPatch): Promise<RunChange> {
    assertRunStatus(to);
    return this.#atomic(`run:${id}`, async (db, tx) => {
      const change = applyTransition(await existingRun(db, tx, id), to, patch, this.#isoNow());
      if (change.applied) writeRun(db, tx, change.run);
      return change;
    });
  }

  async updateRun(id: string, patch: RunPatch): Promise<Run> {
    return this.#atomic(`run:${id}`, async (db, tx) => {
      const run = updatedRun(await existingRun(db, tx, id), patch, this.#isoNow());
      writeRun(db, tx, run);
      return run;
    });
  }

  async recordEvent(id: string, event: TrainerEvent): Promise<RunChange> {
    const parsed = parseTrainerEvent(event);
    return this.#atomic(`run:${id}`, async (db, tx) => {
      const now = this.#isoNow();
      const outcome = applyEvent(await existingRun(db, tx, id), parsed, now);
      if (outcome.recorded) {
        writeRun(db, tx, outcome.run);
        writeEvent(db, tx, id, parsed, now);
      }
      return { applied: outcome.applied, run: outcome.run };
    });
  }

  async listEvents(id: string): Promise<TrainerEvent[]> {
    return this.#read((db) => listEvents(db, id));
  }

  async listActiveRuns(): Promise<Run[]> {
    return this.#read((db) => selectActiveRuns(db));
  }

  async claimIdempotencyKey(key: string, value: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    assertIdempotencyClaim(key, ttlSeconds);
    return this.#atomic(`key:${key}`, (db, tx) =>
      claimKey(db, tx, key, value, this.#now().getTime(), ttlSeconds),
    );
  }

  async pickBest(pick: BestModelPick): Promise<BestModelPick> {
    const normal = normalizePick(pick);
    return this.#atomic(`picks:${normal.pick.country}`, async (db, tx) => {
      await insertPick(db, tx, normal.pick, normal.atIso);
      return normal.pick;
    });
  }

  async getBest(country: string): Promise<BestModelPick | undefined> {
    const code = marketKey(country, "country");
    return this.#read((db) => selectBest(db, code));
  }

  async listPicks(country: string): Promise<BestModelPick[]> {
    const code = marketKey(country, "country");
    return this.#read((db) => selectPicks(db, code));
  }

  async listBest(): Promise<BestModelPick[]> {
    return this.#read((db) => selectCurrentPicks(db));
  }

  async saveMapping(mapping: StoredMapping): Promise<StoredMapping> {
    const normal = normalizeMapping(mapping);
    await this.#read((db) => upsertMapping(db, normal.key, normal.mapping));
    return normal.mapping;
  }

  async getMapping(table: string, country?: string): Promise<StoredMapping | undefined> {
    const key = mappingKey(table, country);
    return this.#read((db) => selectMapping(db, key));
  }

  async saveLiftStudy(study: LiftStudyDraft): Promise<StoredLiftStudy> {
    const normal = normalizeLiftStudy(study);
    await this.#read((db) => upsertLiftStudy(db, normal));
    return normal;
  }

  async listLiftStudies(country: string): Promise<StoredLiftStudy[]> {
    const code = countryCode(country);
    return this.#read((db) => selectLiftStudies(db, code));
  }

  async deleteLiftStudy(country: string, id: string): Promise<StoredLiftStudy | undefined> {
    const code = countryCode(country);
    return this.#atomic(`liftStudies:${code}`, (db, tx) => removeLiftStudy(db, tx, code, id));
  }

  async saveShareLink(link: ShareLink): Promise<ShareLink> {
    const normal = normalizeShareLink(link);
    return this.#atomic("counter:shareLinks", async (db, tx) => {
      await insertShareLink(db, tx, normal.link, normal.createdIso);
      return normal.link;
    });
  }

  async getShareLink(id: string): Promise<ShareLink | undefined> {
    return this.#read((db) => selectShareLink(db, id));
  }

  async listShareLinks(runId: string): Promise<ShareLink[]> {
    return this.#read((db) => selectShareLinks(db, runId));
  }

  async revokeShareLink(id: string, by: Actor): Promise<ShareLink> {
    return this.#atomic(`shareLink:${id}`, (db, tx) => revokeShareLink(db, tx, id, by, this.#isoNow()));
  }

  async saveApiToken(token: ApiToken): Promise<ApiToken> {
    const normal = normalizeApiToken(token);
    return this.#atomic("counter:apiTokens", async (db, tx) => {
      await insertApiToken(db, tx, normal.token, normal.createdIso);
      return normal.token;
    });
  }

  async findApiToken(hash: string): Promise<ApiToken | undefined> {
    if (typeof hash !== "string" || hash === "") return undefined;
    return this.#read((db) => selectApiToken(db, hash));
  }

  async listApiTokens(): Promise<ApiToken[]> {
    return this.#read((db) => selectApiTokens(db));
  }

  async revokeApiToken(id: string, by: Actor): Promise<ApiToken> {
    return this.#atomic(`apiToken:${id}`, (db, tx) => revokeApiToken(db, tx, id, by, this.#isoNow()));
  }

  async addDataset(draft: DatasetDraft): Promise<Dataset> {
    assertDatasetDraft(draft);
    return this.#atomic(`dataset:${draft.name}`, (db, tx) =>
      insertNextDataset(db, tx, draft, this.#isoNow()),
    );
  }

  async getDataset(name: string, version?: number): Promise<Dataset | undefined> {
    if (typeof name !== "string" || name === "") return undefined;
    return this.#read((db) => selectDataset(db, name, version));
  }

  async listDatasets(): Promise<Dataset[]> {
    return this.#read((db) => selectLatestDatasets(db));
  }

  async listDatasetVersions(name: string): Promise<Dataset[]> {
    return this.#read((db) => selectDatasetVersions(db, name));
  }

  async deleteDataset(name: string): Promise<Dataset[]> {
    return this.#atomic(`dataset:${name}`, (db, tx) => removeDataset(db, tx, name));
  }

  async saveScenario(draft: SavedScenarioDraft): Promise<SavedScenario> {
    assertScenarioDraft(draft);
    return this.#atomic(`scenario:${draft.runId}`, async (db, tx) => {
      const scenario = scenarioRecord(draft, this.#isoNow());
      await upsertScenario(db, tx, scenario);
      return scenario;
    });
  }

  async getScenario(runId: string, solID: string, name: string): Promise<SavedScenario | undefined> {
    if (!runId) return undefined;
    return this.#read((db) => selectScenario(db, runId, solID, name));
  }

  async listScenarios(runId: string, solID: string): Promise<SavedScenario[]> {
    if (!runId) return [];
    return this.#read(async (db) => (await selectScenarios(db, runId, solID)).sort(byScenarioName));
  }

  async deleteScenario(runId: string, solID: string, name: string): Promise<SavedScenario> {
    return this.#atomic(`scenario:${runId}`, (db, tx) => removeScenario(db, tx, runId, solID, name));
  }

  async saveSchedule(schedule: Schedule): Promise<Schedule> {
    const normal = normalizeSchedule(schedule);
    return this.#atomic("counter:schedules", async (db, tx) => {
      await insertSchedule(db, tx, normal.schedule, normal.createdIso);
      return normal.schedule;
    });
  }

  async getSchedule(id: string): Promise<Schedule | undefined> {
    if (typeof id !== "string" || id === "") return undefined;
    return this.#read((db) => selectSchedule(db, id));
  }

  async listSchedules(): Promise<Schedule[]> {
    return this.#read((db) => selectActiveSchedules(db));
  }

  async claimScheduleSlot(id: string, slot: string, nextDue: string): Promise<Schedule | undefined> {
    try {
      return await this.#atomic(`schedule:${id}`, (db, tx) => claimSlot(db, tx, id, slot, nextDue));
    } catch (error) {
      // Another instance created this slot's claim first.
      if (isAlreadyExists((error as { cause?: unknown }).cause ?? error)) return undefined;
      throw error;
    }
  }

  async recordScheduleOutcome(id: string, outcome: ScheduleOutcome): Promise<Schedule> {
    return this.#atomic(`schedule:${id}`, (db, tx) => recordOutcome(db, tx, id, outcome));
  }

  async cancelSchedule(id: string, by: Actor): Promise<Schedule> {
    return this.#atomic(`schedule:${id}`, (db, tx) => cancel(db, tx, id, by, this.#isoNow()));
  }

  async savePreparation(preparation: Preparation): Promise<Preparation> {
    const normal = normalizePreparation(preparation);
    const inserted = await this.#read((db) => insertPreparation(db, normal));
    if (!inserted) throw preparationTaken(normal.name);
    return normal;
  }

  async getPreparation(name: string): Promise<Preparation | undefined> {
    if (typeof name !== "string" || name === "") return undefined;
    return this.#read((db) => selectPreparation(db, name));
  }

  async listPreparations(): Promise<Preparation[]> {
    return this.#read((db) => selectPreparations(db));
  }

  async deletePreparation(name: string): Promise<Preparation | undefined> {
    return this.#atomic(`preparation:${name}`, (db, tx) => removePreparation(db, tx, name));
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    await db?.terminate();
  }

  #open(): Firestore {
    if (this.#db === undefined)
      throw new MmmError("internal", "The Firestore run store was closed; open a new one.");
    return this.#db;
  }

  async #read<T>(work: (db: Firestore) => Promise<T>): Promise<T> {
    const db = this.#open();
    try {
      return await work(db);
    } catch (error) {
      throw asFirestoreError(error, this.#target);
    }
  }

  /**
   * `work` in one transaction, after earlier calls on `key` in this process. `work` may run more than
   * once (Firestore retries aborted transactions), so it reads the clock and the documents each time.
   */
  async #atomic<T>(key: string, work: (db: Firestore, tx: Transaction) => Promise<T>): Promise<T> {
    const db = this.#open();
    try {
      return await this.#lock.run(key, () =>
        db.runTransaction((tx) => work(db, tx), { maxAttempts: this.#maxAttempts }),
      );
    } catch (error) {
      throw asFirestoreError(error, this.#target);
    }
  }

  #isoNow(): string {
    return this.#now().toISOString();
  }
}
