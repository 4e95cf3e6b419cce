/**
 * A small Dockerfile linter for our three images (hadolint is not available offline). It parses each
 * `docker/*.Dockerfile` into instructions (continuation lines joined, comments dropped, `ARG` defaults
 * substituted into `FROM`) and enforces the rules we care about:
 *
 * - base images are pinned: an explicit version tag (with a digit) or a digest, never `latest`;
 * - the final stage runs as a user other than root;
 * - `apt-get install` uses `-y --no-install-recommends`, runs in the same layer as `apt-get update`, and
 *   that layer removes `/var/lib/apt/lists`;
 * - no `ADD` of URLs (downloads are not reproducible or verified); every `COPY` of the final stage sets
 *   `--chown`;
 * - `CMD` and `ENTRYPOINT` use the exec (JSON) form, so signals reach the process;
 * - npm installs with `npm ci`, pip with pinned versions and `--no-cache-dir`;
 * - the app image has a `HEALTHCHECK`; the Robyn image pins Robyn's commit, nevergrad and numpy < 2,
 *   and takes its cores from `MMM_CORES`.
 *
 * It also runs the Robyn image's entry point with a stand-in `Rscript` to check the SIGTERM handling.
 */
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const DOCKER = join(ROOT, "docker");

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions of a Dockerfile: continuation lines joined, comments and blank lines dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split("\n");
  let current: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (current === undefined && (trimmed === "" || trimmed.startsWith("#"))) return;
    if (current !== undefined && trimmed.startsWith("#")) return;
    const continued = trimmed.endsWith("\\");
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    current = current
      ? { text: `${current.text} ${part}`, line: current.line }
      : { text: part, line: index + 1 };
    if (!continued) {
      const [keyword = "", ...rest] = current.text.split(/\s+/);
      instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), line: current.line });
      current = undefined;
    }
  });
  return instructions;
}

/** `FROM` images with `${ARG}` defaults substituted, and the stage names seen so far. */
function baseImages(instructions: Instruction[]): { image: string; stageNames: string[] }[] {
  const args = new Map<string, string>();
  const stageNames: string[] = [];
  const result: { image: string; stageNames: string[] }[] = [];
  for (const { keyword, args: text } of instructions) {
    if (keyword === "ARG") {
      const [name, value] = text.split("=", 2);
      if (value !== undefined) args.set(name!.trim(), value.trim());
    }
    if (keyword === "FROM") {
      const words = text.split(/\s+/).filter((w) => !w.startsWith("--"));
      const image = words[0]!.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args.get(a ?? b) ?? "");
      result.push({ image, stageNames: [...stageNames] });
      const as = words.findIndex((w) => w.toUpperCase() === "AS");
      if (as >= 0) stageNames.push(words[as + 1]!);
    }
  }
  return result;
}

