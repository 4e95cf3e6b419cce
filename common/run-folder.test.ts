import { describe, expect, it } from "vitest";
import { EVENT_ROUTES, onePagerFile, onePagerModel, runEventsUrl, shardEventsUrl } from "./run-folder.ts";

const RUN = "20261126T043012Z-de-7f3a9c";

describe("run folder", () => {
  it("reads the model back from a one-pager's path, and nothing from other files", () => {
    expect(onePagerModel(onePagerFile("1_2_3"))).toBe("1_2_3");
    expect(onePagerModel("output/onepagers/a/b.png")).toBeUndefined();
    expect(onePagerModel("output/pareto_front.png")).toBeUndefined();
    expect(onePagerModel("output/onepagers/.png")).toBeUndefined();
  });

  it("builds both event URLs on the app's routes", () => {
    const run = runEventsUrl("http://127.0.0.1:8080/", RUN);
    expect(run).toBe(`http://127.0.0.1:8080${EVENT_ROUTES.run.replace(":id", RUN)}`);
    expect(shardEventsUrl(run, 3)).toBe(
      `http://127.0.0.1:8080${EVENT_ROUTES.shard.replace(":id", RUN).replace(":index", "3")}`,
    );
    expect(() => shardEventsUrl("http://127.0.0.1:8080/elsewhere", 0)).toThrow(/not a run's events URL/);
  });
});
