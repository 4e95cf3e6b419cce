import { describe, expect, it } from "vitest";
import {
  codeBlock,
  escapeMrkdwn,
  formatDuration,
  formatNumber,
  link,
  progressBar,
  textTable,
  truncate,
  truncateStart,
} from "./format.ts";

describe("format", () => {
  it("escapes mrkdwn control characters so user text cannot mention or link", () => {
    expect(escapeMrkdwn("<!channel> & <http://x|y>")).toBe("&lt;!channel&gt; &amp; &lt;http://x|y&gt;");
  });

  it("truncates without splitting a surrogate pair", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncateStart("abcdef", 4)).toBe("…def");
  });

  it("keeps code blocks within their budget, fences included, and the end of a log", () => {
    const block = codeBlock(`${"x".repeat(5000)}\nlast line`, 3000);
    expect(block.length).toBeLessThanOrEqual(3000);
    expect(block.endsWith("last line```")).toBe(true);
    expect(codeBlock("a ``` b")).toBe("```a ˋˋˋ b```");
  });

  it("formats numbers, durations and the progress bar", () => {
    expect(formatNumber(12345.6)).toBe("12,346");
    expect(formatNumber(0.0812345)).toBe("0.0812");
    expect(formatNumber(0.00001234)).toBe("1.2e-5");
    expect(formatNumber(null)).toBe("n/a");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(192)).toBe("3 min 12 s");
    expect(formatDuration(3900)).toBe("1 h 5 min");
    expect(progressBar(0.4, 10)).toBe("████░░░░░░ 40%");
    expect(progressBar(7, 4)).toBe("████ 100%");
  });

  it("makes links whose label cannot break out", () => {
    expect(link("https://x/a|b", "a|b>c")).toBe("<https://x/a%7Cb|a¦b&gt;c>");
  });

  it("lays out a text table and says how many rows did not fit", () => {
    expect(
      textTable(
        ["channel", "ROI"],
        [
          ["tv", "1.2"],
          ["search", "12.5"],
        ],
      ),
    ).toBe("channel   ROI\ntv        1.2\nsearch   12.5");
    const big = textTable(
      ["c"],
      Array.from({ length: 500 }, (_, i) => [`row ${i}`]),
      300,
    );
    expect(big.length).toBeLessThanOrEqual(300);
    expect(big).toMatch(/… and \d+ more$/);
  });
});
