import { describe, expect, it } from "vitest";
import { isBoundWord, parseChannelBoundWords } from "./bound-words.ts";

describe("parseChannelBoundWords", () => {
  it("reads low-high multiples, a single multiple as both, and decimals without a leading zero", () => {
    expect(parseChannelBoundWords(["tv_S=0.8-1.2", "ooh_S=1", "print_S=.5–2"])).toEqual({
      ok: true,
      bounds: { low: { tv_S: 0.8, ooh_S: 1, print_S: 0.5 }, up: { tv_S: 1.2, ooh_S: 1, print_S: 2 } },
    });
  });

  it("names the channel and the fix for each wrong word", () => {
    expect(parseChannelBoundWords(["=1-2"])).toEqual({
      ok: false,
      problem: "`=1-2` has no channel before `=`: write it as tv_S=0.8-1.2.",
    });
    expect(parseChannelBoundWords(["tv_S=-1-2"])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^`tv_S=-1-2` is not a bound for tv_S: .* such as tv_S=0.8-1.2/),
    });
    expect(parseChannelBoundWords(["tv_S="])).toMatchObject({ ok: false });
  });

  it("tells a bound word from a budget", () => {
    expect(isBoundWord("tv_S=1")).toBe(true);
    expect(isBoundWord("250k")).toBe(false);
  });
});
