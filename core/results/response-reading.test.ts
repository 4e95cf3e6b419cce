import { describe, expect, it } from "vitest";
import type { MediaChannel } from "../../engine/model-input/regressor.ts";
import { robynResponse, type ResponseModel, type ResponseQuery } from "../../engine/response/index.ts";
import type { ModelResponseReport } from "./model-response.ts";
import { responseCurvePoints, responseReading } from "./response-reading.ts";

const dates = Array.from({ length: 8 }, (_, i) =>
  new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10),
);
const tv = Float64Array.from([10, 0, 30, 40, 0, 60, 70, 80]);
const tvChannel: MediaChannel = {
  name: "tv_S",
  paid: true,
  spendName: "tv_S",
  exposureName: null,
  regressorIndex: 0,
  spend: null,
  cpeWindow: 1,
  totalSpend: 0,
  meanSpend: 0,
  spendShare: 0,
  meanExposure: 0,
};
const model: ResponseModel = {
  input: {
    dates,
    window: { start: 1, end: 7, length: 7, startDate: dates[1]!, endDate: dates[7]! },
    adstock: "geometric",
    media: [tvChannel],
    regressors: [{ name: "tv_S", kind: "paid", values: tv, sign: "positive", mediaIndex: 0 }],
  },
  hyperparameters: { tv_S_thetas: 0.4, tv_S_alphas: 2, tv_S_gammas: 0.5 },
  coefficients: { tv_S: 1000 },
};

function report(query: ResponseQuery): ModelResponseReport {
  const answer = robynResponse(model, query);
  return {
    solID: "1_1_1",
    ...answer.response,
    metric_type: "paid",
    curve: answer.curve,
    marginal: null,
    notes: answer.notes,
  };
}

describe("responseReading", () => {
  it("gives Robyn's historical and simulated means, split into immediate and carryover parts", () => {
    const r = report({ metric_name: "tv_S", metric_value: 120, date_range: "last_2" });
    const reading = responseReading(r, 120);
    expect(reading.periods).toEqual({ from: dates[6], to: dates[7], count: 2 });
    expect(reading.history.spend).toBe(r.mean_input_immediate);
    expect(reading.history.response).toBeCloseTo(r.mean_response_total, 12);
    expect(reading.history.responseCarryover).toBeCloseTo(r.mean_response_carryover, 12);
    expect(reading.query!.spend).toBe(r.sim_mean_spend);
    expect(reading.query!.response).toBeCloseTo(r.sim_mean_response!, 12);
    // The carryover part is what the carryover alone brings; with more carryover the immediate part is smaller.
    const q = reading.query!;
    expect(q.responseCarryover).toBeGreaterThan(0);
    expect(q.responseImmediate + q.responseCarryover).toBeCloseTo(q.response, 12);
    expect(reading.total).toBe(120);
  });

  it("has no queried point for a history-only query", () => {
    const reading = responseReading(report({ metric_name: "tv_S" }), null);
    expect(reading.query).toBeNull();
    expect(reading.total).toBeNull();
  });

  it("draws the historical curve through the historical mean, past the queried spend", () => {
    const r = report({ metric_name: "tv_S", metric_value: 500, date_range: "last" });
    const reading = responseReading(r, 500);
    const points = responseCurvePoints(r, reading);
    expect(points[0]!.spend).toBe(0);
    expect(points.at(-1)!.spend).toBeGreaterThan(500);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.response).toBeGreaterThanOrEqual(points[i - 1]!.response);
    expect(points[0]!.response).toBeCloseTo(reading.history.responseCarryover, 12);
  });
});
