/**
 * The viewer's static files, served by the app itself (no CDN, nothing downloaded at run time):
 * chart.js's UMD build from its npm package, the viewer's own browser scripts (`client/*.js`, joined in
 * order into one file, so a page loads two scripts), and the stylesheet. Each URL carries a hash of the
 * content, so the files can be cached for a year (`immutable`) and a new version gets a new URL.
 *
 * The browser scripts are plain JavaScript (no build step: the app runs its TypeScript with tsx and
 * ships no bundler); they are linted like the rest and exercised by the browser tests.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface StaticAsset {
  /** The URL path, e.g. `/static/chart.4f3a9c2e.js`. */
  readonly path: string;
  readonly body: Buffer;
  readonly contentType: string;
}

export interface StaticAssets {
  readonly chartJs: StaticAsset;
  readonly viewerJs: StaticAsset;
  readonly css: StaticAsset;
  /** Every asset by URL path. */
  readonly byPath: ReadonlyMap<string, StaticAsset>;
}

/** The browser scripts in the order they are joined: helpers first, the page boot last. */
export const CLIENT_SCRIPTS = [
  "common.js",
  "run-charts.js",
  "model-charts.js",
  "data-charts.js",
  "scenario-charts.js",
  "allocation-charts.js",
  "explore-charts.js",
  "calibration-charts.js",
  "refresh-charts.js",
  "split-charts.js",
  "table-sort.js",
  "live-status.js",
  "twin-status.js",
  "boot.js",
] as const;

const CLIENT_DIR = join(import.meta.dirname, "client");

let loaded: StaticAssets | undefined;

/** Reads the files once per process. */
export function staticAssets(): StaticAssets {
  if (loaded) return loaded;
  const chartDir = dirname(createRequire(import.meta.url).resolve("chart.js"));
  const chartJs = asset("chart", "js", readFileSync(join(chartDir, "chart.umd.min.js")));
  const viewerJs = asset(
    "viewer",
    "js",
    Buffer.concat(CLIENT_SCRIPTS.map((name) => readFileSync(join(CLIENT_DIR, name)))),
  );
  const css = asset("viewer", "css", readFileSync(join(CLIENT_DIR, "viewer.css")));
  loaded = { chartJs, viewerJs, css, byPath: new Map([chartJs, viewerJs, css].map((a) => [a.path, a])) };
  return loaded;
}

function asset(name: string, extension: "js" | "css", body: Buffer): StaticAsset {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  return {
    path: `/static/${name}.${hash}.${extension}`,
    body,
    contentType: extension === "js" ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
  };
}
