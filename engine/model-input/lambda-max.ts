/**
 * The top of Robyn's lambda range (`lambda_seq`; method notes §3.4), computed once from all rows of the
 * untransformed model columns: lambda_max = 0.1 · (1000 · σ_y · max_j |cor(x_j, y)|) = 100 · σ_y · max_j |r_j|,
 * with σ_y the population SD of y; constant columns count as correlation 0.
 */
export function lambdaMax(y: Float64Array, columns: readonly Float64Array[]): number {
  const n = y.length;
  const yMean = mean(y);
  let syy = 0;
  for (let t = 0; t < n; t++) syy += (y[t]! - yMean) ** 2;
  let maxCorrelation = 0;
  for (const x of columns) {
    const xMean = mean(x);
    let sxx = 0;
    let sxy = 0;
    for (let t = 0; t < n; t++) {
      const dx = x[t]! - xMean;
      sxx += dx * dx;
      sxy += dx * (y[t]! - yMean);
    }
    if (sxx > 0) maxCorrelation = Math.max(maxCorrelation, Math.abs(sxy / Math.sqrt(sxx * syy)));
  }
  return 100 * Math.sqrt(syy / n) * maxCorrelation;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < values.length; t++) sum += values[t]!;
  return sum / values.length;
}
