/**
 * The embedded RunStore: one SQLite file through libsql (prebuilt binaries, the better-sqlite3-style
 * synchronous API), so a fresh machine needs no account. The rules it follows are in `port.ts`.
 *
 * - WAL mode, so readers never wait for the writer; `BEGIN IMMEDIATE` around every read-modify-write
 *   (`sqlite-transaction.ts`); a busy timeout, so that two app instances on one file wait for each
 *   other's short transactions instead of failing. A lock held past the timeout is an `unavailable`
 *   (retryable) error. While it waits, a call blocks this process's event loop (the API is
 *   synchronous); transactions here last well under a millisecond, so waits are short.
 * - The schema is created or migrated on open (`sqlite-schema.ts`). The queries live beside this file:
 *   `sqlite-runs.ts` (runs, events), `sqlite-picks.ts` (picks, mappings), `sqlite-idempotency.ts`,
 *   `sqlite-access.ts` (share links, API tokens), `sqlite-datasets.ts`, `sqlite-lift-studies.ts`,
 *   `sqlite-scenarios.ts`, `sqlite-schedules.ts`, `sqlite-preparations.ts`;
 *   the rules they share with other adapters live in the adapter-neutral helpers named in `port.ts`.
 * - `:memory:` gives a private, empty store that lives until `close` (for tests and `mmm` one-offs).
 */
import { writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { MmmError } from "../../../common/errors.ts";
import { PRIVATE_FILE_MODE, makePrivateFolder } from "../../private-files.ts";
import type { TrainerEvent } from "../../events.ts";
import type { Actor, Run, RunStatus } from "../../run.ts";
import { applyEvent, parseTrainerEvent } from "../apply-event.ts";
import { applyTransition } from "../apply-transition.ts";
import { assertIdempotencyClaim } from "../idempotency-key.ts";
import { parseRunFilter } from "../list-runs-query.ts";
import {
  apiTokenTaken,
  normalizeApiToken,
  normalizeShareLink,
  revoked,
  shareLinkTaken,
  unknownRecord,
} from "../access-records.ts";
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
import { assertRunStatus, assertStorableRun, runAlreadyExists, runNotFound } from "../run-record.ts";
import { assertPickableRun, normalizePick } from "../best-model-pick.ts";
import { countryCode } from "../country-code.ts";
import { marketKey } from "../../market.ts";
import { mappingKey, normalizeMapping } from "../stored-mapping.ts";
import { normalizeLiftStudy } from "../stored-lift-study.ts";
import { removeLiftStudy, selectLiftStudies, upsertLiftStudy } from "./sqlite-lift-studies.ts";
import {
  insertApiToken,
  insertShareLink,
  selectApiTokenByHash,
  selectApiTokenById,
  selectApiTokens,
  selectShareLink,
  selectShareLinks,
  takenApiTokenField,
  updateApiToken,
  updateShareLink,
} from "./sqlite-access.ts";
import { claimKey } from "./sqlite-idempotency.ts";
import { insertSchedule, selectActiveSchedules, selectSchedule, updateSchedule } from "./sqlite-schedules.ts";
import type { Schedule, ScheduleOutcome } from "../../schedules/schedule.ts";
import {
  cancelledSchedule,
  claimedSchedule,
  normalizeSchedule,
  scheduleTaken,
  unknownSchedule,
  withOutcome,
} from "../schedule-record.ts";
import {
  insertNextDataset,
  removeDataset,
  selectDataset,
  selectDatasetVersions,
  selectLatestDatasets,
} from "./sqlite-datasets.ts";
import type { Dataset, DatasetDraft } from "../../datasets/dataset.ts";
import { assertDatasetDraft } from "../dataset-record.ts";
import { assertScenarioDraft, byScenarioName, scenarioNotFound, scenarioRecord } from "../saved-scenario.ts";
import { removeScenario, selectScenario, selectScenarios, upsertScenario } from "./sqlite-scenarios.ts";
import type { Preparation } from "../../preparations/preparation.ts";
import { normalizePreparation, preparationTaken } from "../preparation-record.ts";
import {
  insertPreparation,
  removePreparation,
  selectPreparation,
  selectPreparations,
} from "./sqlite-preparations.ts";
import { insertPick, selectCurrentPicks, selectMapping, selectPicks, upsertMapping } from "./sqlite-picks.ts";
import {
  insertEvent,
  insertRun,
  selectActiveRuns,
  selectEvents,
  selectRun,
  selectRuns,
  writeRun,
} from "./sqlite-runs.ts";
import type { SqliteDatabase } from "./sqlite-database.ts";
import { openSqliteDatabase } from "./sqlite-schema.ts";
import { asStoreError, immediate } from "./sqlite-transaction.ts";

export interface SqliteRunStoreOptions {
  /** The database file (created, with its folder, when missing) or `:memory:`. */
  readonly path: string;
  /** How long a call waits for another process's lock before failing, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** The store's clock (default: the system clock). */
  readonly now?: () => Date;
}

/** Opens the store, creating or migrating its schema. */
export async function openSqliteRunStore(options: SqliteRunStoreOptions): Promise<SqliteRunStore> {
  if (options.path !== ":memory:" && !options.path.startsWith("file:")) {
    await makePrivateFolder(dirname(resolve(options.path)));
    // Created empty and private before SQLite opens it: SQLite gives its -wal and -shm files the same mode.
    await writeFile(options.path, "", { flag: "a", mode: PRIVATE_FILE_MODE });
  }
  const db = openSqliteDatabase(options.path, options.busyTimeoutMs ?? 5000);
  return new SqliteRunStore(db, options.now ?? (() => new Date()));
}

export class SqliteRunStore implements RunStore {
  readonly kind = "sqlite";
  #db: SqliteDatabase | undefined;
  readonly #now: () => Date;

  constructor(db: SqliteDatabase, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  async createRun(run: Run): Promise<void> {
    assertStorableRun(run);
    const inserted = this.#write((db) => insertRun(db, run));
    if (!inserted) {
      throw runAlreadyExists(run.id);
    }
  }

  async getRun(id: string): Promise<Run | undefined> {
    return this.#read((db) => selectRun(db, id));
  }

  async listRuns(filter: RunFilter = {}): Promise<RunPage> {
    const query = parseRunFilter(filter);
    return this.#read((db) => selectRuns(db, query));
  }

  async transition(id: string, to: RunStatus, patch?: TransitionPatch): Promise<RunChange> {
    assertRunStatus(to);
    return this.#write((db) => {
      const change = applyTransition(this.#existing(db, id), to, patch, this.#isoNow());
      if (change.applied) writeRun(db, change.run);
      return change;
    });
  }

  async updateRun(id: string, patch: RunPatch): Promise<Run> {
    return this.#write((db) => {
      const run = updatedRun(this.#existing(db, id), patch, this.#isoNow());
      writeRun(db, run);
      return run;
    });
  }

  async recordEvent(id: string, event: TrainerEvent): Promise<RunChange> {
    const parsed = parseTrainerEvent(event);
    return this.#write((db) => {
      const now = this.#isoNow();
      const outcome = applyEvent(this.#existing(db, id), parsed, now);
      if (outcome.recorded) {
        insertEvent(db, id, parsed, now);
        writeRun(db, outcome.run);
      }
      return { applied: outcome.applied, run: outcome.run };
    });
  }

  async listEvents(id: string): Promise<TrainerEvent[]> {
    return this.#read((db) => selectEvents(db, id));
  }

  async listActiveRuns(): Promise<Run[]> {
    return this.#read((db) => selectActiveRuns(db));
  }

  async claimIdempotencyKey(key: string, value: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    assertIdempotencyClaim(key, ttlSeconds);
    return this.#write((db) => claimKey(db, key, value, this.#now().getTime(), ttlSeconds));
  }

  async pickBest(pick: BestModelPick): Promise<BestModelPick> {
    const normal = normalizePick(pick);
    return this.#write((db) => {
      assertPickableRun(normal.pick, selectRun(db, normal.pick.runId));
      insertPick(db, normal.pick, normal.atIso);
      return normal.pick;
    });
  }

  async getBest(country: string): Promise<BestModelPick | undefined> {
    const code = marketKey(country, "country");
    return this.#read((db) => selectPicks(db, code, 1)[0]);
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
    this.#write((db) => upsertMapping(db, normal.key, normal.mapping));
    return normal.mapping;
  }

  async getMapping(table: string, country?: string): Promise<StoredMapping | undefined> {
    const key = mappingKey(table, country);
    return this.#read((db) => selectMapping(db, key));
  }

  async saveLiftStudy(study: LiftStudyDraft): Promise<StoredLiftStudy> {
    const normal = normalizeLiftStudy(study);
    this.#write((db) => upsertLiftStudy(db, normal));
    return normal;
  }

  async listLiftStudies(country: string): Promise<StoredLiftStudy[]> {
    const code = countryCode(country);
    return this.#read((db) => selectLiftStudies(db, code));
  }

  async deleteLiftStudy(country: string, id: string): Promise<StoredLiftStudy | undefined> {
    const code = countryCode(country);
    return this.#write((db) => removeLiftStudy(db, code, id));
  }

  async saveShareLink(link: ShareLink): Promise<ShareLink> {
    const normal = normalizeShareLink(link);
    return this.#write((db) => {
      this.#existing(db, normal.link.runId);
      if (!insertShareLink(db, normal.link, normal.createdIso)) {
        throw shareLinkTaken(link.id);
      }
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
    return this.#write((db) => {
      const link = selectShareLink(db, id);
      if (link === undefined) throw unknownRecord("share link", id);
      const next = revoked(link, by, this.#isoNow());
      if (next !== link) updateShareLink(db, next);
      return next;
    });
  }

  async saveApiToken(token: ApiToken): Promise<ApiToken> {
    const normal = normalizeApiToken(token);
    return this.#write((db) => {
      const taken = takenApiTokenField(db, normal.token);
      if (taken !== undefined) {
        throw apiTokenTaken(taken);
      }
      insertApiToken(db, normal.token, normal.createdIso);
      return normal.token;
    });
  }

  async findApiToken(hash: string): Promise<ApiToken | undefined> {
    return this.#read((db) => selectApiTokenByHash(db, hash));
  }

  async listApiTokens(): Promise<ApiToken[]> {
    return this.#read((db) => selectApiTokens(db));
  }

  async revokeApiToken(id: string, by: Actor): Promise<ApiToken> {
    return this.#write((db) => {
      const token = selectApiTokenById(db, id);
      if (token === undefined) throw unknownRecord("API token", id);
      const next = revoked(token, by, this.#isoNow());
      if (next !== token) updateApiToken(db, next);
      return next;
    });
  }

  async addDataset(draft: DatasetDraft): Promise<Dataset> {
    assertDatasetDraft(draft);
    return this.#write((db) => insertNextDataset(db, draft, this.#isoNow()));
  }

  async getDataset(name: string, version?: number): Promise<Dataset | undefined> {
    return this.#read((db) => selectDataset(db, name, version));
  }

  async listDatasets(): Promise<Dataset[]> {
    return this.#read((db) => selectLatestDatasets(db));
  }

  async listDatasetVersions(name: string): Promise<Dataset[]> {
    return this.#read((db) => selectDatasetVersions(db, name));
  }

  async deleteDataset(name: string): Promise<Dataset[]> {
    return this.#write((db) => removeDataset(db, name));
  }

  async saveScenario(draft: SavedScenarioDraft): Promise<SavedScenario> {
    assertScenarioDraft(draft);
    return this.#write((db) => {
      this.#existing(db, draft.runId);
      const scenario = scenarioRecord(draft, this.#isoNow());
      upsertScenario(db, scenario);
      return scenario;
    });
  }

  async getScenario(runId: string, solID: string, name: string): Promise<SavedScenario | undefined> {
    return this.#read((db) => selectScenario(db, runId, solID, name));
  }

  async listScenarios(runId: string, solID: string): Promise<SavedScenario[]> {
    return this.#read((db) => selectScenarios(db, runId, solID).sort(byScenarioName));
  }

  async deleteScenario(runId: string, solID: string, name: string): Promise<SavedScenario> {
    return this.#write((db) => {
      const scenario = selectScenario(db, runId, solID, name);
      if (scenario === undefined) throw scenarioNotFound(runId, solID, name);
      removeScenario(db, runId, solID, name);
      return scenario;
    });
  }

  async saveSchedule(schedule: Schedule): Promise<Schedule> {
    const normal = normalizeSchedule(schedule);
    return this.#write((db) => {
      if (!insertSchedule(db, normal.schedule, normal.createdIso)) throw scheduleTaken(schedule.id);
      return normal.schedule;
    });
  }

  async getSchedule(id: string): Promise<Schedule | undefined> {
    return this.#read((db) => selectSchedule(db, id));
  }

  async listSchedules(): Promise<Schedule[]> {
    return this.#read((db) => selectActiveSchedules(db));
  }

  async claimScheduleSlot(id: string, slot: string, nextDue: string): Promise<Schedule | undefined> {
    return this.#write((db) => {
      const next = claimedSchedule(this.#schedule(db, id), slot, nextDue);
      if (next !== undefined) updateSchedule(db, next);
      return next;
    });
  }

  async recordScheduleOutcome(id: string, outcome: ScheduleOutcome): Promise<Schedule> {
    return this.#write((db) => {
      const current = this.#schedule(db, id);
      const next = withOutcome(current, outcome);
      if (next !== current) updateSchedule(db, next);
      return next;
    });
  }

  async cancelSchedule(id: string, by: Actor): Promise<Schedule> {
    return this.#write((db) => {
      const current = this.#schedule(db, id);
      const next = cancelledSchedule(current, by, this.#isoNow());
      if (next !== current) updateSchedule(db, next);
      return next;
    });
  }

  async savePreparation(preparation: Preparation): Promise<Preparation> {
    const normal = normalizePreparation(preparation);
    return this.#write((db) => {
      if (!insertPreparation(db, normal)) throw preparationTaken(normal.name);
      return normal;
    });
  }

  async getPreparation(name: string): Promise<Preparation | undefined> {
    return this.#read((db) => selectPreparation(db, name));
  }

  async listPreparations(): Promise<Preparation[]> {
    return this.#read((db) => selectPreparations(db));
  }

  async deletePreparation(name: string): Promise<Preparation | undefined> {
    return this.#write((db) => removePreparation(db, name));
  }

  async close(): Promise<void> {
    this.#db?.close();
    this.#db = undefined;
  }

  #open(): SqliteDatabase {
    if (this.#db === undefined)
      throw new MmmError("internal", "The SQLite run store was closed; open a new one.");
    return this.#db;
  }

  #read<T>(work: (db: SqliteDatabase) => T): T {
    const db = this.#open();
    try {
      return work(db);
    } catch (error) {
      throw asStoreError(error);
    }
  }

  #write<T>(work: (db: SqliteDatabase) => T): T {
    const db = this.#open();
    return immediate(db, () => work(db));
  }

  #existing(db: SqliteDatabase, id: string): Run {
    const run = selectRun(db, id);
    if (run === undefined) throw runNotFound(id);
    return run;
  }

  #schedule(db: SqliteDatabase, id: string): Schedule {
    const schedule = selectSchedule(db, id);
    if (schedule === undefined) throw unknownSchedule(id);
    return schedule;
  }

  #isoNow(): string {
    return this.#now().toISOString();
  }
}
