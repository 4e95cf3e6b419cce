import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCell } from "../../common/csv-cell.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { makeRun } from "../../tests/contract/run-fixtures.ts";
import { mmmRejectionOf } from "../../tests/support/expect-mmm-error.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { openLocalFolderArtifactStore } from "../artifacts/local/local-folder.ts";
import type { Run } from "../run.ts";
import { numberOf, RunOutputs } from "./run-outputs.ts";
import { RunOutputsCache } from "./run-outputs-cache.ts";

// Every spelling of a missing cell, quoted or not, beside a logical, text with a comma and infinities.
const MISSING = ["", '""', "NA", '"NA"', "NaN", "null", "#N/A", " NA "];
const PARETO = [
  `solID,tv_S_alphas,top_sol,note,${MISSING.map((_, i) => `m${i}`).join(",")},decomp.rssd`,
  `1_2_3,1.5,TRUE,"a, ""b""",${MISSING.join(",")},Inf`,
  `2_1_1,2,FALSE,plain,${MISSING.map(() => "0").join(",")},-Inf`,
].join("\n");
const AGGREGATED = "solID,rn,coef\n1_2_3,tv_S,0.25\n2_1_1,tv_S,NA\n";

let folder: string;
let store: ArtifactStore;
const reads: string[] = [];
let counting: ArtifactStore;
let runs = 0;

async function runWith(files: Record<string, string>, status: Run["status"] = "succeeded"): Promise<Run> {
  const run = makeRun({ status, id: `run-${++runs}` });
  for (const [path, text] of Object.entries(files)) await store.put(`${run.artifactPrefix}${path}`, text);
  return run;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "run-outputs-"));
  store = await openLocalFolderArtifactStore({ root: folder });
  // The same store, recording every file read.
  counting = new Proxy(store, {
    get(target, name) {
      if (name === "getText")
        return (key: string) => {
          reads.push(key);
          return target.getText(key);
        };
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("RunOutputs", () => {
  it("reads every cell by the one rule: missing in any spelling is NaN, logicals 1/0, text stays text", async () => {
    const run = await runWith({ [OUTPUT_FILES.paretoHyperparameters]: PARETO });
    const model = await new RunOutputs(store, run).model("1_2_3");
    expect(model).toMatchObject({ solID: "1_2_3", tv_S_alphas: 1.5, top_sol: 1, note: 'a, "b"' });
    expect(model["decomp.rssd"]).toBe(Infinity);
    MISSING.forEach((cell, i) => {
      expect(parseCell(cell.replaceAll('"', ""))).toBeNull();
      expect(model[`m${i}`], `cell ${JSON.stringify(cell)}`).toBeNaN();
      expect(numberOf(model, `m${i}`)).toBeNaN();
    });
    const viewer = await new RunOutputs(store, run).paretoModels();
    expect(viewer.map((m) => [m.solID, m.top_sol, m["decomp.rssd"]])).toEqual([
      ["1_2_3", 1, Infinity],
      ["2_1_1", 0, -Infinity],
    ]);
  });

  it("reads each file once per object, and again after a read that failed", async () => {
    const run = await runWith({
      [OUTPUT_FILES.paretoHyperparameters]: PARETO,
      [OUTPUT_FILES.paretoAggregated]: AGGREGATED,
    });
    const outputs = new RunOutputs(counting, run);
    reads.length = 0;
    await Promise.all([outputs.model("1_2_3"), outputs.paretoModels(), outputs.modelVariables("2_1_1")]);
    expect(await outputs.variables("1_2_3")).toEqual([{ solID: "1_2_3", rn: "tv_S", coef: 0.25 }]);
    expect(reads.map((key) => key.slice(run.artifactPrefix.length)).sort()).toEqual(
      [OUTPUT_FILES.paretoAggregated, OUTPUT_FILES.paretoHyperparameters].sort(),
    );

    const broken = await runWith({ [OUTPUT_FILES.allModels]: 'solID,nrmse,decomp.rssd\n"1_1_1,0.1,0.2\n' });
    const cloud = new RunOutputs(counting, broken);
    await expect(cloud.candidates()).rejects.toThrow(/never closed/);
    await store.put(
      `${broken.artifactPrefix}${OUTPUT_FILES.allModels}`,
      "solID,nrmse,decomp.rssd\n1_1_1,0.1,NA\n",
    );
    const candidates = await cloud.candidates();
    expect([candidates?.count, candidates?.nrmse[0], candidates?.rssd[0]]).toEqual([1, 0.1, NaN]);
  });

  it("names the missing model or file for callers that need the model", async () => {
    const run = await runWith({ [OUTPUT_FILES.paretoHyperparameters]: PARETO });
    const noModel = await mmmRejectionOf(new RunOutputs(store, run).model("9_9_9"));
    expect([noModel.code, noModel.message]).toEqual([
      "not_found",
      `Run ${run.id} has no Pareto model 9_9_9.`,
    ]);
    const noFile = await mmmRejectionOf(new RunOutputs(store, run).modelVariables("1_2_3"));
    expect([noFile.code, noFile.message]).toEqual([
      "not_found",
      `Run ${run.id} has no ${OUTPUT_FILES.paretoAggregated}.`,
    ]);
    const running = await runWith({}, "running");
    expect((await mmmRejectionOf(new RunOutputs(store, running).model("1_2_3"))).code).toBe("conflict");
    // Pages show what there is instead.
    const outputs = new RunOutputs(store, running);
    expect([await outputs.summary(), await outputs.paretoModels(), await outputs.candidates()]).toEqual([
      undefined,
      [],
      undefined,
    ]);
  });
});

describe("RunOutputsCache", () => {
  it("keeps the outputs of the last succeeded runs viewed and reads other runs afresh", () => {
    const cache = new RunOutputsCache(store, 2);
    const [a, b, c] = ["a", "b", "c"].map((id) => makeRun({ id, status: "succeeded" }));
    const running = makeRun({ id: "d", status: "running" });
    const first = cache.of(a!);
    expect(cache.of(a!)).toBe(first);
    expect(cache.of(running)).not.toBe(cache.of(running));
    const second = cache.of(b!);
    cache.of(a!);
    cache.of(c!); // b, the least recently used, goes.
    expect(cache.of(a!)).toBe(first);
    expect(cache.of(b!)).not.toBe(second);
  });
});
