/**
 * Every Block Kit builder's output, with realistic and with extreme inputs (names of 255 characters, 40
 * channels, 20 countries, 150 columns, 20 clusters, a 2,000-character SQL query, a 12,000-character failure
 * and a 90,000-character log), checked against Slack's limits (`bot/blocks/block-kit-limits.ts`).
 */
import { describe, expect, it } from "vitest";
import { allocateView } from "../../bot/blocks/allocate-modal.ts";
import { assertWithinBlockKitLimits, type Surface } from "./block-kit-checker.ts";
import {
  bestMessage,
  compareMessage,
  helpMessage,
  runsListMessage,
} from "../../bot/blocks/command-replies.ts";
import { errorMessage, noteMessage, refusalMessage, usageMessage } from "../../bot/blocks/errors.ts";
import { homeView } from "../../bot/blocks/home.ts";
import {
  batchRefusedMessage,
  batchStartedMessage,
  batchSummaryMessage,
} from "../../bot/blocks/batch-message.ts";
import { datasetReadMessage, datasetRefusedMessage } from "../../bot/blocks/dataset-message.ts";
import type { Dataset } from "../../core/datasets/dataset.ts";
import { mappingView } from "../../bot/blocks/mapping-modal.ts";
import type { DataProfile } from "../../core/data-profile/data-profile.ts";
import { pickBestView } from "../../bot/blocks/pick-best-modal.ts";
import { responseMessage } from "../../bot/blocks/response-message.ts";
import { runMessage, type SlackMessage } from "../../bot/blocks/run-message.ts";
import {
  allocationMessage,
  failureMessage,
  noOnePagersMessage,
  pickedMessage,
  resultsMessage,
  stageNote,
} from "../../bot/blocks/run-results.ts";
import { settingsView } from "../../bot/blocks/settings-modal.ts";
import {
  liftImportMessage,
  liftStudiesView,
  liftStudyFormView,
} from "../../bot/blocks/lift-studies-modal.ts";
import { trainSourceView, trainStatusView } from "../../bot/blocks/train-modal.ts";
import { tableOption } from "../../bot/train/table-option.ts";
import { DraftStash, draftFromSpec, encodeDraft, newDraft } from "../../bot/train/train-draft.ts";
import { viewerLink } from "../../bot/viewer-link.ts";
import { MmmError } from "../../common/errors.ts";
import type { ModelAllocation } from "../../core/results/model-allocation.ts";
import type { ResponseReading } from "../../core/results/response-reading.ts";
import { RUN_STATUSES } from "../../core/run.ts";
import {
  COUNTRIES_20,
  LONG,
  extremeSuggestion,
  picks,
  realisticSuggestion,
  runOf,
} from "./block-fixtures.ts";

const link = (target: Parameters<typeof viewerLink>[1]) =>
  viewerLink(`https://mmm.example.com/${"p".repeat(200)}`, target);
const message = (m: SlackMessage): Surface => ({ kind: "message", text: m.text, blocks: m.blocks });
const stash = new DraftStash();

