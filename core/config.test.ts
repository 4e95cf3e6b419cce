import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema, exposureWarning, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("documents every variable in .env.example, and nothing else", () => {
    const example = readFileSync(join(import.meta.dirname, "../.env.example"), "utf8");
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
  });

  it("runs on embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect([config.WAREHOUSE, config.ARTIFACTS, config.RUN_STORE, config.LAUNCHER]).toEqual([
      "duckdb",
      "local",
      "sqlite",
      "child-process",
    ]);
    expect(config.PORT).toBe(8080);
    expect(config.SLACK_ALLOWED_CHANNELS).toEqual([]);
  });

  it("names every bad or missing variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ WAREHOUSE: "snowflake" })).toThrow(
      "The configuration is incomplete: set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_WAREHOUSE, SNOWFLAKE_PRIVATE_KEY_PATH.",
    );
    expect(() => loadConfig({ WAREHOUSE: "bigquery" })).toThrow(
      "The configuration is incomplete: set BIGQUERY_PROJECT.",
    );
    expect(() => loadConfig({ ARTIFACTS: "gcs" })).toThrow("set GCS_BUCKET");
    expect(() => loadConfig({ MMM_SECRET: "short" })).toThrow(/MMM_SECRET must be at least 32 characters/);
    // Cloud Run trainers derive their event tokens from the key; nothing else would let them report.
    expect(() => loadConfig({ LAUNCHER: "cloud-run", GOOGLE_CLOUD_PROJECT: "p" })).toThrow(
      "set MMM_EVENT_KEY",
    );
  });

  it("runs BigQuery in GOOGLE_CLOUD_PROJECT unless BIGQUERY_PROJECT says otherwise, with a byte cap", () => {
    const config = loadConfig({ WAREHOUSE: "bigquery", GOOGLE_CLOUD_PROJECT: "app-project" });
    expect(config.WAREHOUSE).toBe("bigquery");
    expect(config.BIGQUERY_MAX_BYTES_BILLED).toBe(1024 ** 3);
    expect(
      loadConfig({ WAREHOUSE: "bigquery", BIGQUERY_PROJECT: "data", BIGQUERY_MAX_BYTES_BILLED: "5e9" }),
    ).toMatchObject({ BIGQUERY_PROJECT: "data", BIGQUERY_MAX_BYTES_BILLED: 5e9 });
    expect(() => loadConfig({ BIGQUERY_MAX_BYTES_BILLED: "-1" })).toThrow(/BIGQUERY_MAX_BYTES_BILLED/);
  });

  it("treats empty variables as unset, as .env.example writes them", () => {
    expect(loadConfig({ MMM_BASE_URL: "", PORT: "", SLACK_BOT_TOKEN: " " }).PORT).toBe(8080);
  });

  it("reads lists and flags", () => {
    const config = loadConfig({ SLACK_ALLOWED_CHANNELS: "C1, C2,,", MMM_DEMO_ON_START: "false" });
    expect(config.SLACK_ALLOWED_CHANNELS).toEqual(["C1", "C2"]);
    expect(config.MMM_DEMO_ON_START).toBe(false);
  });

  it("reads user groups with the bot token, so it needs one", () => {
    expect(() => loadConfig({ SLACK_ALLOWED_USERGROUPS: "S0MMM" })).toThrow(/set SLACK_BOT_TOKEN/);
  });

  it("signs in with Google only for allowed e-mail domains, so it needs them and the secret", () => {
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: "g.apps" })).toThrow(
      "set GOOGLE_CLIENT_SECRET, ALLOWED_EMAIL_DOMAINS",
    );
    const config = loadConfig({
      GOOGLE_CLIENT_ID: "g.apps",
      GOOGLE_CLIENT_SECRET: "s",
      ALLOWED_EMAIL_DOMAINS: "@Example.com, example.org",
      GOOGLE_ADMIN_EMAILS: "Ann@Example.com",
    });
    expect(config.ALLOWED_EMAIL_DOMAINS).toEqual(["example.com", "example.org"]);
    expect(config.GOOGLE_ADMIN_EMAILS).toEqual(["ann@example.com"]);
    expect(config.GOOGLE_ISSUER).toBe("https://accounts.google.com");
  });

  it("listens beyond this machine only with sign-in, or when opened on purpose", () => {
    const signIn = { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "s", SLACK_TEAM_ID: "T0" };
    const google = {
      GOOGLE_CLIENT_ID: "g.apps",
      GOOGLE_CLIENT_SECRET: "s",
      ALLOWED_EMAIL_DOMAINS: "example.com",
    };
    for (const HOST of ["127.0.0.1", "localhost", "::1"])
      expect(exposureWarning(loadConfig({ HOST }))).toBeUndefined();
    for (const HOST of ["0.0.0.0", "::", "10.0.0.5"]) {
      expect(() => exposureWarning(loadConfig({ HOST })), HOST).toThrow(
        /SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_TEAM_ID.*MMM_ALLOW_UNAUTHENTICATED=true/,
      );
      expect(exposureWarning(loadConfig({ HOST, ...signIn }))).toBeUndefined();
      expect(exposureWarning(loadConfig({ HOST, ...google }))).toBeUndefined();
      expect(exposureWarning(loadConfig({ HOST, MMM_ALLOW_UNAUTHENTICATED: "true" }))).toMatch(/full access/);
    }
  });
});
