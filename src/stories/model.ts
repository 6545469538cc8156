// The "same story?" model: logistic regression over the pair features, trained by `npm run train:stories`.
import { PAIR_FEATURES } from './pair-features.js';
import weights from './same-story-model.json' with { type: 'json' };

export interface SameStoryModel {
  features: readonly string[];
  weights: number[];
  bias: number;
  /** Join the best story when its probability reaches this (chosen on held-out topics). */
  threshold?: number;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function probability(model: SameStoryModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * x[i]!;
  return sigmoid(z);
}

/** The committed model; a clear error when its features no longer match the code's. */
export function defaultModel(): SameStoryModel {
  const model = weights as SameStoryModel;
  if (model.features.join() !== PAIR_FEATURES.join()) {
    throw new Error('src/stories/same-story-model.json was trained on other features: run npm run train:stories');
  }
  return model;
}
