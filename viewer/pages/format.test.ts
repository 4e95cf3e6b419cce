import { describe, expect, it } from "vitest";
import { amount, num } from "./format.ts";

describe("page number formats", () => {
  it("prints small amounts with three significant digits, large ones as whole numbers", () => {
    expect(amount(0.4)).toBe("0.4");
    expect(amount(0.01234)).toBe("0.0123");
    expect(amount(12.345)).toBe("12.3");
    expect(amount(99.95)).toBe("100");
    expect(amount(1234.5)).toBe("1,235");
    expect(amount(-0.25)).toBe("-0.25");
    expect(amount(0)).toBe("0");
    expect(amount(Number.NaN)).toBe("–");
    // The metric format keeps its fixed decimals.
    expect(num(0.4, 0)).toBe("0");
  });
});
