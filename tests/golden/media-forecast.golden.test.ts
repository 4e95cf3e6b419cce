/**
 * Forward scenarios, media part, on Robyn's own models (B6: i_01 geometric, iii_09 Prophet + geometric): a model
 * fitted on the data without its last periods, given those periods' real values as its plan, must predict for
 * every medium exactly the response the model's decomposition gives those rows (Robyn's transform_decomp, the
 * B6 vectors' formulas) — 1e-12 relative to the series' largest value, as B1. That checks the carryover carried
 * into the plan, the decay and the historical inflexion in one go.
 */
import { describe, expect, it } from "vitest";
import { adstockInput, decomposeChannel } from "../../engine/response/channel-decomposition.ts";
import { curveOf } from "../../engine/response/robyn-response.ts";
import { forecastMedia } from "../../engine/scenario/media-forecast.ts";
import { goldenConfiguration, type B3_FILES } from "./b3-configurations.ts";
import { loadGolden } from "./fixtures.ts";

interface B6Model {
  model_id: string;
  source: { file: (typeof B3_FILES)[number] };
  adstock: string;
  hyperparameters: Record<string, number>;
  coefficients: Record<string, number>;
}

const models = loadGolden<{ models: B6Model[] }>("b6_response_public.json").models.filter(
  (m) => m.adstock === "geometric",
);
const HOLD_OUT = 12;

describe.each(models.map((m) => [m.model_id, m] as const))("B6 model %s", (_id, golden) => {
  const { input } = goldenConfiguration(golden.source.file);
  const model = { input, hyperparameters: golden.hyperparameters, coefficients: golden.coefficients };
  const n = input.dates.length;
  const cut = n - HOLD_OUT;

  it(`predicts the last ${HOLD_OUT} periods from the data before them as the decomposition does`, () => {
    expect(input.window.end).toBeLessThan(cut); // γ* depends on the window only, so the cut leaves it alone
    const truncated = {
      ...model,
      input: {
        ...input,
        dates: input.dates.slice(0, cut),
        regressors: input.regressors.map((r) => ({ ...r, values: r.values.slice(0, cut) })),
      },
    };
    const plan = {
      dates: input.dates.slice(cut),
      spend: Object.fromEntries(
        input.media.map((m) => [m.name, Array.from(input.regressors[m.regressorIndex]!.values.slice(cut))]),
      ),
    };
    const forecast = forecastMedia(truncated, plan);
    // The only assumption left is the exposure channels' cost per exposure (the plan names every medium).
    const exposures = input.media.filter((m) => m.exposureName !== null).map((m) => m.name);
    expect(forecast.notes).toHaveLength(exposures.length);
    for (const name of exposures)
      expect(forecast.notes.join("\n")).toContain(`buys ${name} at the modelling window's cost`);
    let worst = 0;
    for (const medium of input.media) {
      const curve = curveOf(model, medium.name, input.adstock);
      const values = input.regressors[medium.regressorIndex]!.values;
      const { inflexion } = decomposeChannel(values, curve, input.window);
      const adstocked = adstockInput(values, curve).total.slice(cut);
      const expected = Array.from(adstocked, (a) => curve.coef / (1 + (inflexion / a) ** curve.alpha));
      const actual = forecast.media.find((m) => m.medium === medium.name)!.response;
      const scale = Math.max(...expected.map(Math.abs));
      for (let t = 0; t < HOLD_OUT; t++) {
        const error = Math.abs(actual[t]! - expected[t]!) / scale;
        worst = Math.max(worst, error);
        expect(error, `${medium.name} ${plan.dates[t]}`).toBeLessThanOrEqual(1e-12);
      }
    }
    console.log(
      `${golden.model_id}: worst relative error over ${input.media.length} media × ${HOLD_OUT} periods ${worst}`,
    );
  });
});
