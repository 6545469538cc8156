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
