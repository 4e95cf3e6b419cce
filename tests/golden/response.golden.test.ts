/**
 * B6: response queries against Robyn 3.12.1's `robyn_response` (golden README, `b6_response_public.json`): every
 * public case on the three rebuilt models (i_01 geometric, ii_01 Weibull CDF, iii_09 Prophet + geometric), run
 * through the product's own data preparation of the demo data and the models' hyperparameters and coefficients.
 *
 * Tolerance: 1e-9 relative for every number. Series are compared against their largest value (an element near 0,
 * such as a carryover computed as total − immediate, carries the rounding of the total), the simulated carryover
 * against the simulated adstocked level (golden README B6 rule 6). Dates, names and usecase must be identical;
 * Robyn's refusals must be MmmErrors naming the argument. The worst relative error per field is printed.
 */
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { robynResponse, type ResponseAnswer, type ResponseQuery } from "../../engine/response/index.ts";
import type { B3_FILES } from "./b3-configurations.ts";
import { goldenConfiguration } from "./b3-configurations.ts";
import { GOLDEN_DIR, loadGolden } from "./fixtures.ts";
import { assertClose, maxAbs } from "./tolerance.ts";

const VECTOR_FIELDS = [
  "input_total",
  "input_carryover",
  "input_immediate",
  "response_total",
  "response_carryover",
  "response_immediate",
] as const;
const SCALAR_FIELDS = [
  "inflexion",
  "mean_input_immediate",
  "mean_input_carryover",
  "mean_response_total",
  "mean_response_carryover",
  "mean_response",
  "sim_mean_spend",
  "sim_mean_carryover",
  "sim_mean_response",
] as const;
const REL = 1e-9;

interface B6Model {
  model_id: string;
  source: { file: (typeof B3_FILES)[number] };
  hyperparameters: Record<string, number>;
  coefficients: Record<string, number>;
  rollingWindowStartWhich: number;
  rollingWindowEndWhich: number;
  response_vectors: Record<string, Record<(typeof VECTOR_FIELDS)[number], number[]>>;
}
interface B6Case {
  case_id: string;
  model_id: string;
  call: ResponseQuery;
  metric_type: "paid" | "organic";
  metric_name_updated: string;
  error: string | null;
  hill_inputs: Record<string, number | string>;
  result:
    | (Record<(typeof SCALAR_FIELDS)[number], number | null> & {
        metric_name: string;
        date: string[];
        usecase: string;
      })
    | null;
}

/** Every B6 file of the golden folder (`b6_response_public.json`, and any other set `MMM_GOLDEN_DIR` holds). */
const b6Files = readdirSync(GOLDEN_DIR).filter((file) => /^b6_response_.*\.json$/.test(file));
const b6 = {
  models: b6Files.flatMap((file) => loadGolden<{ models: B6Model[] }>(file).models),
  cases: b6Files.flatMap((file) => loadGolden<{ cases: B6Case[] }>(file).cases),
};

/** The argument a Robyn error message is about. */
function fieldOfRobynError(message: string): string {
  if (/same length|'metric_value'/.test(message)) return "metric_value";
  if (/metric_name/.test(message)) return "metric_name";
  return "date_range";
}
const worst = new Map<string, { error: number; caseId: string }>();

function record(field: string, caseId: string, actual: number, expected: number, scale: number): void {
  const error = actual === expected ? 0 : Math.abs(actual - expected) / scale;
  const previous = worst.get(field);
  if (!previous || error > previous.error) worst.set(field, { error, caseId });
}

it("finds a B6 file", () => expect(b6Files.length).toBeGreaterThan(0));

const models = new Map(
  b6.models.map((model) => {
    const { input } = goldenConfiguration(model.source.file);
    return [model.model_id, { model, input }] as const;
  }),
);

afterAll(() => {
  console.log("\nB6 worst relative error per field (series: relative to the series' largest value)");
  console.table(
    Object.fromEntries(
      [...worst].map(([field, w]) => [field, { "worst relative error": w.error, case: w.caseId }]),
    ),
  );
});

describe.each(b6.cases.map((c) => [c.case_id, c] as const))("B6 %s", (caseId, c) => {
  const { model, input } = models.get(c.model_id)!;
  const query = (): ResponseAnswer =>
    robynResponse(
      { input, hyperparameters: model.hyperparameters, coefficients: model.coefficients },
      c.call,
    );

  if (c.error !== null) {
    it(`refuses as Robyn does: ${c.error.trim()}`, () => {
      const field = fieldOfRobynError(c.error!);
      expect(query).toThrow(expect.objectContaining({ code: "invalid_input" }));
      try {
        query();
      } catch (error) {
        expect(isMmmError(error) && error.field).toBe(field);
      }
    });
    return;
  }

  it(`matches every field of Robyn's result to ${REL} relative`, () => {
    expect([input.window.start + 1, input.window.end + 1]).toEqual([
      model.rollingWindowStartWhich,
      model.rollingWindowEndWhich,
    ]);
    const expected = c.result!;
    const answer = query();
    const actual = answer.response;
    expect(answer.metric_type).toBe(c.metric_type);
    expect(actual.metric_name).toBe(expected.metric_name);
    expect(actual.date).toEqual(expected.date);
    expect(actual.usecase).toBe(expected.usecase);
    expect(answer.curve.alpha).toBe(c.hill_inputs.alpha);
    expect(answer.curve.coef).toBe(c.hill_inputs.coef);

    const vectors = model.response_vectors[c.metric_name_updated]!;
    for (const field of VECTOR_FIELDS) {
      const want = vectors[field];
      const got = actual[field];
      expect(got.length, field).toBe(want.length);
      const scale = Math.max(
        maxAbs(vectors[field.startsWith("input") ? "input_total" : "response_total"]),
        1e-300,
      );
      for (let i = 0; i < want.length; i++) {
        assertClose(got[i]!, want[i]!, { abs: REL * scale }, `${caseId} ${field}[${i}]`);
        record(field, caseId, got[i]!, want[i]!, scale);
      }
    }
    for (const field of SCALAR_FIELDS) {
      const want = expected[field];
      const got = actual[field];
      const simulated = field.startsWith("sim_");
      if (simulated && c.call.metric_value === null) {
        expect(got, field).toBeNull();
        continue;
      }
      // null in the file is R's NaN: the 0/0 split of a value over periods with no history.
      if (want === null) {
        expect(got, field).toBeNaN();
        continue;
      }
      const scale =
        field === "sim_mean_carryover"
          ? Math.abs(expected.sim_mean_spend!) + Math.abs(want)
          : Math.max(Math.abs(want), Number.MIN_VALUE);
      assertClose(got!, want, { rel: REL, abs: REL * scale }, `${caseId} ${field}`);
      record(field, caseId, got!, want, scale);
    }
  });
});
