// `npm run train:stories`: fits the "same story?" model on ECB+ dev (gold stories replayed in three fixed
// shuffles) and writes src/stories/same-story-model.json. Deterministic; the join threshold was chosen by
// leave-topics-out folds on the same file (eval/stories-eval.ts reports them).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fitLogistic } from '../src/stories/logistic.js';
import { PAIR_FEATURES } from '../src/stories/pair-features.js';
import type { SameStoryModel } from '../src/stories/model.js';
import { goldPairs, loadEcb, shuffled, type EcbDoc } from './stories-ecb.js';

export const TRAIN_SEEDS = [11, 12, 13];
export const JOIN_THRESHOLD = 0.2;

/** A model fitted on these documents; the seed model only shapes nothing but is needed to build a clusterer. */
export function trainModel(docs: EcbDoc[]): SameStoryModel {
  const seed: SameStoryModel = { features: PAIR_FEATURES, weights: PAIR_FEATURES.map(() => 0), bias: 0 };
  const x: number[][] = [];
  const y: number[] = [];
  for (const s of TRAIN_SEEDS) {
    const p = goldPairs(shuffled(docs, s), seed);
    x.push(...p.x);
    y.push(...p.y);
  }
  const fit = fitLogistic(x, y, { l2: 1 });
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { features: PAIR_FEATURES, weights: fit.weights.map(round), bias: round(fit.bias), threshold: JOIN_THRESHOLD };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const model = trainModel(loadEcb());
  const out = fileURLToPath(new URL('../src/stories/same-story-model.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
  console.log(
    `wrote ${out}: ${PAIR_FEATURES.map((f, i) => `${f} ${model.weights[i]}`).join(', ')}, bias ${model.bias}`,
  );
}
