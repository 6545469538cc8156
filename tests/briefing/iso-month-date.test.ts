// One way to write an ISO day as the date finders read it, shared by feed articles and embedded posts.
import { describe, expect, it } from 'vitest';
import { findDates, isoToMonthDate, parseAnchor } from '../../src/briefing/date-parse.js';

describe('isoToMonthDate', () => {
  it('writes an ISO day (a time after it ignored) as a month-name date the date finder reads back', () => {
    expect(isoToMonthDate('2026-12-02T09:00:00Z')).toBe('December 2, 2026');
    const hit = findDates(`Published: ${isoToMonthDate('2019-06-30')!}`, parseAnchor(null))[0];
    expect(hit?.date).toBe('2019-06-30');
  });

  it('gives null for what is not an ISO day', () => {
    expect(isoToMonthDate(null)).toBeNull();
    expect(isoToMonthDate('yesterday')).toBeNull();
    expect(isoToMonthDate('2026-13-01')).toBeNull();
  });
});

describe('a month with no year, after a future marker', () => {
  const november = parseAnchor('2026-11-30');
  const dateOf = (text: string) => findDates(text, november)[0]?.date;
  it('is the next such month when the article is written later in the year', () => {
    expect(dateOf('Work will start in March and take two years.')).toBe('2027-03');
    expect(dateOf('The bridge is expected to reopen by March 3.')).toBe('2027-03-03');
  });
  it('stays in the article’s year when nothing says it lies ahead, or the clause is another', () => {
    expect(dateOf('The wall was damaged in March.')).toBe('2026-03');
    expect(dateOf('He said in March, before the vote, that it will be done.')).toBe('2026-03');
    expect(dateOf('Work will start in December.')).toBe('2026-12');
  });
});
