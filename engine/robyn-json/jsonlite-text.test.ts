import { describe, expect, it } from "vitest";
import { jsonliteDigits, jsonliteNumber, writeJsonliteText } from "./jsonlite-text.ts";

describe("jsonliteNumber (digits = 10)", () => {
  it("writes 11 significant digits below 10 and up to 15 above", () => {
    expect(jsonliteNumber(0.9144034517230466)).toBe("0.91440345172");
    expect(jsonliteNumber(1668660.3182684544)).toBe("1668660.31826845");
    expect(jsonliteNumber(17464.347345921487)).toBe("17464.3473459215");
    expect(jsonliteNumber(12576779.013103336)).toBe("12576779.0131033");
    expect(jsonliteDigits(9.99)).toBe(11);
    expect(jsonliteDigits(123.4)).toBe(13);
  });

  it("drops trailing zeros and writes whole numbers without a point", () => {
    expect(jsonliteNumber(0.5)).toBe("0.5");
    expect(jsonliteNumber(7)).toBe("7");
    expect(jsonliteNumber(0)).toBe("0");
    expect(jsonliteNumber(0.5473155923000002)).toBe("0.5473155923");
  });

  it("gives negatives 11 digits whatever their size, as C's fmax(1, NaN) does", () => {
    expect(jsonliteNumber(-12345.678901234567)).toBe("-12345.678901");
  });

  it("switches to C's exponent form below 1e-4", () => {
    expect(jsonliteNumber(0.000012345678901234)).toBe("1.2345678901e-05");
    expect(jsonliteNumber(0.00019468013744)).toBe("0.00019468013744");
  });
});

describe("writeJsonliteText", () => {
  it("lays out objects, scalar arrays and arrays of rows as write_json(pretty = TRUE)", () => {
    const text = writeJsonliteText({ a: ["x"], b: [], c: {}, d: [{ e: 1, f: true }], g: { h: [0.5, 3] } });
    expect(text).toBe(
      '{\n  "a": ["x"],\n  "b": [],\n  "c": {},\n  "d": [\n    {\n      "e": 1,\n      "f": true\n    }\n  ],\n  "g": {\n    "h": [0.5, 3]\n  }\n}\n',
    );
  });
});
