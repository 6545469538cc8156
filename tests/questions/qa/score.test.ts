import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../../../src/questions/qa/features.js';
import { loadScorer, probability, trainLogistic } from '../../../src/questions/qa/score.js';

describe('the answer scorer', () => {
  it('learns to rank a well-covered answer above a poorly covered one, the same way every time', () => {
    // [bias, coverage]: answers covering most of the question were right, the others wrong.
    const xs = [
      [1, 0.9],
      [1, 0.8],
      [1, 1],
      [1, 0.2],
      [1, 0.1],
      [1, 0.3],
    ];
    const ys = [1, 1, 1, 0, 0, 0];
    const w = trainLogistic(xs, ys);
    expect(probability(w, [1, 0.95])).toBeGreaterThan(0.5);
    expect(probability(w, [1, 0.15])).toBeLessThan(0.5);
    expect(trainLogistic(xs, ys)).toEqual(w);
  });

  it('the committed weights match the features and give a threshold between 0 and 1', () => {
    const scorer = loadScorer();
    expect(scorer.weights).toHaveLength(FEATURE_NAMES.length);
    expect(scorer.threshold).toBeGreaterThan(0);
    expect(scorer.threshold).toBeLessThan(1);
  });
});
