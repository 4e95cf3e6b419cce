import { describe, expect, it } from "vitest";
import { isMmmError } from "../../common/errors.ts";
import { formatTableName, parseTableName, partMatches, quoteIdentifier } from "./table-name.ts";

describe("parseTableName", () => {
  it("reads one to three plain or quoted parts", () => {
    expect(parseTableName("T")).toEqual([{ name: "T", quoted: false }]);
    expect(parseTableName(" demo.simulated_weekly ")).toEqual([
      { name: "demo", quoted: false },
      { name: "simulated_weekly", quoted: false },
    ]);
    expect(parseTableName('DB."My Schema"."Sales ""2024"""')).toEqual([
      { name: "DB", quoted: false },
      { name: "My Schema", quoted: true },
      { name: 'Sales "2024"', quoted: true },
    ]);
    expect(parseTableName('"a.b".C$1')).toEqual([
      { name: "a.b", quoted: true },
      { name: "C$1", quoted: false },
    ]);
  });

  it.each([
    ["", "empty"],
    ["A.B.C.D", "more than three parts"],
    ["A..B", "empty"],
    ["A.", "ends with a dot"],
    ["T; DROP TABLE X", "double quotes"],
    ["T WHERE 1=1", "double quotes"],
    ['"unclosed', "not closed"],
    ['"a"b', "unexpected"],
    ['""', "empty quoted name"],
    ["1TABLE", "double quotes"],
  ])("refuses %j (%s)", (text, why) => {
    try {
      parseTableName(text);
      throw new Error("accepted");
    } catch (error) {
      expect(isMmmError(error) && error.field).toBe("data.table");
      expect((error as Error).message).toContain(why);
      expect((error as Error).message).toContain("DB.SCHEMA.TABLE");
    }
  });
});

describe("identifiers", () => {
  it("matches plain parts case-insensitively and quoted parts exactly", () => {
    expect(partMatches({ name: "demo", quoted: false }, "DEMO")).toBe(true);
    expect(partMatches({ name: "demo", quoted: true }, "DEMO")).toBe(false);
  });

  it("quotes any name safely and shows plain names plainly", () => {
    expect(quoteIdentifier('a"; DROP TABLE x; --')).toBe('"a""; DROP TABLE x; --"');
    expect(formatTableName(["DEMO", "SIMULATED_WEEKLY"])).toBe("DEMO.SIMULATED_WEEKLY");
    expect(formatTableName(["shop", "Weekly Sales"])).toBe('shop."Weekly Sales"');
  });
});
