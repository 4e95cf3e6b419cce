/**
 * `mmm response` through `main`, with fixed hyperparameters (`--spec`, as `mmm fit`): Robyn's B6 model i_01 fitted
 * by the product's own ridge from the spec, then queried as Robyn was. The product's coefficient is not glmnet's,
 * and every response number is proportional to the coefficient (golden README B6 rule 7), so numbers are
 * compared as response / coef at 1e-9 relative; inputs, dates and the curve's shape parameters must match
 * Robyn's exactly or to 1e-12. Bad queries exit with code 2 and an error naming the flag.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_DATA_FILE, DEMO_MAPPING } from "../../tests/fixtures/demo-spec.ts";
import { loadGolden } from "../../tests/golden/fixtures.ts";
import { assertClose } from "../../tests/golden/tolerance.ts";
import { main } from "../cli.ts";

interface B6Case {
  case_id: string;
  model_id: string;
  call: { metric_name: string; metric_value: number | null; date_range: string | string[] | null };
  error: string | null;
  hill_inputs: { coef: number; alpha: number; gamma: number; theta: number };
  result: Record<string, number | string | string[] | null> | null;
}
interface B6Model {
  model_id: string;
  hyperparameters: Record<string, number>;
  lambda: number;
}
const b6 = loadGolden<{ models: B6Model[]; cases: B6Case[] }>("b6_response_public.json");
const i01 = b6.models.find((m) => m.model_id === "i_01")!;

const dir = mkdtempSync(join(tmpdir(), "mmm-response-"));
const specFile = join(dir, "spec.json");
// Robyn's configuration (i): the demo without Prophet and the events factor, geometric adstock.
writeFileSync(
  specFile,
  JSON.stringify({
    country: "DE",
    ...DEMO_MAPPING,
    context_vars: ["competitor_sales_B"],
    factor_vars: [],
    window_start: "2016-01-01",
    window_end: "2018-12-31",
    hyperparameters: { ...i01.hyperparameters, lambda: i01.lambda },
  }),
);

async function respond(...args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
  const code = await main(["response", "--spec", specFile, "--data", DEMO_DATA_FILE, ...args], io);
  return { code, out: out.join("\n"), err };
}

function argsOf(call: B6Case["call"]): string[] {
  return [
    "--metric",
    call.metric_name,
    ...(call.metric_value === null ? [] : ["--value", String(call.metric_value)]),
    ...(call.date_range === null ? [] : ["--date-range", [call.date_range].flat().join(",")]),
  ];
}

const SCALED = [
  "mean_response_total",
  "mean_response_carryover",
  "mean_response",
  "sim_mean_response",
] as const;
const UNSCALED = [
  "inflexion",
  "mean_input_immediate",
  "mean_input_carryover",
  "sim_mean_spend",
  "sim_mean_carryover",
];

describe("mmm response --spec (fixed hyperparameters)", () => {
  const cases = b6.cases.filter(
    (c) =>
      c.model_id === "i_01" &&
      c.error === null &&
      ["b_single_last1", "b2_total_last4", "d2_dates_nearest", "a_historical"].some((k) =>
        c.case_id.endsWith(k),
      ),
  );
  it.each(cases.map((c) => [c.case_id, c] as const))(
    "%s matches Robyn as response / coef",
    async (_id, c) => {
      const { code, out, err } = await respond(...argsOf(c.call));
      expect(code, err.join("\n")).toBe(0);
      const json = JSON.parse(out);
      const want = c.result!;
      expect(json.metric_name).toBe(want.metric_name);
      expect(json.date).toEqual(want.date);
      expect(json.usecase).toBe(want.usecase);
      expect(json.curve).toMatchObject({
        adstock: "geometric",
        theta: c.hill_inputs.theta,
        alpha: c.hill_inputs.alpha,
        gamma: c.hill_inputs.gamma,
      });
      expect(Object.keys(json.curve)).toEqual(["adstock", "theta", "alpha", "gamma", "inflexion", "coef"]);
      for (const field of UNSCALED) {
        if (want[field] === null) expect(json[field]).toBeNull();
        else assertClose(json[field], want[field] as number, { rel: 1e-12 }, `${c.case_id} ${field}`);
      }
      for (const field of SCALED) {
        if (want[field] === null) {
          expect(json[field]).toBeNull();
          continue;
        }
        const ours = json[field] / json.curve.coef;
        assertClose(
          ours,
          (want[field] as number) / c.hill_inputs.coef,
          { rel: 1e-9 },
          `${c.case_id} ${field} / coef`,
        );
      }
      expect(json.response_total).toHaveLength(157);
      expect(json.input_total).toHaveLength(208);
    },
  );

  it("refuses bad queries with exit code 2, naming the flag, and prints nothing", async () => {
    const bad: [string[], RegExp][] = [
      [["--metric", "radio_S"], /^error: --metric: metric_name "radio_S" is not a medium/],
      [
        ["--metric", "tv_S", "--value=-5", "--date-range", "last"],
        /^error: --value: metric_value must be a number zero or above/,
      ],
      [
        ["--metric", "tv_S", "--value", "abc", "--date-range", "last"],
        /^error: --value: metric_value must be a number \(a total for the date range\), not "abc"/,
      ],
      [
        ["--metric", "tv_S", "--value", "1,2", "--date-range", "last_2"],
        /^error: --value: metric_value has 2 values; Robyn 3.12.1 takes one total/,
      ],
      [
        ["--metric", "tv_S", "--value", "5"],
        /^error: --date-range: date_range is required with metric_value/,
      ],
      [
        ["--metric", "tv_S", "--date-range", "2019-06-03"],
        /^error: --date-range: date_range has 2019-06-03, outside the periods the model knows \(2015-11-23 to 2018-12-31/,
      ],
      [
        ["--metric", "tv_S", "--date-range", "2018-12-03,2019-02-04"],
        /^error: --date-range: date_range has 2019-02-04, outside/,
      ],
      [
        ["--metric", "tv_S", "--date-range", "2015-01-05"],
        /^error: --date-range: date_range has 2015-01-05, outside/,
      ],
      [
        ["--metric", "tv_S", "--date-range", "last_500"],
        /^error: --date-range: date_range "last_500" asks for 500 periods/,
      ],
    ];
    for (const [args, message] of bad) {
      const { code, out, err } = await respond(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(out).toBe("");
      expect(err.join("\n")).toMatch(message);
    }
  });
});
