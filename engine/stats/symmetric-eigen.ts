/**
 * Eigenvalues and eigenvectors (columns of `vectors`, row-major k×k) of the symmetric k×k matrix `a`, by
 * cyclic Jacobi rotations (Golub & Van Loan §8.5); plenty for the dozen regressors of a model.
 */
export function symmetricEigen(matrix: Float64Array, k: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < k; i++) {
          const aip = a[i * k + p]!;
          const aiq = a[i * k + q]!;
          a[i * k + p] = c * aip - s * aiq;
          a[i * k + q] = s * aip + c * aiq;
        }
        for (let i = 0; i < k; i++) {
          const api = a[p * k + i]!;
          const aqi = a[q * k + i]!;
          a[p * k + i] = c * api - s * aqi;
          a[q * k + i] = s * api + c * aqi;
        }
        for (let i = 0; i < k; i++) {
          const vip = v[i * k + p]!;
          const viq = v[i * k + q]!;
          v[i * k + p] = c * vip - s * viq;
          v[i * k + q] = s * vip + c * viq;
        }
      }
    }
  }
  return { values: Array.from({ length: k }, (_, i) => a[i * k + i]!), vectors: v };
}
