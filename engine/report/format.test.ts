import { describe, expect, it } from "vitest";
import {
  formatCompact,
  formatMetric,
  formatPercent,
  formatRatio,
  formatSignedPercent,
  shorten,
} from "./format.ts";

describe("formatCompact", () => {
  it.each([
    [0, "0"],
    [950, "950"],
    [35_000, "35k"],
    [1_234_567, "1.23M"],
    [999_960, "1M"],
    [2_500_000_000, "2.5B"],
    [-48_200, "-48.2k"],
    [0.0123, "0.0123"],
    [Number.NaN, "–"],
    [Number.POSITIVE_INFINITY, "–"],
  ])("%d → %s", (value, text) => expect(formatCompact(value)).toBe(text));
});

describe("percentages, ratios and metrics", () => {
  it("formats shares, signed changes, ROAS and model metrics", () => {
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(0.125, 0)).toBe("13%");
    expect(formatSignedPercent(0.042)).toBe("+4.2%");
    expect(formatSignedPercent(-0.03)).toBe("−3.0%");
    expect(formatRatio(2.345)).toBe("2.35");
    expect(formatRatio(1234)).toBe("1.23k");
    expect(formatMetric(0.0539412)).toBe("0.05394");
    expect(formatMetric(null)).toBe("–");
  });

  it("shortens long names with an ellipsis", () => {
    expect(shorten("affiliate_marketing_partners_S", 12)).toBe("affiliate_m…");
    expect(shorten("tv_S", 12)).toBe("tv_S");
  });
});
