import fc from 'fast-check';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { computeSlots, nextSlots, parseCron, type CronFields } from '../../src/digest/slots.js';
import { describeInstant, offsetMinutes, zonedInstant } from '../../src/digest/zoned-time.js';
import { at, iso } from './helpers.js';

const fields = (expr: string): CronFields => {
  const r = parseCron(expr);
  if (!r.ok) throw new Error(r.error);
  return r.fields;
};
const slots = (expr: string, zone: string, from: string, to: string) =>
  computeSlots(fields(expr), zone, at(from), at(to)).map(iso);

describe('computeSlots', () => {
  it('lists the slots of a day in its time zone, from exclusive, to inclusive', () => {
    expect(slots('0 8 * * *', 'Europe/London', '2026-06-01T07:00:00Z', '2026-06-03T07:00:00Z')).toEqual([
      '2026-06-02T07:00:00.000Z',
      '2026-06-03T07:00:00.000Z',
    ]);
    expect(slots('0 8 * * *', 'Asia/Kolkata', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual([
      '2026-06-01T02:30:00.000Z',
    ]);
    expect(slots('30 7 * * 1-5', 'America/New_York', '2026-06-05T00:00:00Z', '2026-06-09T00:00:00Z')).toEqual([
      '2026-06-05T11:30:00.000Z',
      '2026-06-08T11:30:00.000Z',
    ]);
  });

  it('keeps 08:00 local across a DST change (the UTC instant moves by an hour)', () => {
    expect(slots('0 8 * * *', 'America/New_York', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
    ]);
    expect(slots('0 8 * * *', 'Europe/London', '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('gives a wall time that does not exist (spring forward) one slot, shifted forward by the gap', () => {
    expect(slots('30 1 * * *', 'Europe/London', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toEqual([
      '2026-03-29T01:30:00.000Z',
    ]);
    expect(describeInstant(at('2026-03-29T01:30:00Z'), 'Europe/London')).toBe('2026-03-29 02:30 Europe/London');
    expect(slots('30 2 * * *', 'America/New_York', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('gives a wall time that happens twice (fall back) one slot, the first', () => {
    expect(slots('30 1 * * *', 'America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z',
    ]);
    expect(slots('30 1 * * *', 'Europe/London', '2026-10-25T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
  });

  it('never lists one instant twice when several wall times fall into the same gap', () => {
    const list = slots('0,30 2,3 * * *', 'America/New_York', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z');
    expect(new Set(list).size).toBe(list.length);
    expect(list).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T07:30:00.000Z']);
  });

  it('requires both day of month and day of week, as node-cron does', () => {
    expect(slots('0 9 13 * 5', 'UTC', '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([
      '2026-02-13T09:00:00.000Z',
      '2026-03-13T09:00:00.000Z',
      '2026-11-13T09:00:00.000Z',
    ]);
  });

  it('agrees with node-cron minute by minute, for random schedules and zones (away from DST changes)', () => {
    const zones = [
      'UTC',
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Sydney',
      'Pacific/Chatham',
    ];
    const expr = fc
      .tuple(
        fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }),
        fc.oneof(
          fc.constant('*'),
          fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }).map((d) => d.join(',')),
        ),
      )
      .map(([m, h, d]) => `${m.join(',')} ${h.join(',')} * * ${d}`);
    fc.assert(
      fc.property(expr, fc.constantFrom(...zones), fc.integer({ min: 0, max: 20 }), (e, zone, dayOffset) => {
        const from = at('2026-06-01T00:00:00Z') + dayOffset * 86_400_000;
        const to = from + 2 * 86_400_000;
        const task = cron.createTask(e, () => undefined, { timezone: zone });
        try {
          const expected: number[] = [];
          for (let t = from + 60_000; t <= to; t += 60_000) if (task.match(new Date(t))) expected.push(t);
          expect(computeSlots(fields(e), zone, from, to)).toEqual(expected);
        } finally {
          void task.destroy();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('zonedInstant and nextSlots', () => {
  it('reads offsets, including half- and quarter-hour zones', () => {
    expect(offsetMinutes(at('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutes(at('2026-01-01T00:00:00Z'), 'America/New_York')).toBe(-300);
    expect(iso(zonedInstant({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, 'Pacific/Chatham'))).toBe(
      '2025-12-31T10:15:00.000Z',
    );
  });

  it('finds the next slots of a yearly schedule, within its horizon', () => {
    expect(nextSlots(fields('0 9 1 1 *'), 'UTC', at('2026-06-01T00:00:00Z'), 2).map(iso)).toEqual([
      '2027-01-01T09:00:00.000Z',
    ]);
    expect(nextSlots(fields('0 9 1 1 *'), 'UTC', at('2026-06-01T00:00:00Z'), 2, 800).map(iso)).toEqual([
      '2027-01-01T09:00:00.000Z',
      '2028-01-01T09:00:00.000Z',
    ]);
  });
});

describe('parseCron', () => {
  it('explains what is wrong with an expression', () => {
    expect(parseCron('* * * *')).toEqual({ ok: false, error: expect.stringContaining('has 5 fields') });
    expect(parseCron('61 8 * * *')).toEqual({
      ok: false,
      error: expect.stringContaining('"61" is not a valid minute'),
    });
    expect(parseCron('0 25 * * *')).toEqual({ ok: false, error: expect.stringContaining('"25" is not a valid hour') });
    expect(parseCron('0 8 L * *')).toEqual({ ok: false, error: expect.stringContaining('do not support') });
    expect(parseCron('0 8 * * MON-FRI')).toMatchObject({ ok: true, fields: { weekdays: [1, 2, 3, 4, 5] } });
  });
});