/** Every rule violation of one Dockerfile, as "line N: problem". */
export function lintDockerfile(text: string): string[] {
  const instructions = parseDockerfile(text);
  const problems: string[] = [];
  const at = (i: Instruction, problem: string) => problems.push(`line ${i.line}: ${problem}`);

  for (const { image, stageNames } of baseImages(instructions)) {
    if (stageNames.includes(image)) continue;
    const digest = /@sha256:[0-9a-f]{64}$/.test(image);
    const tag = image.replace(/@.*$/, "").split("/").pop()!.split(":")[1];
    if (!digest && (tag === undefined || !/\d/.test(tag))) {
      problems.push(`base image "${image}" is not pinned to a version tag or a digest`);
    }
    if (tag === "latest") problems.push(`base image "${image}" uses the latest tag`);
  }
  if (/:latest\b/.test(text)) problems.push("the file mentions a :latest tag");

  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf("FROM");
  const finalStage = instructions.slice(lastFrom);
  const user = finalStage.filter((i) => i.keyword === "USER").pop();
  if (!user) problems.push("the final stage sets no USER: it would run as root");
  else if (/^(root|0)(:|$)/.test(user.args.trim())) at(user, "the final stage runs as root");

  for (const instruction of instructions) {
    const { keyword, args } = instruction;
    if (keyword === "RUN" && /apt-get\s+(-\S+\s+)*install/.test(args)) {
      if (!args.includes("--no-install-recommends"))
        at(instruction, "apt-get install without --no-install-recommends");
      if (!/\s-y\b|--yes|-qq?y/.test(args)) at(instruction, "apt-get install without -y");
      if (!args.includes("apt-get update"))
        at(instruction, "apt-get install without apt-get update in the same layer");
      if (!args.includes("rm -rf /var/lib/apt/lists"))
        at(instruction, "apt-get install without removing /var/lib/apt/lists");
    }
    if (keyword === "RUN" && /\bnpm\s+install\b/.test(args)) at(instruction, "npm install instead of npm ci");
    if (keyword === "RUN" && /\bpip3?\s+install\b/.test(args)) {
      if (!args.includes("--no-cache-dir")) at(instruction, "pip install without --no-cache-dir");
      const packages = args
        .replace(/^.*?pip3?\s+install\s+/, "")
        .split("&&")[0]!
        .split(/\s+/)
        .filter((w) => w !== "" && !w.startsWith("-") && !w.startsWith("/"));
      const unpinned = packages.filter((p) => !/==|<|>/.test(p));
      if (unpinned.length > 0)
        at(instruction, `pip packages without a pinned version: ${unpinned.join(", ")}`);
    }
    if (keyword === "ADD" && /(^|\s)(https?|ftp):\/\//.test(args)) at(instruction, "ADD of a URL");
    if ((keyword === "CMD" || keyword === "ENTRYPOINT") && !args.trim().startsWith("[")) {
      at(instruction, `${keyword} in shell form: use the exec form ["…"]`);
    }
  }
  for (const instruction of finalStage) {
    if (instruction.keyword === "COPY" && !/--chown=/.test(instruction.args))
      at(instruction, "COPY without --chown");
  }
  return problems;
}

const dockerfiles = readdirSync(DOCKER)
  .filter((name) => name.endsWith(".Dockerfile"))
  .sort();
const read = (name: string) => readFileSync(join(DOCKER, name), "utf8");

describe("Dockerfiles", () => {
  it("has the three images", () => {
    expect(dockerfiles).toEqual(["app.Dockerfile", "trainer-native.Dockerfile", "trainer-robyn.Dockerfile"]);
    expect(existsSync(join(ROOT, ".dockerignore"))).toBe(true);
  });

  it.each(dockerfiles)("%s follows the rules", (name) => {
    expect(lintDockerfile(read(name))).toEqual([]);
  });

  it("the linter catches each rule", () => {
    const bad = [
      "FROM node:latest AS build",
      "FROM ubuntu",
      "RUN apt-get install curl",
      "RUN npm install",
      "RUN pip install nevergrad",
      "ADD https://example.com/x.tgz /x",
      "COPY . .",
      "CMD node server.js",
      "USER root",
    ].join("\n");
    const problems = lintDockerfile(bad).join("\n");
    for (const expected of [
      "latest tag",
      '"ubuntu" is not pinned',
      "--no-install-recommends",
      "without -y",
      "apt-get update in the same layer",
      "/var/lib/apt/lists",
      "npm ci",
      "--no-cache-dir",
      "without a pinned version: nevergrad",
      "ADD of a URL",
      "COPY without --chown",
      "CMD in shell form",
      "runs as root",
    ]) {
      expect(problems).toContain(expected);
    }
    expect(lintDockerfile('ARG BASE=node:22.1.0-slim\nFROM ${BASE}\nUSER node\nCMD ["node"]')).toEqual([]);
    expect(lintDockerfile('FROM node:22.1.0-slim\nCMD ["node"]')).toContain(
      "the final stage sets no USER: it would run as root",
    );
  });

  it("the app image has a health check and starts the server", () => {
    const app = parseDockerfile(read("app.Dockerfile"));
    expect(app.some((i) => i.keyword === "HEALTHCHECK" && i.args.includes("CMD"))).toBe(true);
    expect(app.find((i) => i.keyword === "CMD")?.args).toBe('["node", "bin/mmm.js", "serve"]');
    expect(
      parseDockerfile(read("trainer-native.Dockerfile")).find((i) => i.keyword === "ENTRYPOINT")?.args,
    ).toBe('["node", "bin/mmm.js", "trainer"]');
  });

  it("the Robyn image pins Robyn, nevergrad and numpy < 2, and its cores", () => {
    const robyn = read("trainer-robyn.Dockerfile");
    expect(robyn).toContain("ROBYN_COMMIT=5915aa9d5d31d8947a274aa00fdf30b8947823e5");
    expect(robyn).toContain("packageVersion('Robyn') == '3.12.1'");
    expect(robyn).toMatch(/CRAN_SNAPSHOT=\S+\/\d{4}-\d{2}-\d{2}\b/);
    expect(robyn).toMatch(/MMM_CORES=\d+/);
    const requirements = readFileSync(join(DOCKER, "trainer-robyn-requirements.txt"), "utf8");
    expect(requirements).toMatch(/^nevergrad==\d+\.\d+\.\d+$/m);
    expect(requirements).toMatch(/^numpy==1\.\d+\.\d+$/m);
  });
});

describe("the Robyn image's entry point", () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Runs the entry point with a stand-in Rscript (node) that records what happens, then sends SIGTERM. */
  async function cancelRun(ignoreInterrupt: boolean): Promise<{ code: number | null; log: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), "mmm-entrypoint-"));
    folders.push(dir);
    const logFile = join(dir, "log.txt");
    const fake = [
      "#!/usr/bin/env node",
      'const fs = require("node:fs");',
      `const log = (text) => fs.appendFileSync(${JSON.stringify(logFile)}, text + "\\n");`,
      "const script = process.argv[2];",
      'if (script.endsWith("cancel.R")) { log("cancel.R"); process.exit(0); }',
      'log("run_all.R started");',
      ignoreInterrupt
        ? 'process.on("SIGINT", () => log("interrupt ignored"));'
        : 'process.on("SIGINT", () => { log("interrupted"); process.exit(130); });',
      "setInterval(() => {}, 1000);",
    ].join("\n");
    writeFileSync(join(dir, "Rscript"), fake);
    chmodSync(join(dir, "Rscript"), 0o755);
    const child = spawn("bash", [join(DOCKER, "trainer-robyn-entrypoint.sh")], {
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        MMM_R_DIR: join(ROOT, "r"),
        MMM_STATE_DIR: join(dir, "state"),
        MMM_CANCEL_GRACE_SECONDS: "1",
      },
      stdio: "ignore",
    });
    const readLog = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n") : []);
    for (let i = 0; i < 100 && !readLog().includes("run_all.R started"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    return { code, log: readLog() };
  }

  it("turns SIGTERM into an interrupt that the trainer handles", async () => {
    const { code, log } = await cancelRun(false);
    expect(code).toBe(130);
    expect(log).toEqual(["run_all.R started", "interrupted"]);
  });

  it("kills a trainer that does not stop in time and marks the run cancelled", async () => {
    const { code, log } = await cancelRun(true);
    expect(code).toBe(130);
    expect(log).toEqual(["run_all.R started", "interrupt ignored", "cancel.R"]);
  });
});
