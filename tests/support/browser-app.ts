/**
 * The set-up the viewer's browser tests share: the real app (`startApp`, so the socket's loopback address
 * reaches the access check) on a fresh data folder without the demo, Debian's chromium through
 * playwright-core, and a trained demo run copied in as a succeeded run. Without chromium the suite fails
 * and says how to install it: nothing is skipped. Screenshots go to `tests/browser/screenshots/`
 * (git-ignored) for a person to look at.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import { runPrefix } from "../../common/run-folder.ts";
import { newRunId } from "../../core/run-id.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import type { Run } from "../../core/run.ts";
import type { ModelSummary } from "../../engine/outputs/model-summary.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = join(import.meta.dirname, "..", "browser", "screenshots");

export interface BrowserApp {
  app: RunningApp;
  browser: Browser;
  dataDir: string;
  /** The app's address on 127.0.0.1, which local mode treats as this machine. */
  base(): string;
  stop(): Promise<void>;
}

/** Debian's chromium, headless, with the screenshots folder made; fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** Starts the app (extra environment beside the defaults) and chromium. */
export async function startBrowserApp(name: string, env: Record<string, string> = {}): Promise<BrowserApp> {
  const browser = await launchChromium();
  const dataDir = await mkdtemp(join(tmpdir(), `mmm-browser-${name}-`));
  const app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      MMM_DEMO_ON_START: "false",
      ...env,
    },
    { demo: false },
  );
  return {
    app,
    browser,
    dataDir,
    base: () => app.url.replace("localhost", "127.0.0.1"),
    stop: async () => {
      await browser.close();
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Copies a trained run folder (`trainedRunFolder`) into the app as a succeeded DE run started by Alice from
 * Slack, with the spec's fields replaced by `specChanges`; returns the run and its model_summary.json.
 */
export async function addTrainedRun(
  { app, dataDir }: BrowserApp,
  folder: string,
  { tag, specChanges = {} }: { tag?: string; specChanges?: Record<string, unknown> } = {},
): Promise<{ run: Run; summary: ModelSummary }> {
  const summary = JSON.parse(await readFile(join(folder, "output", "model_summary.json"), "utf8"));
  const { pareto_models: _all, ...highlights } = summary;
  const spec = JSON.parse(await readFile(join(folder, "spec.json"), "utf8"));
  const createdAt = new Date().toISOString();
  const id = newRunId("DE", new Date(createdAt));
  const run: Run = {
    id,
    country: "DE",
    status: "succeeded",
    spec: parseRunSpec({ ...spec, ...specChanges }),
    ...(tag === undefined ? {} : { tag }),
    createdBy: { kind: "slack", id: "U0ALICE", name: "Alice" },
    createdAt,
    updatedAt: createdAt,
    finishedAt: createdAt,
    artifactPrefix: runPrefix(id),
    summary: highlights,
    lastEventSeq: 3,
  };
  await cp(folder, join(dataDir, "artifacts", run.artifactPrefix), { recursive: true });
  await app.services.runs.createRun(run);
  return { run, summary };
}

/** A page that records console errors (CSP violations show up there) and uncaught ones. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { acceptDownloads?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}
