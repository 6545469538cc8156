import { describe, expect, it } from 'vitest';
import { extractTimeline } from '../../src/briefing/timeline.js';
import type { Sentence } from '../../src/briefing/types.js';

const sentences = (...texts: string[]): Sentence[] => {
  let at = 0;
  return texts.map((text, index) => {
    const s = { text, start: at, end: at + text.length, paragraph: index, index };
    at += text.length + 1;
    return s;
  });
};
const dates = (texts: string[], anchor: string | null) =>
  extractTimeline(sentences(...texts), anchor).map((e) => [e.phrase, e.date]);

describe('extractTimeline', () => {
  it('reads absolute dates at the precision written', () => {
    expect(
      dates(
        ['The fair opened on March 3, 2011 and closed in July 2012.', 'It began in 1998.', 'Filed Nov. 2, 2020.'],
        null,
      ),
    ).toEqual([
      ['1998', '1998'],
      ['March 3, 2011', '2011-03-03'],
      ['July 2012', '2012-07'],
      ['Nov. 2, 2020', '2020-11-02'],
    ]);
  });

  it('never reads counts or product names as years', () => {
    expect(dates(['About 1,000 troops and 2019 of them left; Covid-19 spread.'], null)).toEqual([]);
  });

  it('resolves relative phrases against the article date', () => {
    // 2030-05-15 is a Wednesday.
    expect(
      dates(
        [
          'She spoke on Monday and will return next Friday.',
          'Sales fell last year and rose in March.',
          'He left yesterday.',
        ],
        '2030-05-15',
      ),
    ).toEqual([
      ['last year', '2029'],
      ['in March', '2030-03'],
      ['on Monday', '2030-05-13'],
      ['yesterday', '2030-05-14'],
      ['next Friday', '2030-05-17'],
    ]);
  });

  it('keeps relative phrases unresolved, after the dated ones in document order, without an article date', () => {
    const out = extractTimeline(
      sentences('Talks resume on Friday.', 'The deal dates from 2001.', 'Officials met this week.'),
      null,
    );
    expect(out.map((e) => [e.phrase, e.date, e.resolved])).toEqual([
      ['2001', '2001', true],
      ['on Friday', null, false],
      ['this week', null, false],
    ]);
    expect(out[1]!.text).toBe('Talks resume on Friday.');
  });

  it('needs a day-precise anchor for weekdays but not for years', () => {
    expect(dates(['It rained on Tuesday and last year.'], '2030-05')).toEqual([
      ['last year', '2029'],
      ['on Tuesday', null],
    ]);
  });
});
