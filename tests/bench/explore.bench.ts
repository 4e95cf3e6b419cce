/**
 * The Explore page on three years of daily data with 30 channels (each with spend, impressions, clicks and
 * sessions: 123 columns) for five markets, uploaded as a dataset: the aggregation alone on one market's
 * 1,095 rows (`aggregateExplore`, by day, week and month), and the page and the API answer through the real
 * server (`startLocalApp`): the snapshot read with DuckDB, the market filtered, aggregated and rendered;
 * median of 7 requests after one warm-up, with the page's size and the chart data it embeds.
 *
 * Exported for `tests/bench/run.ts`; `npx tsx tests/bench/explore.bench.ts` runs it alone.
 */
import { pathToFileURL } from "node:url";
import { tableFromRows } from "../../common/table.ts";
import { aggregateExplore } from "../../core/data-explore/aggregate-explore.ts";
import { exploreColumns } from "../../core/data-explore/explore-columns.ts";
import type { Grain } from "../../core/data-explore/time-grain.ts";
import { dailyChannels } from "../fixtures/daily-channels.ts";
import { startLocalApp } from "../support/local-app.ts";
import { formatMicros, measure, report } from "./harness.ts";

const TOKEN = "explore-bench-token-0123456789abcdef";
const MARKETS = ["DE", "FR", "GB", "US", "IT"];

export async function benchExplore(): Promise<[string, string][]> {
  const data = dailyChannels({ days: 3 * 365, channels: 30, markets: MARKETS });
  const rows: [string, string][] = [
    [
      "data",
      `${data.rows.length.toLocaleString("en")} rows (1,095 days × ${MARKETS.length} markets), ${data.header.length} columns, ${(data.csv.length / 1e6).toFixed(1)} MB CSV`,
    ],
  ];
  const market = data.rows.filter((r) => r[1] === "DE");
  const table = tableFromRows(data.header, market);
  const columns = measure(() => exploreColumns(table, { marketColumn: "MARKET" }), {
    warmup: 3,
    minSeconds: 1,
    batch: 2,
  });
  rows.push(["columns found by the auto-mapping (one market)", `${(columns.seconds * 1000).toFixed(1)} ms`]);
  const found = exploreColumns(table, { marketColumn: "MARKET" });
  for (const grain of ["day", "week", "month"] as Grain[]) {
    const m = measure(() => aggregateExplore(table, found, { grain, start: "2022-01-03" }), {
      warmup: 5,
      minSeconds: 1,
      batch: 5,
    });
    rows.push([`aggregation by ${grain} (1,095 rows × 121 columns read)`, formatMicros(m.seconds)]);
  }

  const local = await startLocalApp("mmm-explore-bench-", { MMM_API_TOKENS: TOKEN });
  try {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const form = new FormData();
    form.set("file", new Blob([data.csv]), "daily-30.csv");
    const upload = await fetch(`${local.app.url}/api/datasets`, {
      method: "POST",
      body: form,
      headers: auth,
    });
    if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
    const base = local.app.url.replace("localhost", "127.0.0.1");
    for (const [label, path] of [
      ["page /explore, by week (default timeframe: 52 weeks)", "/explore?source=dataset:daily-30&market=DE"],
      [
        "page /explore, by day over 3 years",
        "/explore?source=dataset:daily-30&market=DE&start=2022-01-03&grain=day",
      ],
      [
        "API /api/data/explore, by week over 3 years",
        "/api/data/explore?dataset=daily-30&market=DE&start=2022-01-03",
      ],
    ] as const) {
      const timed = await timeRequests(`${base}${path}`, auth);
      const chartJson = /id="chart-data">(.*?)<\/script>/s.exec(timed.body)?.[1];
      rows.push([
        label,
        `${timed.ms.toFixed(0)} ms median (first ${timed.firstMs.toFixed(0)} ms), ${(timed.body.length / 1024).toFixed(0)} KB` +
          (chartJson ? ` of which chart data ${(chartJson.length / 1024).toFixed(0)} KB` : ""),
      ]);
    }
  } finally {
    await local.stop();
  }
  return rows;
}

async function timeRequests(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; firstMs: number; body: string }> {
  const once = async () => {
    const t0 = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
    return { ms: performance.now() - t0, body };
  };
  const first = await once();
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) samples.push((await once()).ms);
  samples.sort((a, b) => a - b);
  return { ms: samples[3]!, firstMs: first.ms, body: first.body };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) report(await benchExplore());
