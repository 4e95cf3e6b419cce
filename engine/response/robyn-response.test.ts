import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import type { MediaChannel, Regressor } from "../model-input/regressor.ts";
import { robynResponse, type ResponseModel, type ResponseQuery } from "./robyn-response.ts";

/** Ten weekly rows; the window is rows 2..7, so rows 8 and 9 lie after it (the model never saw them). */
const dates = Array.from({ length: 10 }, (_, i) =>
  new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10),
);
const tv = Float64Array.from([10, 0, 30, 40, 0, 60, 70, 80, 90, 100]);
const facebook = Float64Array.from([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
const newsletter = Float64Array.from([1, 2, 3, 4, 5, 0, 0, 8, 9, 10]);

function channel(
  name: string,
  paid: boolean,
  regressorIndex: number,
  spendName: string | null,
  exposureName: string | null,
): MediaChannel {
  return {
    name,
    paid,
    spendName,
    exposureName,
    regressorIndex,
    spend: null,
    cpeWindow: 1,
    totalSpend: 0,
    meanSpend: 0,
    spendShare: 0,
    meanExposure: 0,
  };
}
function regressor(
  name: string,
  kind: Regressor["kind"],
  values: Float64Array,
  mediaIndex: number,
): Regressor {
  return { name, kind, values, sign: "positive", mediaIndex };
}

const model: ResponseModel = {
  input: {
    dates,
    window: { start: 2, end: 7, length: 6, startDate: dates[2]!, endDate: dates[7]! },
    adstock: "geometric",
    media: [
      channel("tv_S", true, 1, "tv_S", null),
      channel("facebook_I", true, 2, "facebook_S", "facebook_I"),
      channel("newsletter", false, 3, null, null),
    ],
    regressors: [
      regressor("competitor_sales_B", "context", new Float64Array(10), -1),
      regressor("tv_S", "paid", tv, 0),
      regressor("facebook_I", "paid", facebook, 1),
      regressor("newsletter", "organic", newsletter, 2),
    ],
  },
  hyperparameters: Object.fromEntries(
    ["tv_S", "facebook_I", "newsletter"].flatMap((m) => [
      [`${m}_thetas`, 0.4],
      [`${m}_alphas`, 2],
      [`${m}_gammas`, 0.5],
    ]),
  ),
  coefficients: { tv_S: 1000, facebook_I: 500, newsletter: 200, competitor_sales_B: 0.3 },
};

function refusal(query: ResponseQuery): { field: string | undefined; message: string } {
  try {
    robynResponse(model, query);
  } catch (error) {
    if (isMmmError(error)) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(query)}`);
}

describe("robynResponse refuses bad queries, naming the argument", () => {
  it.each([
    [
      "an unknown channel",
      { metric_name: "radio_S" },
      "metric_name",
      /radio_S.*tv_S, facebook_S, facebook_I.*newsletter/,
    ],
    ["a context variable", { metric_name: "competitor_sales_B" }, "metric_name", /not a medium/],
    [
      "a negative spend",
      { metric_name: "tv_S", metric_value: -5, date_range: "last" },
      "metric_value",
      /zero or above/,
    ],
    [
      "a spend that is not a number",
      { metric_name: "tv_S", metric_value: Number.NaN, date_range: "last" },
      "metric_value",
      /zero or above/,
    ],
    [
      "a vector of spends (Robyn 3.12.1)",
      { metric_name: "tv_S", metric_value: [1, 2], date_range: "last_2" },
      "metric_value",
      /one total/,
    ],
    [
      "a spend without a date range",
      { metric_name: "tv_S", metric_value: 5 },
      "date_range",
      /required with metric_value/,
    ],
    [
      "a date before the data",
      { metric_name: "tv_S", date_range: ["2019-12-30"] },
      "date_range",
      /2019-12-30, outside/,
    ],
    [
      "a date after the window (rows the model never saw)",
      { metric_name: "tv_S", date_range: [dates[8]!] },
      "date_range",
      /outside .* 2020-02-24/,
    ],
    [
      "a range that mixes in the future",
      { metric_name: "tv_S", date_range: [dates[5]!, "2031-01-06"] },
      "date_range",
      /2031-01-06, outside/,
    ],
    [
      "a date that is not a date",
      { metric_name: "tv_S", date_range: ["2020-02-31"] },
      "date_range",
      /neither a date/,
    ],
    ["last_0", { metric_name: "tv_S", date_range: "last_0" }, "date_range", /asks for 0 periods/],
    [
      "more periods than there are",
      { metric_name: "tv_S", date_range: "last_9" },
      "date_range",
      /1 to 8 periods/,
    ],
    ["all mixed with dates", { metric_name: "tv_S", date_range: ["all", dates[3]!] }, "date_range", /alone/],
  ] as const)("%s", (_name, query, field, message) => {
    const error = refusal(query as ResponseQuery);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe("robynResponse date ranges (Robyn's vector semantics)", () => {
  it("uses exactly the rows of data dates, and spans between nearest rows otherwise", () => {
    const exact = robynResponse(model, { metric_name: "tv_S", date_range: [dates[6]!, dates[3]!] });
    expect(exact.response.date).toEqual([dates[3], dates[6]]);
    expect(exact.notes).toEqual([]);
    const near = robynResponse(model, { metric_name: "tv_S", date_range: ["2020-01-22", "2020-02-13"] });
    // 2020-01-22 lies 2 days after row 2 (01-20); 2020-02-13 is 3 days after row 5 (02-10) and 4 before row 6.
    expect(near.response.date).toEqual(dates.slice(2, 6));
    expect(near.notes).toHaveLength(2);
    expect(near.response.usecase).toBe("selected_historical_vec");
  });

  it("starts the candidate periods at the first data row, not the window start", () => {
    const all = robynResponse(model, { metric_name: "tv_S", date_range: "all" });
    expect(all.response.date).toEqual(dates.slice(0, 8));
    expect(all.response.usecase).toBe("all_historical_vec");
    expect(all.response.input_total).toHaveLength(10);
    expect(all.response.response_total).toHaveLength(6);
  });
});

describe("robynResponse simulation", () => {
  it("re-spending the historical total over a range gives back the historical means there", () => {
    const rows = [3, 4, 5];
    const total = rows.reduce((s, r) => s + tv[r]!, 0);
    const answer = robynResponse(model, {
      metric_name: "tv_S",
      metric_value: total,
      date_range: dates.slice(3, 6),
    });
    expect(answer.response.date).toEqual(dates.slice(3, 6));
    const history = answer.response;
    const mean = (field: "input_immediate" | "input_carryover"): number =>
      rows.reduce((s, r) => s + history[field][r]!, 0) / 3;
    expect(history.sim_mean_spend).toBeCloseTo(mean("input_immediate"), 12);
    expect(history.sim_mean_carryover).toBeCloseTo(mean("input_carryover"), 12);
    expect(history.usecase).toBe("total_metric_selected_range");
  });

  it("spending more over the last period raises the simulated response on the historical curve", () => {
    const low = robynResponse(model, {
      metric_name: "facebook_S",
      metric_value: 11,
      date_range: "last",
    }).response;
    const high = robynResponse(model, {
      metric_name: "facebook_I",
      metric_value: 50,
      date_range: "last",
    }).response;
    expect(high.metric_name).toBe("facebook_I");
    expect(high.inflexion).toBe(low.inflexion);
    expect(high.sim_mean_response!).toBeGreaterThan(low.sim_mean_response!);
  });

  it("answers NaN with a note when the range has no history to split the value by", () => {
    const answer = robynResponse(model, {
      metric_name: "newsletter",
      metric_value: 50,
      date_range: [dates[5]!, dates[6]!],
    });
    expect(answer.metric_type).toBe("organic");
    expect(answer.response.sim_mean_response).toBeNaN();
    expect(answer.notes.join(" ")).toMatch(/0 in every selected period/);
  });
});
