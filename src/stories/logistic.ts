// A small logistic regression fitted by Newton's method with an L2 penalty: deterministic, a few
// iterations for a dozen features, no learning rate to tune.

export interface Fitted {
  weights: number[];
  bias: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** `x` rows of features, `y` 0/1 labels, `sampleWeight` per row; the bias is not penalised. */
export function fitLogistic(
  x: number[][],
  y: number[],
  options: { l2?: number; iterations?: number; sampleWeight?: number[] } = {},
): Fitted {
  const l2 = options.l2 ?? 1;
  const d = (x[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < (options.iterations ?? 25); it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...x[i]!];
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const sw = options.sampleWeight?.[i] ?? 1;
      const g = sw * (p - y[i]!);
      const h = sw * Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        grad[j]! += g * row[j]!;
        for (let k = j; k < d; k++) hess[j]![k]! += h * row[j]! * row[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
      if (j > 0) {
        grad[j]! += l2 * w[j]!;
        hess[j]![j]! += l2;
      }
    }
    const step = solve(hess, grad);
    w = w.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: w[0]!, weights: w.slice(1) };
}
