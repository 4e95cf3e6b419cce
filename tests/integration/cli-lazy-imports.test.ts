/**
 * Every `mmm` start pays for what it imports: `mmm --help` loads no command module and no SDK, and a
 * command on the default configuration (`mmm runs`: SQLite, local folder, DuckDB, child processes) loads
 * none of the cloud SDKs it does not use. Checked on the real process, whether bin/mmm.js runs dist/ or tsx.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "mmm-lazy-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = join(import.meta.dirname, "../../bin/mmm.js");
const recorder = join(import.meta.dirname, "../support/record-resolved-modules.mjs");
const CLOUD_SDKS = /node_modules\/(@google-cloud|snowflake-sdk|google-gax)\//;

/** The module URLs `mmm <args>` resolved, after checking that it succeeded. */
function modulesLoadedBy(args: string[], name: string): string[] {
  const log = join(dir, `${name}.log`);
  const result = spawnSync(process.execPath, ["--import", recorder, cli, ...args], {
    env: { ...process.env, MMM_TEST_RESOLVED_LOG: log, MMM_DATA_DIR: join(dir, name) },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return readFileSync(log, "utf8").trim().split("\n");
}

describe("mmm's imports", () => {
  it("--help loads no command module, no trainer and no SDK", () => {
    const loaded = modulesLoadedBy(["--help"], "help");
    expect(loaded.some((url) => url.includes("/bin/cli."))).toBe(true);
    expect(
      loaded.filter((url) =>
        /\/bin\/commands\/|\/trainer\/trainer-command\.|node_modules\/(?!tsx|esbuild|get-tsconfig|resolve-pkg-maps)/.test(
          url,
        ),
      ),
    ).toEqual([]);
  });

  it("mmm runs on the default configuration loads no cloud SDK", () => {
    const loaded = modulesLoadedBy(["runs"], "runs");
    expect(loaded.some((url) => url.includes("/sqlite/sqlite."))).toBe(true);
    expect(loaded.filter((url) => CLOUD_SDKS.test(url))).toEqual([]);
  });
});
