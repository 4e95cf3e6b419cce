/**
 * `npm run bench`: every benchmark, each figure also as a multiple of the baseline workload measured in
 * this same run (see harness.ts). `npm run bench -- <name>` runs the benchmarks whose name contains <name>.
 */
import { baseline, formatMicros, report } from "./harness.ts";
import { benchModelEvaluation, describeEvaluation } from "./model-evaluation.bench.ts";
import { benchRequestBodyMemory, describeRequestBodyMemory } from "./request-body-memory.bench.ts";
import { benchSearchQuality } from "./search-quality.bench.ts";
import { benchTrainDemo } from "./train-demo.bench.ts";
import { benchTrainScale, trainScaleRows } from "./train-scale.bench.ts";
import { benchSlackAck, slackAckRows } from "./slack-ack.bench.ts";
import { benchViewer, describeViewer } from "./viewer.bench.ts";
import { benchWarehouseMemory } from "./warehouse-memory.bench.ts";
import { benchBigDataFile } from "./big-data-file.bench.ts";
import { benchStartup, startupRows } from "./startup.bench.ts";
import { benchAllocator, benchScenario } from "./decisions.bench.ts";
import { benchRecovery, recoveryRows } from "./recovery.bench.ts";
import { benchDatasetUpload, describeDatasetUpload } from "./dataset-upload.bench.ts";
import { benchExplore } from "./explore.bench.ts";
import { benchDataProfile, describeDataProfile } from "./data-profile.bench.ts";

interface Bench {
  name: string;
  run: (baselineSeconds: number) => Promise<[string, string][]> | [string, string][];
}

const benches: Bench[] = [
  {
    name: "startup",
    run: async () => startupRows(await benchStartup()),
  },
  {
    name: "model-evaluation",
    run: (base) => {
      const geometric = benchModelEvaluation("geometric");
      const cdf = benchModelEvaluation("weibull_cdf");
      const pdf = benchModelEvaluation("weibull_pdf");
      const robynSecondsPerModel = 402 / 2011;
      return [
        describeEvaluation("geometric", geometric, 100e-6),
        describeEvaluation("weibull_cdf", cdf, 500e-6),
        describeEvaluation("weibull_pdf", pdf, 500e-6),
        ["geometric / baseline", `${(geometric.seconds / base).toFixed(2)}x`],
        ["weibull_cdf / baseline", `${(cdf.seconds / base).toFixed(2)}x`],
        [
          "speed-up vs Robyn 3.12.1 (0.2 s/model, measured once)",
          `${Math.round(robynSecondsPerModel / geometric.seconds).toLocaleString("en")}x geometric`,
        ],
      ];
    },
  },
  {
    name: "train-demo",
    run: async (base) => {
      const r = await benchTrainDemo();
      return [
        [
          "wall time (process start to exit)",
          `${r.wallSeconds.toFixed(2)} s (target < 10 s) = ${Math.round(r.wallSeconds / base).toLocaleString("en")} baseline units`,
        ],
        ["trainer time (spec read to status written)", `${r.trainerSeconds.toFixed(2)} s`],
        [
          "models per second (end to end)",
          `${Math.round(r.models / r.wallSeconds).toLocaleString("en")} with ${r.workers} worker(s)`,
        ],
        ["peak memory", `${r.peakMemoryMb.toFixed(0)} MiB (target < 1024 MiB)`],
        [
          "vs Robyn (about 12 min on 8 vCPUs, replaced product's figure)",
          `${Math.round(720 / r.wallSeconds)}x faster`,
        ],
      ];
    },
  },
  {
    name: "train-scale",
    run: async (base) => trainScaleRows(await benchTrainScale(), base),
  },
  {
    name: "search-quality",
    run: async () => {
      const ratios = await benchSearchQuality();
      const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
      return [
        ["hypervolume search / random, 2000 candidates, 5 seeds", ratios.map((r) => r.toFixed(3)).join(", ")],
        ["mean ratio (> 1: the search wins)", mean.toFixed(3)],
      ];
    },
  },
  {
    name: "recovery",
    run: async () => recoveryRows(await benchRecovery()),
  },
  {
    name: "slack-ack",
    run: async (base) => slackAckRows(await benchSlackAck(), base),
  },
  {
    name: "request-body-memory",
    run: async () => describeRequestBodyMemory(await benchRequestBodyMemory()),
  },
  {
    name: "viewer",
    run: async (base) => describeViewer(await benchViewer(), base),
  },
  {
    name: "warehouse-memory",
    run: () =>
      benchWarehouseMemory().map((row) => [
        row.name,
        `+${row.growthMib.toFixed(0)} MiB in ${row.seconds.toFixed(1)} s: ${row.outcome}`,
      ]),
  },
  {
    name: "big-data-file",
    run: async () =>
      (await benchBigDataFile()).map((row) => [
        row.name,
        `${row.seconds.toFixed(1)} s (${row.megabytesPerSecond.toFixed(1)} MB/s of file), peak ` +
          `${row.peakMib.toFixed(0)} MiB: ${row.outcome}`,
      ]),
  },
  {
    name: "decisions",
    run: () => {
      const allocator = benchAllocator();
      const scenario = benchScenario();
      return [
        [
          "allocator, B5 case A (bounded + widened runs + binding-bound re-solves)",
          `${formatMicros(allocator.seconds)} per call, ${allocator.bindingBounds} bounds re-solved`,
        ],
        ["forward scenario, 8 weeks on B6 i_01 (6 media)", `${formatMicros(scenario.seconds)} per call`],
      ];
    },
  },
  {
    name: "dataset-upload",
    run: async () => describeDatasetUpload(await benchDatasetUpload()),
  },
  {
    name: "explore",
    run: () => benchExplore(),
  },
  {
    name: "data-profile",
    run: (base) => describeDataProfile(benchDataProfile(), base),
  },
];

const filter = process.argv[2];
const base = baseline();
console.log(`baseline workload: ${formatMicros(base.seconds)} per call (all ratios below are against it)`);
for (const bench of benches) {
  if (filter && !bench.name.includes(filter)) continue;
  console.log(`\n${bench.name}`);
  report(await bench.run(base.seconds));
}
