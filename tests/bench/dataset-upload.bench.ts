/**
 * A 500 MB CSV uploaded to the app and trained on: how much the app's process grows (peak resident
 * memory, `VmHWM` reset through `/proc/<pid>/clear_refs`, minus the resident memory before) while the
 * file streams in over multipart and is converted to its Parquet snapshot, and while a run reads one
 * market's rows of it; and the trainer process's own peak (its `resources.peakMemoryMb`). The target is
 * 1 GiB of growth. The file (about 2.4 million rows of 25 columns, many markets) is written to a
 * temporary folder first. Linux only.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { RUN_FILES, runPrefix } from "../../common/run-folder.ts";

const TARGET_BYTES = 500e6;
const BENCH_TOKEN = "dataset-bench-token-0123456789abcdef";
const WEEKS = 156;
const SPENDS = 20;

export interface DatasetUploadResult {
  fileMb: number;
  rows: number;
  uploadSeconds: number;
  uploadGrowthMb: number;
  runSeconds: number;
  runGrowthMb: number;
  trainerPeakMb: number | undefined;
}

async function kilobytes(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)![1]);
}

/** Market DE first (the one trained), then as many other markets as it takes to reach the target size. */
async function writeBigCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  const spendNames = Array.from({ length: SPENDS }, (_, i) => `channel${i}_S`);
  out.write(`DATE,country,revenue,competitor_sales,${spendNames.join(",")}\n`);
  let bytes = 0;
  let rows = 0;
  for (let market = 0; bytes < TARGET_BYTES; market++) {
    const code = market === 0 ? "DE" : `G${String(market).padStart(5, "0")}`;
    for (let w = 0; w < WEEKS; w++) {
      const date = new Date(Date.UTC(2021, 0, 4 + 7 * w)).toISOString().slice(0, 10);
      const spends = spendNames.map((_, i) => (500 + ((w * (31 + i) + market * 7) % 900)).toFixed(2));
      const revenue = (
        20000 + spends.slice(0, 3).reduce((sum, s, i) => sum + Number(s) * (i + 2), 0)
      ).toFixed(2);
      const line = `${date},${code},${revenue},${5000 + ((w * 13) % 900)},${spends.join(",")}\n`;
      bytes += line.length;
      rows++;
      if (!out.write(line)) await once(out, "drain");
    }
  }
  out.end();
  await once(out, "close");
  return rows;
}

export async function benchDatasetUpload(): Promise<DatasetUploadResult> {
  const dir = await mkdtemp(join(tmpdir(), "mmm-dataset-bench-"));
  const csv = join(dir, "big.csv");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL("./dataset-upload-server.ts", import.meta.url).pathname,
      join(dir, "data"),
      BENCH_TOKEN,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const rows = await writeBigCsv(csv);
    const fileBytes = (await stat(csv)).size;
    const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
    const { port } = JSON.parse(String(first.value)) as { port: number };
    const base = `http://127.0.0.1:${port}/api`;
    const auth = { authorization: `Bearer ${BENCH_TOKEN}` };
    const pid = child.pid!;

    await writeFile(`/proc/${pid}/clear_refs`, "5");
    const beforeUpload = await kilobytes(pid, "VmRSS");
    const form = new FormData();
    form.set("file", await openAsBlob(csv), "big.csv");
    form.set("name", "big");
    let started = performance.now();
    const uploaded = await fetch(`${base}/datasets`, { method: "POST", headers: auth, body: form });
    const uploadSeconds = (performance.now() - started) / 1000;
    if (uploaded.status !== 201)
      throw new Error(`upload answered ${uploaded.status}: ${await uploaded.text()}`);
    const uploadGrowthMb = (((await kilobytes(pid, "VmHWM")) - beforeUpload) * 1024) / 1e6;

    await writeFile(`/proc/${pid}/clear_refs`, "5");
    const beforeRun = await kilobytes(pid, "VmRSS");
    started = performance.now();
    const answer = await fetch(`${base}/runs`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        country: "DE",
        data: { dataset: "big" },
        dep_var: "revenue",
        dep_var_type: "revenue",
        paid_media_spends: ["channel0_S", "channel1_S", "channel2_S"],
        context_vars: ["competitor_sales"],
        iterations: 100,
        trials: 1,
        min_candidates: 10,
      }),
    });
    const body = (await answer.json()) as { data: { runs?: { id: string }[] }; message: string };
    if (answer.status !== 202) throw new Error(`run answered ${answer.status}: ${body.message}`);
    const runId = body.data.runs![0]!.id;
    let run: { status: string; failure?: unknown };
    for (;;) {
      run = ((await (await fetch(`${base}/runs/${runId}`, { headers: auth })).json()) as { data: typeof run })
        .data;
      if (["succeeded", "failed", "cancelled"].includes(run.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (run.status !== "succeeded") throw new Error(`the run ${run.status}: ${JSON.stringify(run.failure)}`);
    const runSeconds = (performance.now() - started) / 1000;
    const runGrowthMb = (((await kilobytes(pid, "VmHWM")) - beforeRun) * 1024) / 1e6;
    // The trainer measures its own peak and writes it into the run's status.json.
    const status = JSON.parse(
      await readFile(
        join(dir, "data", "artifacts", ...`${runPrefix(runId)}${RUN_FILES.status}`.split("/")),
        "utf8",
      ),
    ) as { resources?: { peakMemoryMb?: number } };
    return {
      fileMb: fileBytes / 1e6,
      rows,
      uploadSeconds,
      uploadGrowthMb,
      runSeconds,
      runGrowthMb,
      trainerPeakMb: status.resources?.peakMemoryMb,
    };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
    await rm(dir, { recursive: true, force: true });
  }
}

export function describeDatasetUpload(r: DatasetUploadResult): [string, string][] {
  return [
    [
      `upload ${r.fileMb.toFixed(0)} MB CSV (${r.rows.toLocaleString("en")} rows, ${SPENDS + 4} columns)`,
      `${r.uploadSeconds.toFixed(1)} s; app process grew ${r.uploadGrowthMb.toFixed(0)} MB (target < 1074 MB, 1 GiB)`,
    ],
    [
      "train on it (one market, 156 weeks, 100 x 1)",
      `${r.runSeconds.toFixed(1)} s; app process grew ${r.runGrowthMb.toFixed(0)} MB; trainer peak ${r.trainerPeakMb?.toFixed(0) ?? "?"} MB`,
    ],
  ];
}
