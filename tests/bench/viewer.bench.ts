/**
 * The viewer's run page for a run of 10,000 candidates (Robyn's demo, 2000 iterations × 5 trials, trained
 * once with `mmm train` and cached, see `tests/support/trained-run.ts`): server-side render time
 * through `app.request` (target < 100 ms), cold (a fresh app: the run's files read and parsed) and warm
 * (results kept, as after the first view), the size of the page, and the JavaScript a page ships (target
 * < 300 KB: chart.js's UMD build plus the viewer's script).
 *
 * Exported for `tests/bench/run.ts`; `npx tsx tests/bench/viewer.bench.ts` runs it alone.
 */
import { staticAssets } from "../../viewer/static-assets.ts";
import { createApp } from "../../viewer/app.ts";
import { viewerHarness } from "../support/viewer-harness.ts";
import { baseline, formatMicros, report } from "./harness.ts";

export interface ViewerBenchResult {
  candidates: number;
  paretoModels: number;
  coldMs: number;
  warmMs: number;
  modelPageWarmMs: number;
  htmlBytes: number;
  jsBytes: number;
}

export async function benchViewer(): Promise<ViewerBenchResult> {
  const h = await viewerHarness({}, { iterations: 2000, trials: 5 });
  try {
    const path = `/runs/${h.run.id}`;
    const env = { incoming: { socket: { remoteAddress: "127.0.0.1" } } };
    const render = async (app = h.app, target = path) => {
      const response = await app.request(target, {}, env);
      if (response.status !== 200) throw new Error(`${target} answered ${response.status}`);
      return response.text();
    };
    // Cold: a fresh app has no results cached, so every file of the run is read and parsed.
    const cold: number[] = [];
    for (let i = 0; i < 7; i++) {
      const app = createApp(h.services, { now: h.clock.now });
      const t0 = performance.now();
      await render(app);
      cold.push(performance.now() - t0);
    }
    const html = await render();
    const warm = await measureAsync(() => render());
    const modelWarm = await measureAsync(() => render(h.app, `${path}/models/${h.solID}`));
    const assets = staticAssets();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => assets.byPath.get(m[1]!));
    if (scripts.some((s) => s === undefined))
      throw new Error("the page loads a script the app does not serve");
    const pareto = JSON.parse(/id="chart-data">(.*?)<\/script>/s.exec(html)![1]!).pareto as {
      x: unknown[];
      ids: object;
    };
    return {
      candidates: pareto.x.length,
      paretoModels: Object.keys(pareto.ids).length,
      coldMs: median(cold),
      warmMs: warm * 1000,
      modelPageWarmMs: modelWarm * 1000,
      htmlBytes: Buffer.byteLength(html),
      jsBytes: scripts.reduce((n, s) => n + s!.body.length, 0),
    };
  } finally {
    await h.close();
  }
}

/** Like the harness's `measure`, for an async call: the median of sequential awaits after a warm-up. */
async function measureAsync(fn: () => Promise<unknown>, { warmup = 5, rounds = 15 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
  }
  return median(samples);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The rows `tests/bench/run.ts` prints, with each time also as a multiple of the baseline workload. */
export function describeViewer(r: ViewerBenchResult, baselineSeconds: number): [string, string][] {
  const units = (ms: number) =>
    `${Math.round(ms / 1000 / baselineSeconds).toLocaleString("en")} baseline units`;
  return [
    ["run page, candidates · Pareto models", `${r.candidates.toLocaleString("en")} · ${r.paretoModels}`],
    [
      "run page render, warm (results kept)",
      `${r.warmMs.toFixed(1)} ms (target < 100 ms) = ${units(r.warmMs)}`,
    ],
    ["run page render, cold (files read and parsed)", `${r.coldMs.toFixed(1)} ms = ${units(r.coldMs)}`],
    ["model page render, warm", `${r.modelPageWarmMs.toFixed(1)} ms`],
    ["run page HTML (chart data embedded)", `${(r.htmlBytes / 1024).toFixed(0)} KB`],
    ["JavaScript shipped per page", `${(r.jsBytes / 1024).toFixed(1)} KB (target < 300 KB)`],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = baseline();
  console.log(`baseline workload: ${formatMicros(base.seconds)} per call`);
  console.log("\nviewer");
  report(describeViewer(await benchViewer(), base.seconds));
}
