import { describe, expect, it } from "vitest";
import { bigQueryError, formatScanBytes, type BigQueryErrorContext } from "./bigquery-errors.ts";

const CTX: BigQueryErrorContext = {
  project: "mmm-data",
  credentials: "the application default credentials",
  timeoutSeconds: 120,
  maxBytesBilled: 1024 ** 3,
  url: "https://bigquery.googleapis.com",
};

/** An error as the client reports one: the HTTP status in `code`, BigQuery's reasons in `errors`. */
function apiError(code: number, reason: string, message: string): Error {
  return Object.assign(new Error(message), { code, errors: [{ reason, message }] });
}

describe("BigQuery errors", () => {
  it("reports BigQuery's own refusal over maximumBytesBilled as the byte cap", () => {
    const error = bigQueryError(
      apiError(
        400,
        "bytesBilledLimitExceeded",
        "Query exceeded limit for bytes billed: 1073741824. 2147483648 or higher required.",
      ),
      { sql: "SELECT 1" },
      CTX,
    );
    expect(error.code).toBe("invalid_input");
    expect(error.context).toMatchObject({
      field: "data.sql",
      limit: "bytes_billed",
      maxBytesBilled: 1024 ** 3,
    });
    expect(error.message).toContain("the cap of 1 GB per query (BIGQUERY_MAX_BYTES_BILLED)");
  });

  it("keeps BigQuery's reason for a bad query, without the position", () => {
    const error = bigQueryError(
      apiError(400, "invalidQuery", "Unrecognized name: revnue at [1:8]"),
      { sql: "x" },
      CTX,
    );
    expect(error.message).toBe(
      "The SQL query in data.sql failed in BigQuery: Unrecognized name: revnue. Fix the query (try it in the warehouse first) and send it again.",
    );
  });

  it("says how to get credentials when there are none", () => {
    const error = bigQueryError(
      new Error("Could not load the default credentials. Browse to …"),
      undefined,
      CTX,
    );
    expect(error.code).toBe("unavailable");
    expect(error.field).toBe("BIGQUERY_KEY_FILE");
    expect(error.message).toContain("workload identity");
  });

  it("is a timeout the admin can raise when BigQuery stopped the job", () => {
    const error = bigQueryError(apiError(400, "timeout", "Job timed out after 120 s"), { table: "S.T" }, CTX);
    expect(error.message).toContain("ran longer than 120 s (WAREHOUSE_QUERY_TIMEOUT_SECONDS)");
  });

  it("formats scanned bytes in binary units", () => {
    expect([
      formatScanBytes(500),
      formatScanBytes(10_000),
      formatScanBytes(1.5 * 1024 ** 3),
      formatScanBytes(2 * 1024 ** 4),
    ]).toEqual(["500 bytes", "9.8 KB", "1.5 GB", "2 TB"]);
  });
});
