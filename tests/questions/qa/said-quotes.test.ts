// "What did X say?" answered with quotes the briefing attributes to X is not put to the scorer: the scorer reads
// sentences (it was fitted mostly on SQuAD's), and declined such answers about people quoted in many stories. A
// question about someone quoted nowhere still goes through it, and is declined when nothing says what they said.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { ask, findAnswer } from '../../../src/questions/qa/ask.js';
import { buildIndex } from '../../../src/questions/search-index.js';
import { storyOf } from '../helpers.js';

const DAM = storyOf(
  'The council approved the Harrow dam on Monday after a long debate. ' +
    '"We will build it this year, whatever the cost," Mayor Ann Lee said at the town hall. ' +
    'Engineers expect the work to take two years.',
  'made-up/dam.txt',
);
const MARKET = storyOf(
  'The Harrow market reopened on Saturday after repairs to its roof. Traders sold fruit and bread to a large crowd.',
  'made-up/market.txt',
);
const index = buildIndex(new Library([DAM, MARKET]));

describe('what did X say, answered from X’s quotes', () => {
  it('answers with the quote and leaves the scorer out', () => {
    const found = findAnswer(index, 'What did Ann Lee say?');
    expect(found.features).toBeNull();
    expect(found.answer.quotes.map((q) => q.speaker)).toEqual(['Ann Lee']);
    expect(ask(index, 'What did Ann Lee say?').quotes[0]?.text).toContain('We will build it this year');
  });

  it('still declines someone who is quoted nowhere', () => {
    expect(ask(index, 'What did Peter Tarr say?').answer).toBeNull();
  });
});