function datasetOf(extreme: boolean): Dataset {
  const columns = extreme ? 150 : 6;
  return {
    name: extreme ? LONG("d", 64) : "weekly",
    version: 1,
    fileName: extreme ? LONG("file", 255) : "Weekly.csv",
    format: "csv",
    bytes: 12_000,
    contentHash: "0".repeat(64),
    key: "datasets/weekly/0.parquet",
    columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}`, type: "number" as const })),
    rows: extreme ? 5_000_000 : 240,
    dateColumn: "DATE",
    dateRange: { start: "2021-01-04", end: "2023-04-17" },
    notes: extreme ? Array.from({ length: 40 }, () => LONG("note", 200)) : ["Read as CSV: comma-separated."],
    uploadedBy: { kind: "slack", id: "U0ALICE" },
    uploadedAt: "2026-12-07T18:00:00.000Z",
  };
}

function reading(metric: string, notes: number): ResponseReading {
  const point = {
    spend: 12_500,
    carryoverInput: 3000,
    response: 155_984,
    responseImmediate: 47_494,
    responseCarryover: 108_490,
  };
  return {
    metric,
    metricType: "paid",
    periods: { from: "2018-12-10", to: "2018-12-31", count: 4 },
    total: 50_000,
    query: point,
    history: { ...point, spend: 16_506 },
    mroi: { query: 2.345678, history: 3.456789 },
    notes: Array.from({ length: notes }, (_, i) => `${metric} note ${i}: ${"n".repeat(200)}`),
  };
}

function allocation(channels: number, name: (i: number) => string): ModelAllocation {
  // Only what the message reads; the rest of an allocation does not matter here.
  const row = (i: number) => ({
    channels: name(i),
    excluded: null,
    initSpendUnit: 1000 + i,
    optmSpendUnit: 1200 + i,
    initRoiUnit: 1.2,
    optmRoiUnit: 1.4,
    initCpaUnit: Number.NaN,
    optmCpaUnit: Number.POSITIVE_INFINITY,
  });
  return {
    solID: "3_145_2",
    dateRange: { from: "2018-01-01", to: "2018-12-31", periods: 52 },
    intervalType: "week",
    result: {
      scenario: "max_response",
      depVarType: "revenue",
      periods: 52,
      target: null,
      rows: Array.from({ length: channels }, (_, i) => row(i)),
      totals: {
        initResponseUnitTotal: 1e6,
        optmResponseUnitTotal: 1.1e6,
        optmResponseUnitTotalLift: 0.1,
        initSpendUnitTotal: 5e5,
        optmSpendUnitTotal: 5e5,
      },
      excluded: [],
      bounded: { message: "x".repeat(5000) },
      bindingBounds: Array.from({ length: channels }, (_, i) => ({
        channel: name(i),
        side: i % 2 === 0 ? "upper" : "lower",
        multiple: 1.5,
        relaxedMultiple: 2.5,
        responseGainUnit: 12_345.678,
        binds: i % 3 !== 0,
      })),
      unbounded: { message: "<infeasible> & wide" },
    },
  } as unknown as ModelAllocation;
}

const cases: [string, () => Surface][] = [];
for (const extreme of [false, true]) {
  const label = extreme ? "extreme" : "realistic";
  for (const status of RUN_STATUSES) {
    cases.push([
      `${label} run message, ${status}`,
      () =>
        message(
          runMessage(runOf(status, { extreme }), {
            viewerUrl: link({ run: "r" }),
            group: { index: 20, size: 20 },
          }),
        ),
    ]);
  }
  const succeeded = runOf("succeeded", { extreme });
  const links = {
    run: link({ run: succeeded.id }),
    model: (id: string) => link({ run: succeeded.id, model: id }),
  };
  cases.push(
    [`${label} results`, () => message(resultsMessage(succeeded, links))],
    [
      `${label} results without a summary`,
      () => message(resultsMessage(runOf("succeeded", { extreme, summary: false }), links)),
    ],
    [`${label} failure`, () => message(failureMessage(runOf("failed", { extreme })))],
    [`${label} cancelled note`, () => message(stageNote(runOf("cancelled", { extreme }), "cancelled"))],
    [
      `${label} allocation`,
      () =>
        message(
          allocationMessage(
            succeeded,
            allocation(extreme ? 40 : 5, (i) => (extreme ? LONG(`channel_${i}`) : `ch_${i}`)),
            "U0ALICE",
          ),
        ),
    ],
    [
      `${label} response`,
      () =>
        message(
          responseMessage({
            run: succeeded,
            solID: "3_145_2",
            reading: reading(extreme ? LONG("channel", 3000) : "tv_S", extreme ? 40 : 1),
            modelUrl: link({ run: "r", model: "m" }),
            by: "U0ALICE",
          }),
        ),
    ],
    [
      `${label} picked`,
      () => message(pickedMessage(picks(["DE"], extreme)[0]!, link({ run: "r", model: "m" }))),
    ],
    [
      `${label} pick-best modal`,
      () => ({
        kind: "modal",
        view: pickBestView(succeeded, { runId: succeeded.id, channel: "C1", threadTs: "1.2" }) as never,
      }),
    ],
    [
      `${label} allocate modal`,
      () => ({ kind: "modal", view: allocateView(succeeded, { runId: succeeded.id }) as never }),
    ],
    [
      `${label} home`,
      () => ({
        kind: "home",
        view: homeView({
          recentRuns: Array.from({ length: extreme ? 60 : 5 }, (_, i) =>
            runOf(RUN_STATUSES[i % 6]!, {
              extreme,
              id: `20261126T0430${String(i % 60).padStart(2, "0")}Z-de-7f3a9c`,
            }),
          ),
          bests: picks(
            extreme
              ? [
                  ...COUNTRIES_20,
                  ...COUNTRIES_20.map((c) => c.toLowerCase()),
                  ...COUNTRIES_20.map((c) => `${c}X`),
                ]
              : ["DE", "FR"],
            extreme,
          ),
          link,
        }) as never,
      }),
    ],
    [
      `${label} runs list`,
      () =>
        message(
          runsListMessage(
            Array.from({ length: 15 }, () => runOf("succeeded", { extreme })),
            "DE",
            link,
          ),
        ),
    ],
    [`${label} best list`, () => message(bestMessage(picks(COUNTRIES_20, extreme), undefined, link))],
    [
      `${label} compare`,
      () => message(compareMessage(runOf("succeeded", { extreme }), runOf("failed", { extreme }), link)),
    ],
  );
  const draft = extreme
    ? {
        ...draftFromSpec(runOf("failed", { extreme }).spec, LONG("tag"), "C0MMM"),
        countries: [...COUNTRIES_20],
      }
    : newDraft({ channel: "C0MMM", source: { table: "DEMO.SIMULATED_WEEKLY" }, countries: ["DE"] });
  const { columns, suggestion } = extreme ? extremeSuggestion() : realisticSuggestion();
  cases.push(
    [
      `${label} train step 1, free-text countries`,
      () => ({
        kind: "modal",
        view: trainSourceView({
          draft,
          metadata: encodeDraft(draft, stash),
          ...(extreme ? { problem: "p".repeat(5000), countriesNote: "n".repeat(3000) } : {}),
        }) as never,
      }),
    ],
    [
      `${label} train step 1, listed countries`,
      () => ({
        kind: "modal",
        view: trainSourceView({
          draft: {
            ...draft,
            source: { table: extreme ? LONG("DB.SCHEMA.TABLE", 300) : "DEMO.MULTI_COUNTRY_WEEKLY" },
          },
          metadata: encodeDraft(draft, stash),
          countries: {
            values: extreme ? Array.from({ length: 250 }, (_, i) => `C${i}`) : ["DE", "FR", "GB", "US"],
            column: extreme ? LONG("country") : "COUNTRY",
          },
        }) as never,
      }),
    ],
    [
      `${label} train step 1, a dataset among ${extreme ? 150 : 2}`,
      () => ({
        kind: "modal",
        view: trainSourceView({
          draft: { ...draft, source: { dataset: extreme ? `${LONG("d", 64)}@123456789` : "weekly@2" } },
          metadata: encodeDraft(draft, stash),
          datasets: Array.from({ length: extreme ? 150 : 2 }, (_, i) => ({
            ref: extreme ? `${LONG(`d${i}-`, 64)}@${i + 1}` : `weekly-${i}@1`,
            description: extreme ? LONG("rows ", 300) : "240 rows, 2021-01-04 to 2023-04-17",
          })),
        }) as never,
      }),
    ],
    [
      `${label} dataset read from a shared file`,
      () =>
        message(
          datasetReadMessage(
            {
              dataset: datasetOf(extreme),
              mapping: suggestion,
              markets: extreme ? Array.from({ length: 500 }, (_, i) => LONG(`m${i}`, 100)) : ["DE", "FR"],
            },
            link({ dataset: "weekly@1" }),
          ),
        ),
    ],
    [
      `${label} shared file refused`,
      () =>
        message(
          datasetRefusedMessage(
            extreme ? LONG("file", 255) : "sales.csv",
            new MmmError("invalid_input", extreme ? LONG("problem", 5000) : "sales.csv holds binary data."),
          ),
        ),
    ],
    [
      `${label} batch settings shared`,
      () =>
        message(
          batchSummaryMessage(
            extreme ? LONG("file", 255) : "markets.csv",
            Array.from({ length: extreme ? 200 : 2 }, (_, i) => ({
              row: i + 1,
              spec: {
                market: extreme ? LONG(`m${i}-`, 64) : ["DE", "FR"][i]!,
                country: "US",
                dep_var: extreme ? LONG(`goal${i}`, 200) : "revenue",
                dep_var_type: "revenue",
                paid_media_spends: ["tv_S"],
                data: { table: extreme ? LONG(`t${i}`, 255) : "weekly" },
              },
            })),
            "6f1c2d3e-0000-4000-8000-000000000000",
          ),
        ),
    ],
    [
      `${label} batch settings refused`,
      () =>
        message(
          batchRefusedMessage(
            extreme ? LONG("file", 255) : "markets.csv",
            new MmmError("invalid_input", extreme ? LONG("problem", 5000) : "row 2, column iterations: …"),
          ),
        ),
    ],
    [
      `${label} batch started`,
      () =>
        message(
          batchStartedMessage(
            {
              batchId: "b-6f1c2d3e-0000-4000-8000-000000000000",
              runs: Array.from({ length: extreme ? 200 : 2 }, (_, i) =>
                runOf("queued", { extreme, id: `run-${i}`, country: extreme ? LONG(`m${i}`, 64) : "DE" }),
              ),
              by: "U0ALICE",
            },
            { status: "https://mmm.example.com/api/batches/b-1", run: (id) => link({ run: id }) },
          ),
        ),
    ],
    [
      `${label} train step 2`,
      () => ({
        kind: "modal",
        view: mappingView({
          draft: { ...draft, columns },
          metadata: encodeDraft({ ...draft, columns }, stash),
          columns,
          suggestion,
          initial: {
            ...suggestion.spec,
            paid_media_spends: [...suggestion.spec.paid_media_spends],
            paid_media_vars: [...suggestion.spec.paid_media_vars],
            organic_vars: [],
            context_vars: [],
            factor_vars: [],
          },
          sourceLabel: extreme ? "the SQL query" : "table DEMO.SIMULATED_WEEKLY",
          country: "DE",
          rows: 208,
          externalId: `mmm-${draft.id}-abcd1234`,
          ...(extreme
            ? {
                problem: "q".repeat(4000),
                profile: {
                  rows: 208,
                  date_range: { start: "2021-01-04", end: "2024-12-23" },
                  goal: LONG("goal"),
                  findings: Array.from({ length: 20 }, () => ({
                    level: "problem",
                    message: "m".repeat(2000),
                  })),
                } as unknown as DataProfile,
                saved: {
                  country: "DE",
                  by: LONG("someone"),
                  at: "2026-01-01T00:00:00Z",
                  newColumns: columns,
                  missingColumns: columns,
                },
              }
            : {}),
        }) as never,
      }),
    ],
    [
      `${label} train step 3`,
      () => ({
        kind: "modal",
        view: settingsView({
          draft: {
            ...draft,
            liftStudyCounts: Object.fromEntries(draft.countries.map((c) => [c, extreme ? 400 : 3])),
            mapping: {
              ...suggestion.spec,
              date_var: columns[0]!,
              dep_var: columns[1]!,
              dep_var_type: "revenue",
              paid_media_spends: [...suggestion.spec.paid_media_spends],
              paid_media_vars: [...suggestion.spec.paid_media_vars],
              organic_vars: [],
              context_vars: [],
              factor_vars: [],
            },
          },
          metadata: "{}",
          values: extreme
            ? {
                ...draft.base,
                preset: "custom",
                iterations: 100_000,
                trials: 50,
                tag: LONG("tag", 500),
                calibrationText: "c".repeat(5000),
              }
            : { preset: "benchmark", prophet_vars: ["trend", "season", "holiday"] },
          ...(extreme ? { problem: "w".repeat(5000) } : {}),
        }) as never,
      }),
    ],
    [
      `${label} train status`,
      () => ({
        kind: "modal",
        view: trainStatusView({
          state: "failed",
          headline: "h".repeat(extreme ? 5000 : 20),
          details: Array.from({ length: extreme ? 200 : 2 }, () => "d".repeat(extreme ? 4000 : 30)),
          back: true,
          externalId: "e",
        }) as never,
      }),
    ],
  );
}
cases.push(
  ["help", () => message(helpMessage())],
  ["usage", () => message(usageMessage("`x` is not an /mmm command.", "/mmm help\n/mmm train"))],
  ["error (ours)", () => message(errorMessage(new Error("secret internals")))],
  ["error (the person's)", () => message(errorMessage(new MmmError("invalid_input", "m".repeat(10_000))))],
  ["refusal", () => message(refusalMessage("Sorry, MMM Trainer only works in <#C0MMM>."))],
  ["note", () => message(noteMessage("Run `x` is cancelled."))],
  ["no one-pagers", () => message(noOnePagersMessage())],
  ...(["realistic", "extreme"] as const).map((label): [string, () => Surface] => {
    const extreme = label === "extreme";
    const studies = Array.from({ length: extreme ? 300 : 3 }, (_, i) => ({
      id: `${i}-${"x".repeat(extreme ? 100 : 30)}`,
      country: "DE",
      study: {
        channel: extreme ? LONG(`channel_${i}`, 255) : "facebook_S",
        liftStartDate: "2018-05-07",
        liftEndDate: "2018-06-04",
        liftAbs: 123_456.789,
        spend: 98_765.4321,
        confidence: 0.85,
        ...(extreme ? { metric: LONG("metric", 255) } : {}),
        calibration_scope: "total" as const,
      },
      by: { kind: "slack" as const, id: "U0ALICE" },
      at: "2026-01-01T00:00:00Z",
    }));
    return [
      `${label} lift studies`,
      () => ({
        kind: "modal",
        view: liftStudiesView("DE", studies, extreme ? "n".repeat(5000) : "Saved.") as never,
      }),
    ];
  }),
  ["lift study form", () => ({ kind: "modal", view: liftStudyFormView("DE") as never })],
  [
    "lift study edit",
    () => ({
      kind: "modal",
      view: liftStudyFormView("DE", {
        id: "x".repeat(200),
        country: "DE",
        study: {
          channel: LONG("channel", 255),
          liftStartDate: "2018-05-07",
          liftEndDate: "2018-06-04",
          liftAbs: 1,
          spend: 2,
          confidence: 1,
          metric: LONG("metric", 255),
          calibration_scope: "immediate",
        },
        by: { kind: "slack", id: "U0ALICE" },
        at: "2026-01-01T00:00:00Z",
      }) as never,
    }),
  ],
  [
    "lift import",
    () =>
      message(
        liftImportMessage(
          "DE",
          Array.from({ length: 300 }, (_, i) => ({
            id: String(i),
            country: "DE",
            study: {
              channel: LONG(`channel_${i}`, 255),
              liftStartDate: "2018-05-07",
              liftEndDate: "2018-06-04",
              liftAbs: 1,
              spend: 2,
              confidence: 1,
              calibration_scope: "immediate" as const,
            },
            by: { kind: "slack" as const, id: "U0ALICE" },
            at: "2026-01-01T00:00:00Z",
          })),
          4,
          "U0ALICE",
        ),
      ),
  ],
  [
    "table options",
    () => ({
      kind: "options",
      response: {
        options: Array.from({ length: 100 }, (_, i) =>
          tableOption({ name: LONG(`DB.SCHEMA.T${i}`, 400), kind: "table", rows: 1e9, columns: 500 }),
        ),
      },
    }),
  ],
);

describe("Block Kit limits of every builder", () => {
  it.each(cases)("%s", (_, build) => {
    assertWithinBlockKitLimits(build());
  });

  it("keeps the train modal's draft within private_metadata, or stashes it", () => {
    const big = { ...newDraft(), source: { sql: "s".repeat(3000) }, columns: extremeSuggestion().columns };
    const metadata = encodeDraft(big, stash);
    expect(metadata.length).toBeLessThanOrEqual(3000);
    expect(JSON.parse(metadata)).toHaveProperty("stash");
  });

  it("shows our own failures without their internals", () => {
    expect(errorMessage(new Error("ECONNREFUSED 10.0.0.3:5432")).text).not.toMatch(/ECONNREFUSED/);
  });
});
