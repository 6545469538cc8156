// `npm run train:stories`: fits the "same story?" model on ECB+ dev (gold stories replayed in three fixed
// shuffles) and writes src/stories/same-story-model.json. Deterministic. The join threshold is chosen by
// leave-topics-out folds inside the documents it is given (train on two thirds of their topics, cluster the
// rest), so a model scored on held-out topics (eval/stories-eval.ts) never chose its threshold on them.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fitLogistic } from '../src/stories/logistic.js';
import { PAIR_FEATURES } from '../src/stories/pair-features.js';
import type { SameStoryModel } from '../src/stories/model.js';
import { clusterOrder, goldPairs, loadEcb, mean, shuffled, type EcbDoc } from './stories-ecb.js';

export const TRAIN_SEEDS = [11, 12, 13];
/** Thresholds tried, and the shuffles each is scored on, when choosing one. */
export const THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3];
const CHOICE_SEEDS = [21, 22, 23];

function fitWeights(docs: EcbDoc[]): SameStoryModel {
  // The seed model shapes nothing (gold replay ignores it) but a clusterer needs one.
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
  return { features: PAIR_FEATURES, weights: fit.weights.map(round), bias: round(fit.bias) };
}

/** The threshold with the best mean B³ F1 over three topic folds of `docs` (each scored by a model fitted without it). */
export function chooseThreshold(docs: EcbDoc[]): number {
  const topics = [...new Set(docs.map((d) => d.topic))].sort((a, b) => a - b);
  const fold = (t: number) => topics.indexOf(t) % 3;
  const f1 = THRESHOLDS.map(() => [] as number[]);
  for (const f of [0, 1, 2]) {
    const model = fitWeights(docs.filter((d) => fold(d.topic) !== f));
    const test = docs.filter((d) => fold(d.topic) === f);
    THRESHOLDS.forEach((threshold, i) => {
      for (const s of CHOICE_SEEDS) f1[i]!.push(clusterOrder(shuffled(test, s), { ...model, threshold }).f1);
    });
  }
  const scores = f1.map(mean);
  return THRESHOLDS[scores.indexOf(Math.max(...scores))]!;
}

/** A model fitted on these documents, with its threshold chosen on folds of the same documents. */
export function trainModel(docs: EcbDoc[]): SameStoryModel {
  return { ...fitWeights(docs), threshold: chooseThreshold(docs) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const model = trainModel(loadEcb());
  const out = fileURLToPath(new URL('../src/stories/same-story-model.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
  console.log(
    `wrote ${out}: ${PAIR_FEATURES.map((f, i) => `${f} ${model.weights[i]}`).join(', ')}, bias ${model.bias}, threshold ${model.threshold}`,
  );
}
