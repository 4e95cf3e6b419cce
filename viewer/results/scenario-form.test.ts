import { describe, expect, it } from "vitest";
import { MmmError } from "../../common/errors.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { scenarioFormPlan, scenarioFormValues, scenarioProblem } from "./scenario-form.ts";

const CHANNELS = ["tv_S", "ooh_S"];

describe("scenarioFormPlan", () => {
  it("reads the last weeks × one multiplier, or per channel with the shared one for the rest", () => {
    expect(scenarioFormPlan({ source: "recent", periods: "8", multiplier: "1.2" }, CHANNELS)).toEqual({
      periods: 8,
      multiplier: 1.2,
    });
    expect(scenarioFormPlan({ periods: "4", multiplier: "", "multiplier:tv_S": "2" }, CHANNELS)).toEqual({
      periods: 4,
      multiplier: { tv_S: 2, ooh_S: 1 },
    });
  });

  it("reads a pasted CSV plan", () => {
    expect(
      scenarioFormPlan({ source: "csv", plan_csv: "date,tv_S\n2020-01-06,100\n2020-01-13,0" }, CHANNELS),
    ).toEqual({ dates: ["2020-01-06", "2020-01-13"], spend: { tv_S: [100, 0] } });
  });

  it("refuses bad input naming the form's input", () => {
    expectInvalidInput(() => scenarioFormPlan({ periods: "0" }, CHANNELS), "periods");
    expectInvalidInput(() => scenarioFormPlan({ periods: "2.5" }, CHANNELS), "periods");
    expectInvalidInput(() => scenarioFormPlan({ periods: "4", multiplier: "-1" }, CHANNELS), "multiplier");
    expectInvalidInput(
      () => scenarioFormPlan({ periods: "4", "multiplier:ooh_S": "x" }, CHANNELS),
      "multiplier.ooh_S",
    );
    expectInvalidInput(() => scenarioFormPlan({ source: "csv", plan_csv: "" }, CHANNELS), "plan");
  });
});

describe("scenarioFormValues", () => {
  it("puts an uploaded file's text in the text box, so a refused form shows what was sent", async () => {
    const file = new File(["date,tv_S\n2020-01-06,5\n"], "plan.csv", { type: "text/csv" });
    expect(
      await scenarioFormValues({ source: "recent", plan_csv: "old", plan_file: file, name: " A " }),
    ).toEqual({
      source: "csv",
      plan_csv: "date,tv_S\n2020-01-06,5",
      name: "A",
    });
  });
});

describe("scenarioProblem", () => {
  it("puts each refusal under its input, and leaves other errors to the error page", () => {
    const error = (field: string) => new MmmError("invalid_input", "m", { context: { field } });
    expect(scenarioProblem(error("spend.tv_S"))).toEqual({ input: "plan_csv", message: "m" });
    expect(scenarioProblem(error("dates"))).toEqual({ input: "plan_csv", message: "m" });
    expect(scenarioProblem(error("multiplier.tv_S"))).toEqual({
      input: "multiplier",
      channel: "tv_S",
      message: "m",
    });
    expect(scenarioProblem(error("name"))).toEqual({ input: "name", message: "m" });
    expect(scenarioProblem(new MmmError("not_found", "m", { context: { field: "solID" } }))).toBeUndefined();
    expect(scenarioProblem(new Error("boom"))).toBeUndefined();
  });
});
