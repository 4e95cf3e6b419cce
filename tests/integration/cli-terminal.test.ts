/**
 * The `mmm` command line as a person meets it, on the real process: every command answers `--help` with
 * exit code 0 and does nothing else (no data folder, no server); mistakes get one line with a did-you-mean
 * and no stack trace; a misspelled spec key is refused by name before anything is written; a busy port
 * names PORT; and `mmm train` draws a progress bar in a terminal (a pseudo-terminal from `script`) but
 * prints JSON lines into a pipe.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../fixtures/demo-spec.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-cli-terminal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = join(import.meta.dirname, "../../bin/mmm.js");
const root = join(import.meta.dirname, "../..");

/** `mmm <args>` with its output piped (not a terminal), on a data folder of its own. */
function mmm(args: string[], dataDir = join(dir, "data-unused"), env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MMM_DATA_DIR: dataDir, PORT: "0", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command names `mmm --help` lists: a command added to the CLI is covered without changing this test. */
function listedCommands(): string[] {
  const { stdout } = mmm(["--help"]);
  const section = stdout.split("Commands:\n")[1]!.split("\n\n")[0]!;
  return section.split("\n").map((line) => line.trim().split(/\s+/)[0]!);
}

function writeSpec(name: string, spec: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

describe("mmm --help and --version", () => {
  it("answers --help for every command with exit 0, its usage, and no side effect", () => {
    const names = listedCommands();
    expect(names).toEqual(
      expect.arrayContaining([
        "start",
        "serve",
        "train",
        "fit",
        "allocate",
        "response",
        "runs",
        "status",
        "schema",
      ]),
    );
    for (const name of names) {
      const dataDir = join(dir, `help-${name}`);
      const { code, stdout, stderr } = mmm([name, "--help"], dataDir);
      expect({ name, code, stderr }).toEqual({ name, code: 0, stderr: "" });
      expect(stdout).toMatch(new RegExp(`^Usage: mmm ${name}\\b`));
      // Nothing was opened or created: no data folder, no server left running (spawnSync returned).
      expect(existsSync(dataDir), `${name} --help created ${dataDir}`).toBe(false);
    }
  });

  it("answers -h and `mmm help <command>` the same way, and --version with package.json's version", () => {
    const short = mmm(["serve", "-h"]);
    expect(short.code).toBe(0);
    expect(short.stdout).toMatch(/^Usage: mmm serve/);
    expect(mmm(["help", "allocate"]).stdout).toMatch(/^Usage: mmm allocate .*--low 0\.5\] \[--high 2\]/);
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(mmm(["--version"])).toEqual({ code: 0, stdout: `mmm ${version}\n`, stderr: "" });
  });
});

describe("mistakes at the command line", () => {
  it("suggests the command and the option meant, with exit 2 and no stack trace", () => {
    const command = mmm(["trian"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^Unknown command "trian"\. Did you mean "mmm train"\?/);
    const option = mmm(["fit", "--spce", "spec.json"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^error: Unknown option --spce\. Did you mean --spec\?\nUsage: mmm fit/);
    for (const output of [command.stderr, option.stderr]) expect(output).not.toMatch(/\n\s+at /);
  });

  it("refuses a misspelled spec key by name before reading data or writing the run folder", () => {
    const spec = writeSpec("typo.json", { ...DEMO_SPEC, organic_var: ["newsletter"], trails: 2 });
    const out = join(dir, "typo-run");
    const { code, stdout, stderr } = mmm(["train", "--spec", spec, "--data", DEMO_DATA_FILE, "--out", out]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'error: The run settings are not valid: organic_var is not a spec field: did you mean "organic_vars"?; ' +
        'trails is not a spec field: did you mean "trials"?.\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it("says a busy port is busy and names PORT", async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const { code, stderr } = mmm(["serve"], join(dir, "busy"), { PORT: String(port) });
      expect(code).toBe(2);
      expect(stderr).toContain(`error: port ${port} is busy`);
      expect(stderr).toContain("set PORT");
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});

describe("mmm train in a terminal and in a pipe", () => {
  const quick = { ...DEMO_SPEC, iterations: 100, trials: 2 };

  it("draws a progress bar with ETA in a terminal and ends with Model ready and the one-pager's link", () => {
    const spec = writeSpec("tty.json", quick);
    const out = join(dir, "tty-run");
    const command = [process.execPath, cli, "train", "--spec", spec, "--data", DEMO_DATA_FILE, "--out", out]
      .map((part) => `'${part}'`)
      .join(" ");
    // `script` runs the command on a pseudo-terminal, as a person's shell would.
    const result = spawnSync("script", ["-qec", command, "/dev/null"], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: "dumb" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    const screen = result.stdout.replaceAll("\r\n", "\n");
    expect(screen).toMatch(/\[[#-]{10,}\] +\d+% {2}\d+\/200 models/);
    expect(screen).toMatch(/\[#+\] +100% {2}200\/200 models {2}ETA \d+:\d\d/);
    expect(screen).toMatch(/Trained: \d+ Pareto models, best model \d+_\d+_\d+/);
    const best = JSON.parse(readFileSync(join(out, "output", "model_summary.json"), "utf8")).best_model
      .model_id as string;
    expect(screen).toContain(`Model ready: best model ${best}, file://${out}/output/onepagers/${best}.png`);
    expect(screen).not.toContain('"type":"progress"');
  });

  it("prints JSON lines, and nothing for people, when stdout is a pipe", () => {
    const spec = writeSpec("pipe.json", quick);
    const { code, stdout } = mmm([
      "train",
      "--spec",
      spec,
      "--data",
      DEMO_DATA_FILE,
      "--out",
      join(dir, "pipe-run"),
    ]);
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]!.type).toBe("started");
    expect(events.at(-1)!.type).toBe("completed");
    expect(stdout).not.toContain("Model ready");
  });
});
