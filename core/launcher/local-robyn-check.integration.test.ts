import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLocalRobyn } from "./trainer-launch.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-robyn-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An `Rscript` stand-in that exits with `status`, as the real check does for each missing piece. */
function rscriptExiting(status: number): string {
  const path = join(dir, `rscript-${status}`);
  writeFileSync(path, `#!/bin/sh\nexit ${status}\n`);
  chmodSync(path, 0o755);
  return path;
}

function hasRscript(): boolean {
  try {
    execFileSync("Rscript", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("checkLocalRobyn", () => {
  it("names each missing piece of the robyn engine and where it is set up", async () => {
    expect(await checkLocalRobyn(rscriptExiting(0))).toEqual({ ok: true });
    const cases: [string, RegExp][] = [
      [join(dir, "no-such-rscript"), /^R \(Rscript\) is not installed on this machine\./],
      [rscriptExiting(3), /^R is installed but the Robyn package is not\./],
      [rscriptExiting(4), /Python's nevergrad is not importable from R \(reticulate\)/],
      [rscriptExiting(5), /numpy is version 2 or later/],
    ];
    for (const [rscript, reason] of cases) {
      const result = await checkLocalRobyn(rscript);
      expect(result.ok).toBe(false);
      expect(result.reason).toMatch(reason);
      expect(result.reason).toContain("docker/trainer-robyn.Dockerfile");
    }
  });

  // The check's R code itself, where R is installed: a machine without Robyn gets status 3, not a syntax error.
  it.runIf(hasRscript())("runs as R code on this machine", { timeout: 60_000 }, async () => {
    const result = await checkLocalRobyn();
    expect(result.reason ?? "").not.toMatch(/could not be started/);
  });
});
