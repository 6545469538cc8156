// The learned scorer: a logistic regression over answerFeatures, trained by `npm run train:qa`
// (eval/train-qa.ts) and stored in scorer.json with the decline threshold chosen on data.
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES } from './features.js';

export interface Scorer {
  features: readonly string[];
  weights: number[];
  /** An answer scoring under this is declined. */
  threshold: number;
}

export const SCORER_FILE = new URL('./scorer.json', import.meta.url);

export function loadScorer(file: URL = SCORER_FILE): Scorer {
  const scorer = JSON.parse(readFileSync(file, 'utf8')) as Scorer;
  if (scorer.features.join('|') !== FEATURE_NAMES.join('|')) {
    throw new Error(`${file.pathname}: its features differ from features.ts; run npm run train:qa`);
  }
  return scorer;
}

export function probability(weights: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Full-batch gradient descent on the (example-weighted) log loss with a little L2; deterministic (zero start,
 * fixed steps).
 */
export function trainLogistic(
  xs: number[][],
  ys: number[],
  weights?: number[],
  steps = 800,
  rate = 0.5,
  l2 = 1e-3,
): number[] {
  const d = xs[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const total = weights ? weights.reduce((a, b) => a + b, 0) : xs.length;
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(d).fill(0);
    for (let n = 0; n < xs.length; n++) {
      const err = (probability(w, xs[n]!) - ys[n]!) * (weights?.[n] ?? 1);
      for (let i = 0; i < d; i++) grad[i]! += err * xs[n]![i]!;
    }
    for (let i = 0; i < d; i++) w[i]! -= rate * (grad[i]! / total + (i === 0 ? 0 : l2 * w[i]!));
  }
  return w;
}
