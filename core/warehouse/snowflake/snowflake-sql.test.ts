import { describe, expect, it } from "vitest";
import { isMmmError } from "../../../common/errors.ts";
import { assertNoStageAccess, bindCountryMarkers } from "./snowflake-sql.ts";

function refusal(sql: string): string | undefined {
  try {
    assertNoStageAccess(sql);
    return undefined;
  } catch (error) {
    if (isMmmError(error) && error.field === "data.sql") return error.message;
    throw error;
  }
}

describe("assertNoStageAccess", () => {
  it("refuses stages and functions that read files or earlier results", () => {
    expect(refusal("SELECT $1 FROM @~/passwd.csv")).toContain("stage");
    expect(refusal("SELECT * FROM @my_stage (FILE_FORMAT => 'csv')")).toContain("stage");
    expect(refusal("SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))")).toContain("RESULT_SCAN");
    expect(refusal("SELECT * FROM TABLE(infer_schema(LOCATION => '@s'))")).toContain("INFER_SCHEMA");
    expect(refusal("SELECT get_presigned_url(x, 'f') FROM t")).toContain("GET_PRESIGNED_URL");
  });

  it("lets @ and those names appear inside text, quoted names and comments", () => {
    expect(
      refusal("SELECT 'a@b.com' AS email, \"@col\" FROM t -- @stage\n/* RESULT_SCAN */"),
    ).toBeUndefined();
    expect(refusal("SELECT $$ @~ $$ AS x, 'it''s @x' AS y, 'back\\'s @z' AS z FROM t")).toBeUndefined();
  });
});

describe("bindCountryMarkers", () => {
  it("turns each placeholder into ? and counts them", () => {
    expect(bindCountryMarkers("SELECT * FROM t WHERE a = '{country}' OR b = {COUNTRY}")).toEqual({
      sql: "SELECT * FROM t WHERE a = ? OR b = ?",
      placeholders: 2,
    });
    expect(bindCountryMarkers("SELECT 1")).toEqual({ sql: "SELECT 1", placeholders: 0 });
  });
});
