/**
 * One model evaluation on the demo configuration (208 weeks, 157-week window, 5 paid + 1 organic media,
 * competitor sales and 3 Prophet columns): adstock, saturation, bounded ridge, metrics, DECOMP.RSSD.
 * Target (issue): under 100 µs per geometric model and under 500 µs per Weibull model on one core.
 * For scale: Robyn 3.12.1 on this kind of machine took 0.2 s per model (2011 models in 402 s).
 */
import { ModelEvaluator } from "../../engine/model/evaluator.ts";
import type { ModelHyperparameters } from "../../engine/model/hyperparameters.ts";
import { createModelFit } from "../../engine/model/model-fit.ts";
import { buildModelInput } from "../../engine/model-input/model-input.ts";
import { createRng } from "../../engine/search/rng.ts";
import { goldenSettings, goldenTable } from "../golden/b3-configurations.ts";
import { loadGolden } from "../golden/fixtures.ts";
import type { GoldenConfiguration } from "../golden/b3-configurations.ts";
import { consume, formatMicros, measure, type Measurement } from "./harness.ts";

function randomHyperparameters(
  count: number,
  media: number,
  lambdaMax: number,
  seed: number,
): ModelHyperparameters[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => ({
    media: Array.from({ length: media }, () => ({
      alpha: 0.5 + 2.5 * rng.next(),
      gamma: 0.3 + 0.7 * rng.next(),
      theta: 0.8 * rng.next(),
      shape: 2 * rng.next(),
      scale: 0.1 * rng.next(),
    })),
    lambda: lambdaMax * 1e-4 + lambdaMax * (1 - 1e-4) * 10 ** (-4 * rng.next()),
    trainSize: 1,
  }));
}

export function benchModelEvaluation(adstock: "geometric" | "weibull_cdf" | "weibull_pdf"): Measurement {
  const golden = loadGolden<GoldenConfiguration>("b3_models_iii_prophet_geometric.json");
  const input = buildModelInput(goldenTable(golden), { ...goldenSettings(golden), adstock });
  const evaluator = new ModelEvaluator(input);
  const fit = createModelFit(input.regressors.length, input.media.length);
  const candidates = randomHyperparameters(256, input.media.length, input.lambdaMax, 7);
  let i = 0;
  return measure(() => {
    evaluator.evaluate(candidates[i++ & 255]!, fit);
    consume(fit.nrmse);
  });
}

export function describeEvaluation(name: string, m: Measurement, targetSeconds: number): [string, string] {
  const verdict = m.seconds < targetSeconds ? "within" : "OVER";
  return [
    name,
    `${formatMicros(m.seconds)} per model, ${Math.round(1 / m.seconds).toLocaleString("en")} models/s (${verdict} the ${formatMicros(targetSeconds)} target)`,
  ];
}
