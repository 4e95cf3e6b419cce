/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix, in place.
 *
 * `a` is row-major n × n; only the lower triangle (including the diagonal) is read, and it is overwritten
 * with L. Cost n³/6 multiply-adds. The ridge penalty keeps our matrices well away from singular.
 */
export function choleskyFactor(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[j * n + k]! * a[j * n + k]!;
    if (!(diagonal > 0)) {
      throw new Error(`matrix is not positive definite (pivot ${j} is ${diagonal})`);
    }
    const ljj = Math.sqrt(diagonal);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = sum / ljj;
    }
  }
}

/** Solves L·Lᵀ·x = b in place (`b` becomes x), with L from `choleskyFactor`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k]!;
    b[i] = sum / l[i * n + i]!;
  }
}
