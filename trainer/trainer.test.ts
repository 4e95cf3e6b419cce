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
