// The scorer's features on made-up stories: a sentence holding the question's words scores full coverage; a
// question naming someone no story mentions, dropping a negation, or asking about another year is flagged.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { ask, findAnswer } from '../../../src/questions/qa/ask.js';
import { FEATURE_NAMES, type FeatureName } from '../../../src/questions/qa/features.js';
import { buildIndex } from '../../../src/questions/search-index.js';
import { storyOf } from '../helpers.js';

const STORY = [
  'The Lanark mill closed in 1968 after a long strike.',
  'A lighthouse was built at the harbour in 1902 by the Grell brothers.',
  'Masons built the stone bridge over the river.',
].join(' ');
const index = buildIndex(new Library([storyOf(STORY, 'made-up/lanark.txt')]));

const feature = (question: string, name: FeatureName) =>
  findAnswer(index, question).features?.[FEATURE_NAMES.indexOf(name)];

describe('answer features', () => {
  it('counts the question words the sentence holds, weighted', () => {
    expect(feature('When did the Lanark mill close?', 'weighted coverage')).toBe(1);
    expect(feature('When did the Lanark mill close?', 'slots missing / 3')).toBe(0);
  });

  it('flags a name that no story holds', () => {
    expect(feature('When did the Paisley mill close after a long strike?', 'a name in no candidate story')).toBe(1);
    expect(ask(index, 'When did the Paisley mill close?').answer).toBeNull();
    expect(feature('When did the Lanark mill close?', 'a name in no candidate story')).toBe(0);
  });

  it('flags a negation or a number that the sentence does not carry', () => {
    expect(feature('What was never built at the harbour?', 'negation in question, not in sentence')).toBe(1);
    expect(feature('What was built at the harbour in 1890?', 'question number not in sentence')).toBe(1);
    expect(feature('What was built at the harbour in 1902?', 'question number not in sentence')).toBe(0);
  });

  it('flags a date or number question whose sentence gives no date or number to answer with', () => {
    const name = 'a date or number question answered with no date or number';
    expect(feature('When did masons build the stone bridge over the river?', name)).toBe(1);
    expect(feature('When did the Lanark mill close?', name)).toBe(0);
    expect(feature('Who built the stone bridge over the river?', name)).toBe(0);
  });

  it('sees a typed span of the expected kind', () => {
    expect(feature('When did the Lanark mill close?', 'type:date')).toBe(1);
    expect(feature('When did the Lanark mill close?', 'typed span found')).toBe(1);
  });
});
