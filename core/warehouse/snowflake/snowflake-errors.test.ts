import { describe, expect, it } from "vitest";
import { clientTimeout, loginError, snowflakeReason, statementError } from "./snowflake-errors.ts";

const ctx = {
  account: "MYORG-ACCT",
  user: "MMM_APP",
  role: "MMM_READER",
  warehouse: "MMM_WH",
  database: "SHOP",
  schema: "SALES",
  keySetting: "SNOWFLAKE_PRIVATE_KEY_SECRET",
  timeoutSeconds: 120,
  url: "https://myorg-acct.snowflakecomputing.com",
};

/** Errors shaped as snowflake-sdk builds them (see its lib/errors.js). */
function sdkError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? "failed")), fields);
}

describe("loginError", () => {
  it("says the account is wrong when its host does not resolve", () => {
    const cause = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    const error = loginError(sdkError({ code: 401001, cause, message: cause.message }), ctx);
    expect(error.code).toBe("unavailable");
    expect(error.retry).toBe(false);
    expect(error.field).toBe("SNOWFLAKE_ACCOUNT");
    expect(error.message).toContain("MYORG-ACCT was not found");
  });

  it("reports a refused connection as a retryable outage", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const error = loginError(sdkError({ code: 401001, cause }), ctx);
    expect(error.code).toBe("unavailable");
    expect(error.retry).toBe(true);
  });

  it("names the user for an unknown user", () => {
    const error = loginError(
      sdkError({ code: "390100", message: "Incorrect username or password was specified." }),
      ctx,
    );
    expect(error).toMatchObject({ code: "unauthorized", context: { field: "SNOWFLAKE_USER" } });
  });
});

describe("statementError", () => {
  it("keeps Snowflake's reason without the position noise", () => {
    const error = statementError(
      sdkError({
        code: "000904",
        message: "SQL compilation error: error line 1 at position 7\ninvalid identifier 'X'",
      }),
      { sql: "SELECT x FROM t" },
      ctx,
    );
    expect(error.message).toBe(
      "The SQL query in data.sql failed in Snowflake: invalid identifier 'X'. Fix the query (try it in the warehouse first) and send it again.",
    );
    expect(snowflakeReason("syntax error line 1 at position 3 unexpected 'FORM'.")).toBe(
      "syntax error unexpected 'FORM'.",
    );
  });

  it("asks for the database when the session has none", () => {
    const error = statementError(
      sdkError({ code: "090105", message: "Cannot perform SELECT." }),
      { sql: "SELECT 1" },
      ctx,
    );
    expect(error.field).toBe("data.sql");
    expect(error.message).toContain("SNOWFLAKE_DATABASE");
  });

  it("reports a client-side timeout as retryable, naming the setting", () => {
    const error = clientTimeout({ table: "SALES.WEEKLY" }, ctx);
    expect(error).toMatchObject({
      code: "unavailable",
      retry: true,
      context: { field: "data.table", timeoutSeconds: 120 },
    });
    expect(error.message).toContain("WAREHOUSE_QUERY_TIMEOUT_SECONDS");
  });
});
