import { describe, expect, it } from "vitest";
import { picks, runOf } from "../../tests/slack/block-fixtures.ts";
import { homeView } from "./home.ts";
import { ACTION } from "./ids.ts";

describe("homeView", () => {
  const link = (t: object) => `https://v/${JSON.stringify(t)}`;

  it("lists recent runs with their status, the best model per country and a New run button", () => {
    const view = homeView({
      recentRuns: [runOf("running"), runOf("succeeded", { country: "FR", id: "20261126T043013Z-fr-000001" })],
      bests: picks(["DE"]),
      link,
    });
    const json = JSON.stringify(view.blocks);
    expect(json).toContain(`"action_id":"${ACTION.newRun}"`);
    expect(json).toContain(":running: *DE* · Q3 budget review · running");
    expect(json).toContain(":white_check_mark: *FR*");
    expect(json).toContain("*DE*: model `3_145_2` of run `20261126T043012Z-de-7f3a9c`, picked by <@U0ALICE>");
  });

  it("shows only the refusal to someone who may not use the app", () => {
    const view = homeView({
      recentRuns: [runOf("running")],
      bests: [],
      link,
      refusal: "Sorry, only in <#C1>.",
    });
    expect(view.blocks).toHaveLength(2);
    expect(JSON.stringify(view.blocks)).toContain(":lock: Sorry, only in <#C1>.");
  });
});
