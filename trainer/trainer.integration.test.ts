import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TrainerEvent } from "../core/events.ts";
import { parseRunSpec } from "../core/run-spec.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../tests/fixtures/demo-spec.ts";
import { parseCsv } from "../engine/data/csv.ts";
import { nativeProphet } from "../engine/prophet/native-prophet.ts";
import { eventSink } from "./event-sink.ts";
import { runTrainer } from "./trainer.ts";
import { marginalResponseAt, responseAt } from "../engine/allocator/response-curve.ts";
import type { ModelSummary } from "../engine/outputs/model-summary.ts";

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function train(overrides: Record<string, unknown>, workers = 1) {
  const outDir = mkdtempSync(join(tmpdir(), "mmm-train-"));
  folders.push(outDir);
  const events: TrainerEvent[] = [];
  const outcome = await runTrainer({
    settings: parseRunSpec({ ...DEMO_SPEC, iterations: 150, trials: 2, ...overrides }),
    table: parseCsv(readFileSync(DEMO_DATA_FILE, "utf8")),
    outDir,
    workers,
    events: eventSink(async (event) => void events.push(event)),
    signal: new AbortController().signal,
    prophet: nativeProphet,
  });
  return { outcome, outDir, events };
}

describe("runTrainer", () => {
  it("writes Robyn's output files, the summary and a final status, with events in order", async () => {
    const { outcome, outDir, events } = await train({});
    expect(outcome).toBe("succeeded");
    const status = JSON.parse(await readFile(join(outDir, "status.json"), "utf8"));
    expect(status.state).toBe("succeeded");
    expect(status.resources.peakMemoryMb).toBeGreaterThan(0);

    const header = (file: string) =>
      readFileSync(join(outDir, "output", file), "utf8")
        .split("\n", 1)[0]!
        .split(",");
    expect(header("all_models.csv").slice(0, 6)).toEqual([
      "solID",
      "trial",
      "iterNG",
      "iterPar",
      "iterations",
      "facebook_I_alphas",
    ]);
    expect(header("all_models.csv")).toEqual(
      expect.arrayContaining([
        "nrmse",
        "decomp.rssd",
        "mape",
        "robynPareto",
        "error_score",
        "tv_S_inflexion",
      ]),
    );
    expect(header("pareto_aggregated.csv")).toEqual(
      expect.arrayContaining(["rn", "xDecompAgg", "roi_total", "boot_mean", "ci_low", "carryover_pct"]),
    );
    expect(header("pareto_alldecomp_matrix.csv")).toEqual([
      "ds",
      "dep_var",
      "trend",
      "season",
      "holiday",
      "competitor_sales_B",
      "events",
      "tv_S",
      "ooh_S",
      "print_S",
      "facebook_I",
      "search_clicks_P",
      "newsletter",
      "intercept",
      "depVarHat",
      "solID",
      "cluster",
      "top_sol",
    ]);
    const allModels = readFileSync(join(outDir, "output", "all_models.csv"), "utf8")
      .trim()
      .split("\n");
    expect(allModels).toHaveLength(1 + 150 * 2);

    const summary = JSON.parse(await readFile(join(outDir, "output", "model_summary.json"), "utf8"));
    expect(summary.candidate_model_count).toBe(300);
    expect(summary.pareto_model_count).toBeGreaterThanOrEqual(100);
    expect(summary.best_model.top_sol).toBe(true);
    expect(summary.input_metadata.paid_media_spends).toEqual(DEMO_SPEC.paid_media_spends);
    expectMarginalReturnsFromOutputFiles(outDir, summary.best_model);

    expect(events[0]!.type).toBe("started");
    expect(events.at(-1)!.type).toBe("completed");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("gives byte-identical all_models.csv with one and with two worker threads", async () => {
    const one = await train({ seed: 7 }, 1);
    const two = await train({ seed: 7 }, 2);
    const read = (dir: string) => readFileSync(join(dir, "output", "all_models.csv"));
    expect(read(two.outDir).equals(read(one.outDir))).toBe(true);
  });

  it("fails with the reason and the log tail when the data is wrong, before training", async () => {
    const { outcome, outDir, events } = await train({
      paid_media_spends: ["tv_S", "ooh_S", "print_S", "facebook_S", "search_spend"],
    });
    expect(outcome).toBe("failed");
    const status = JSON.parse(await readFile(join(outDir, "status.json"), "utf8"));
    expect(status.state).toBe("failed");
    expect(status.reason).toMatch(/^Column "search_spend" named in paid_media_spends is not in the data\./);
    expect(status.log_tail).toContain('failed: Column "search_spend"');
    expect(events.at(-1)).toMatchObject({ type: "failed", reason: status.reason });
  });

  it("explains too few candidates for the Pareto fronts, saying what to change", async () => {
    const { outcome, outDir } = await train({ iterations: 30, trials: 1 });
    expect(outcome).toBe("failed");
    const status = JSON.parse(await readFile(join(outDir, "status.json"), "utf8"));
    expect(status.reason).toMatch(/min_candidates/);
  });
});

/** Rows of an output CSV as objects (numbers as numbers). */
function outputRows(outDir: string, file: string): Record<string, number | string | null>[] {
  const table = parseCsv(readFileSync(join(outDir, "output", file), "utf8"));
  const length = table.data[table.columns[0]!]!.length;
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(table.columns.map((column) => [column, table.data[column]![i]!])),
  );
}

/**
 * The summary's mROI and +10 % gains are the curve of the best model as its output files describe it
 * (coefficient, mean carryover and mean spend from pareto_aggregated.csv; alpha and inflexion from
 * pareto_hyperparameters.csv), and the ranking orders every paid channel by that gain.
 */
function expectMarginalReturnsFromOutputFiles(outDir: string, best: ModelSummary["best_model"]): void {
  const hyper = outputRows(outDir, "pareto_hyperparameters.csv").find((r) => r.solID === best.model_id)!;
  const rows = outputRows(outDir, "pareto_aggregated.csv").filter((r) => r.solID === best.model_id);
  expect(best.channels.map((c) => c.channel)).toEqual(DEMO_SPEC.paid_media_vars);
  for (const channel of best.channels) {
    const row = rows.find((r) => r.rn === channel.channel)!;
    const curve = {
      coef: row.coef as number,
      alpha: hyper[`${channel.channel}_alphas`] as number,
      inflexion: hyper[`${channel.channel}_inflexion`] as number,
      carryover: row.mean_carryover as number,
    };
    const spend = row.mean_spend as number;
    expect(channel.mean_spend).toBeCloseTo(spend, 6);
    expect(channel.mroi).toBeGreaterThanOrEqual(0);
    const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    expect(relative(channel.mroi!, marginalResponseAt(curve, spend))).toBeLessThan(1e-9);
    const gain = responseAt(curve, spend * 1.1) - responseAt(curve, spend);
    expect(Math.abs(channel.next_10pct_response! - gain)).toBeLessThanOrEqual(1e-9 * Math.max(1, gain));
  }
  const ranking = best.next_budget_ranking;
  expect(ranking.map((r) => r.channel).sort()).toEqual([...DEMO_SPEC.paid_media_vars].sort());
  for (let i = 1; i < ranking.length; i++)
    expect(ranking[i]!.response_gain).toBeLessThanOrEqual(ranking[i - 1]!.response_gain);
}
