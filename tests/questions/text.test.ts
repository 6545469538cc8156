import { describe, expect, it } from 'vitest';
import { questionShape } from '../../src/questions/question-shape.js';
import { findDates } from '../../src/questions/evidence.js';
import { questionTerms } from '../../src/questions/relevance.js';
import { stem } from '../../src/questions/stem.js';
import { contentTerms } from '../../src/questions/terms.js';

describe('question text', () => {
  it('stems inflections together and keeps agent nouns apart', () => {
    expect(new Set(['receive', 'received', 'receiving', 'receives'].map(stem)).size).toBe(1);
    expect(new Set(['summit', 'summits'].map(stem)).size).toBe(1);
    expect(stem('said')).toBe(stem('say'));
    expect(stem('picker')).not.toBe(stem('pick'));
    expect(stem('need')).toBe('need');
  });

  it('keeps initialisms and numbers whole, drops stop words', () => {
    expect(contentTerms('the U.S. paid 1,300 dollars to Kim Jong-un')).toEqual([
      'us',
      'pay',
      '1300',
      'dollar',
      'kim',
      'jong',
      'un',
    ]);
  });

  it('tells proper names from other words', () => {
    expect(questionTerms('did Mulumbu pick five Chelsea players')).toEqual({
      names: ['mulumbu', 'chelsea'],
      words: ['pick', stem('five'), 'player'],
    });
  });

  it.each([
    ['Who is Kim Jong-un?', 'who-is', 'Kim Jong-un'],
    ["who's the dictator", 'who-is', 'dictator'],
    ['What did the Wall Street Journal report?', 'said', 'Wall Street Journal'],
    ['What did Kim say about the talks?', 'said', 'Kim'],
    ['When did Trump set foot in North Korea?', 'when', undefined],
    ['Until when is he remanded?', 'when', undefined],
    ['Why did the talks fail?', 'why', undefined],
    ['How many summits were there?', 'how-many', undefined],
    ['Where was Kim speaking?', 'where', undefined],
    ['Who did Mulumbu pick?', 'other', undefined],
    ['What did Trump receive from Kim?', 'other', undefined],
  ])('classifies %j as %s', (question, shape, subject) => {
    const q = questionShape(question);
    expect(q.shape).toBe(shape);
    expect(q.subject).toBe(subject);
  });

  it('finds dates and times, and May only as a month beside a day', () => {
    expect(findDates('on June 30, 2019, and again in August').map((d) => d.text)).toEqual([
      'June 30, 2019',
      'in August',
    ]);
    expect(findDates('remanded until 12 April at 13:35 GMT').map((d) => d.text)).toEqual(['12 April', '13:35 GMT']);
    expect(findDates('Talks may resume on May 2').map((d) => d.text)).toEqual(['May 2']);
  });
});
