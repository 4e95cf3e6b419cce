/**
 * `mmm twin` through `main` on a run trained with `mmm train`: the truth is the chosen model's own ROI per
 * paid channel, the recovered figures and intervals are the twin run's recommended model's, the summary
 * figures follow from the rows, and the same seed gives the same report. Bad arguments exit 2 naming them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { outputRecords } from "../../core/results/run-outputs.ts";
import type { TwinReport } from "../../core/results/model-twin.ts";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { main } from "../cli.ts";

let folder: string;
let model: string;

async function twin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["twin", "--run", folder, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  folder = await trainedRunFolder();
  const summary = JSON.parse(readFileSync(join(folder, "output", "model_summary.json"), "utf8"));
  model = summary.recommended.model_id;
});

describe("mmm twin", () => {
  it("trains a twin whose truth is the model, and compares the recommended model with it", async () => {
    const args = ["--model", model, "--iterations", "150", "--trials", "2", "--workers", "1", "--seed", "3"];
    const first = await twin(...args);
    expect(first.code, first.err).toBe(0);
    const report = JSON.parse(first.out) as TwinReport;
    expect(report).toMatchObject({ truth_model: model, metric: "roi", iterations: 150, trials: 2, seed: 3 });

    const aggregated = outputRecords(readFileSync(join(folder, "output", "pareto_aggregated.csv"), "utf8"));
    const truth = aggregated.filter((row) => row.solID === model && Number.isFinite(row.spend_share));
    expect(report.channels.map((c) => c.channel)).toEqual(truth.map((row) => row.rn));
    for (const channel of report.channels) {
      expect(channel.truth).toBe(truth.find((row) => row.rn === channel.channel)!.roi_total);
      expect(channel.error).toBeCloseTo(Math.abs(channel.recovered! - channel.truth!) / channel.truth!, 12);
      expect(channel.covered).toBe(channel.truth! >= channel.low! && channel.truth! <= channel.high!);
    }
    const errors = report.channels.map((c) => c.error!).sort((a, b) => a - b);
    expect(report.median_error).toBe(errors[2]);
    expect(report.coverage).toBe(report.channels.filter((c) => c.covered).length / 5);
    expect(report.summary[0]).toMatch(new RegExp(`^Twin of .* with model ${model} as the truth`));

    expect(JSON.parse((await twin(...args)).out)).toEqual(report);
  }, 120_000);

  it("names the argument that is missing or wrong", async () => {
    const noModel = await twin();
    expect(noModel.code).toBe(2);
    expect(noModel.err).toMatch(/--model is required/);
    const badTrials = await twin("--model", model, "--trials", "two");
    expect(badTrials.code).toBe(2);
    expect(badTrials.err).toMatch(/--trials must be a whole number/);
    const unknown = await twin("--model", "9_9_9");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/9_9_9/);
  });
});
