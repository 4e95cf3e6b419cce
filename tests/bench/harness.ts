/**
 * Benchmark helpers. Machines here are shared and noisy, so every figure is reported twice: in absolute
 * units and as a ratio to a baseline workload measured in the same run (`baseline()`), which cancels most of
 * the machine's current speed. Timings are medians over several samples after a warm-up.
 */
export interface Measurement {
  /** Median seconds per call. */
  seconds: number;
  /** Calls timed in total. */
  calls: number;
}

/** Times `fn` in batches until `minSeconds` have elapsed; returns the median time per call. */
export function measure(fn: () => void, { warmup = 50, minSeconds = 1, batch = 20 } = {}): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  let calls = 0;
  while ((performance.now() - start) / 1000 < minSeconds || samples.length < 5) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - t0) / 1000 / batch);
    calls += batch;
  }
  samples.sort((a, b) => a - b);
  return { seconds: samples[Math.floor(samples.length / 2)]!, calls };
}

let sink = 0;

/**
 * The baseline: a fixed numeric workload typical of the engine (a 157 x 12 Gram matrix and 1,000 `pow`
 * calls), timed like the benchmarks. Results are reported as multiples of it.
 */
export function baseline(): Measurement {
  const rows = 157;
  const cols = 12;
  const x = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i) + 1.5);
  const gram = new Float64Array(cols * cols);
  return measure(() => {
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k <= j; k++) {
        let s = 0;
        for (let t = 0; t < rows; t++) s += x[j * rows + t]! * x[k * rows + t]!;
        gram[j * cols + k] = s;
      }
    }
    let p = 0;
    for (let i = 0; i < 1000; i++) p += Math.pow(x[i]!, 1.37);
    sink += p + gram[5]!;
  });
}

export function consume(value: number): void {
  sink += value;
}

export function formatMicros(seconds: number): string {
  return `${(seconds * 1e6).toFixed(1)} µs`;
}

export function report(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  if (sink === 42) console.log("");
}
