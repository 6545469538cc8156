// The scorer's features on made-up answers: a sentence holding the question's words and names in order scores
// full coverage; one that drops a negation or the year the question asks about is flagged.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/questions/answer.js';
import { classify } from '../../../src/questions/classify.js';
import { FEATURE_NAMES, answerFeatures } from '../../../src/questions/qa/features.js';
import type { IndexedStory } from '../../../src/questions/search-index.js';

const feature = (question: string, sentence: string, name: (typeof FEATURE_NAMES)[number]) => {
  const answer = { question: classify(question), answer: sentence, quotes: [], sources: [{ story: {} as IndexedStory, sentence }] } as Answer;
  return answerFeatures(answer, false)[FEATURE_NAMES.indexOf(name)];
};

describe('answer features', () => {
  it('counts the question words and names the sentence holds', () => {
    expect(feature('When did the Lanark mill close?', 'The Lanark mill closed in 1968.', 'question names in sentence')).toBe(1);
    expect(feature('When did the Lanark mill close?', 'The Lanark mill closed in 1968.', 'question words in sentence')).toBe(1);
    expect(feature('When did the Paisley mill close?', 'The Lanark mill closed in 1968.', 'question names in sentence')).toBe(0);
  });

  it('sees word pairs kept together, and not when the sentence only shares the words apart', () => {
    expect(feature('Who built the stone bridge?', 'Masons built the stone bridge over the river.', 'question word pairs in sentence')).toBe(1);
    expect(feature('Who built the stone bridge?', 'The bridge was wood; stone came later, built by masons.', 'question word pairs in sentence')).toBe(0);
  });

  it('flags a negation or a number that the sentence does not carry', () => {
    expect(feature('What was never built at the harbour?', 'A lighthouse was built at the harbour.', 'negation in question, not in sentence')).toBe(1);
    expect(feature('What was built at the harbour in 1890?', 'A lighthouse was built at the harbour in 1902.', 'question number not in sentence')).toBe(1);
    expect(feature('What was built at the harbour in 1902?', 'A lighthouse was built at the harbour in 1902.', 'question number not in sentence')).toBe(0);
  });
});

