import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { parseCsv } from "../data/csv.ts";
import { prepareTraining } from "../pipeline/prepare-training.ts";
import { nativeProphet } from "../prophet/native-prophet.ts";
import { createRng } from "./rng.ts";
import { inProcessPool, threadPool } from "./evaluation-pool.ts";
import { SearchSpace } from "./search-space.ts";

describe("threadPool", () => {
  it("answers rows and models' details in the order asked, as this thread does", async () => {
    const settings = parseRunSpec(DEMO_SPEC);
    const { setup } = prepareTraining(
      parseCsv(readFileSync(DEMO_DATA_FILE, "utf8")),
      settings,
      nativeProphet,
    );
    const dimension = new SearchSpace(setup.input, setup.space).dimension;
    const rng = createRng(11);
    // Seven models over three threads: shares of 3, 3 and 1, answered in whatever order the threads finish.
    const units = Float64Array.from({ length: 7 * dimension }, () => rng.next());
    const solIDs = Array.from({ length: 7 }, (_, i) => `1_1_${i + 1}`);
    const here = inProcessPool(setup);
    const threads = await threadPool(setup, 3);
    try {
      expect(await threads.evaluate(units, 7)).toEqual(await here.evaluate(units, 7));
      const details = await threads.details(units, solIDs);
      expect(details).toEqual(await here.details(units, solIDs));
      expect(details.map((model) => model.record.solID)).toEqual(solIDs);
    } finally {
      await threads.close();
    }
  });
});
