import { describe, expect, it } from 'vitest';
import { inQuietHours, parseQuiet, parseSchedule, parseTimeZone } from '../../src/digest/schedule.js';
import { at } from './helpers.js';

describe('parseSchedule', () => {
  it('turns the friendly forms into cron', () => {
    const cronOf = (text: string) => {
      const r = parseSchedule(text);
      return r.ok ? r.schedule.cron : r.error;
    };
    expect(cronOf('daily 08:00')).toBe('0 8 * * *');
    expect(cronOf('weekdays 07:30')).toBe('30 7 * * 1-5');
    expect(cronOf('Weekends at 10:05')).toBe('5 10 * * 0,6');
    expect(cronOf('mon,thursday 9:00')).toBe('0 9 * * 1,4');
    expect(cronOf('0 8 * * 1-5')).toBe('0 8 * * 1-5');
  });

  it('says what is wrong, for each kind of mistake', () => {
    const error = (text: string) => {
      const r = parseSchedule(text);
      return r.ok ? 'accepted' : r.error;
    };
    expect(error('daily 8am')).toContain('"8am" is not a time of day');
    expect(error('daily 24:00')).toContain('is not a time of day');
    expect(error('fortnightly 08:00')).toContain('"fortnightly" is not a day set');
    expect(error('mo 08:00')).toContain('is not a day set');
    expect(error('0 8 * *')).toContain('has 5 fields');
    expect(error('* * * * *')).toContain('at most once every 15 minutes');
    expect(error('*/5 8 * * *')).toContain('every 5 minutes');
    expect(error('')).toContain('empty');
  });
});

describe('parseTimeZone', () => {
  it('accepts IANA zones, normalising their spelling, and refuses the rest', () => {
    expect(parseTimeZone('europe/london')).toEqual({ ok: true, zone: 'Europe/London' });
    expect(parseTimeZone('UTC')).toEqual({ ok: true, zone: 'UTC' });
    expect(parseTimeZone('Mars/Olympus')).toEqual({
      ok: false,
      error: expect.stringContaining('"Mars/Olympus" is not an IANA time zone'),
    });
    expect(parseTimeZone(' ')).toEqual({ ok: false, error: expect.stringContaining('empty') });
  });

  it('keeps the zone the user typed instead of swapping in an alias', () => {
    expect(parseTimeZone('Asia/Kolkata')).toEqual({ ok: true, zone: 'Asia/Kolkata' });
    expect(parseTimeZone('asia/kolkata')).toEqual({ ok: true, zone: 'Asia/Kolkata' });
    expect(parseTimeZone('America/Argentina/Buenos_Aires')).toEqual({
      ok: true,
      zone: 'America/Argentina/Buenos_Aires',
    });
    expect(parseTimeZone('US/Eastern')).toEqual({ ok: true, zone: 'US/Eastern' });
    expect(parseTimeZone('utc')).toEqual({ ok: true, zone: 'UTC' });
    expect(parseTimeZone('etc/gmt+5')).toEqual({ ok: true, zone: 'Etc/GMT+5' });
    expect(parseTimeZone('Japan')).toEqual({ ok: true, zone: 'Japan' });
  });

  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['CST', 'America/Chicago'],
    ['IST', 'Asia/Kolkata'],
    ['IST', 'Europe/Dublin'],
    ['BST', 'Europe/London'],
    ['PST', 'America/Los_Angeles'],
    ['AEST', 'Australia/Sydney'],
  ])('refuses the abbreviation %s, suggesting IANA names such as %s', (typed, suggestion) => {
    const result = parseTimeZone(typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(`"${typed}" is an abbreviation`);
    expect(result.error).toContain(suggestion);
  });

  it('refuses an abbreviation it has no table entry for, without guessing', () => {
    expect(parseTimeZone('XYZT')).toEqual({
      ok: false,
      error: expect.stringContaining('"XYZT" is an abbreviation, not an IANA time zone'),
    });
  });
});

describe('quiet hours', () => {
  it('reads HH:MM-HH:MM and wraps past midnight', () => {
    const q = parseQuiet('22:00-07:00');
    if (!q.ok) throw new Error(q.error);
    expect(q.quiet).toEqual({ start: 1320, end: 420, label: '22:00-07:00' });
    expect(inQuietHours(at('2026-06-01T21:30:00Z'), 'Europe/London', q.quiet)).toBe(true); // 22:30 BST
    expect(inQuietHours(at('2026-06-01T06:00:00Z'), 'Europe/London', q.quiet)).toBe(false); // 07:00 BST: end is exclusive
    expect(inQuietHours(at('2026-06-01T12:00:00Z'), 'Europe/London', q.quiet)).toBe(false);
    const day = parseQuiet('9:00 - 17:30');
    expect(day.ok && inQuietHours(at('2026-06-01T17:29:00Z'), 'UTC', day.quiet)).toBe(true);
  });

  it('refuses malformed quiet hours', () => {
    expect(parseQuiet('22-07')).toEqual({ ok: false, error: expect.stringContaining('HH:MM-HH:MM') });
    expect(parseQuiet('25:00-07:00').ok).toBe(false);
    expect(parseQuiet('07:00-07:00')).toEqual({ ok: false, error: expect.stringContaining('different times') });
  });
});
