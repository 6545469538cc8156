import { describe, expect, it } from 'vitest';
import { porterStem } from '../../eval/porter.js';
import { rougeLsum, scoreRouge, tokenize } from '../../eval/rouge.js';

describe('rouge (rouge_score conventions)', () => {
  it('reproduces the rouge_score README example', () => {
    const s = scoreRouge(['The quick brown fox jumps over the lazy dog'], ['The quick brown dog jumps on the log.']);
    expect(s.rouge1.precision).toBeCloseTo(0.75, 4);
    expect(s.rouge1.recall).toBeCloseTo(0.6667, 4);
    expect(s.rouge1.f).toBeCloseTo(0.7059, 4);
    expect(s.rougeL.f).toBeCloseTo(0.5882, 4);
  });

  it('lowercases, drops punctuation and stems only tokens longer than 3 characters', () => {
    expect(tokenize("The U.S. ponies' running, 3.7 miles!")).toEqual([
      'the',
      'u',
      's',
      'poni',
      'run',
      '3',
      '7',
      'mile',
    ]);
    expect(tokenize('was has')).toEqual(['was', 'has']);
  });

  it('stems like NLTK Porter', () => {
    const cases: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      ties: 'tie',
      agreed: 'agre',
      hopping: 'hop',
      filing: 'file',
      happy: 'happi',
      relational: 'relat',
      generalization: 'gener',
      electrical: 'electr',
      adjustment: 'adjust',
      dying: 'die',
      controll: 'control',
      probate: 'probat',
      rate: 'rate',
      hopeful: 'hope',
    };
    for (const [word, stem] of Object.entries(cases)) expect(porterStem(word), word).toBe(stem);
  });

  it('computes summary-level LCS as a union over candidate sentences', () => {
    // Reference sentence a b c d; candidates "a b" and "c d" together cover all of it.
    const r = rougeLsum(
      [['a', 'b', 'c', 'd']],
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    );
    expect(r.recall).toBe(1);
    expect(r.precision).toBe(1);
    const partial = rougeLsum([['a', 'b', 'c', 'd'], ['e']], [['d', 'c', 'x']]);
    expect(partial.recall).toBeCloseTo(1 / 5, 6);
    expect(partial.precision).toBeCloseTo(1 / 3, 6);
  });

  it('scores empty predictions as zero', () => {
    expect(scoreRouge(['a reference'], []).rouge1.f).toBe(0);
  });
});
