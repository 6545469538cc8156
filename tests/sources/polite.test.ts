import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  checkOffsetMs,
  freshUntil,
  HostQueue,
  nextCheckAt,
  nextSlot,
  NO_FAILURES,
  recordFailure,
  recordSuccess,
  retryAfterUntil,
} from '../../src/sources/polite.js';
import { flush, SleepingFakeClock } from '../fixtures/fake-clock.js';

const MIN = 60_000;
const backoff = { baseMs: MIN, maxMs: 60 * MIN };

describe('politeness', () => {
  it('spreads feeds across the interval by a stable hash of the URL', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => checkOffsetMs(`https://example.com/feed/${i}`, 10 * MIN));
    expect(offsets.every((o) => o >= 0 && o < 10 * MIN)).toBe(true);
    expect(checkOffsetMs('https://example.com/feed/1', 10 * MIN)).toBe(offsets[1]);
    // Each tenth of the interval gets some feeds: not all at once.
    const buckets = new Set(offsets.map((o) => Math.floor(o / MIN)));
    expect(buckets.size).toBe(10);
    const slot = nextSlot('https://example.com/feed/1', 10 * MIN, 1_000_000_000);
    expect(slot).toBeGreaterThan(1_000_000_000);
    expect(slot - 1_000_000_000).toBeLessThanOrEqual(10 * MIN);
    expect(slot % (10 * MIN)).toBe(offsets[1]);
  });

  it('honours Cache-Control max-age up to an hour', () => {
    expect(freshUntil('public, max-age=600', 0)).toBe(600_000);
    expect(freshUntil('max-age=86400', 0)).toBe(60 * MIN);
    expect(freshUntil('no-cache, max-age=600', 0)).toBe(0);
    expect(freshUntil(undefined, 5)).toBe(5);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterUntil('120', 1000)).toBe(121_000);
    expect(retryAfterUntil('Wed, 02 Dec 2026 10:05:00 GMT', Date.parse('2026-12-02T10:00:00Z'))).toBe(
      Date.parse('2026-12-02T10:05:00Z'),
    );
    expect(retryAfterUntil('soon', 0)).toBeUndefined();
  });

  it('backs off exponentially, capped', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, backoff))).toEqual([
      0,
      MIN,
      2 * MIN,
      4 * MIN,
      8 * MIN,
      60 * MIN,
    ]);
  });

  it('counts failures by kind and resets the run on success', () => {
    let state = recordFailure(NO_FAILURES, 'timeout', 'slow');
    state = recordFailure(state, 'timeout', 'slow');
    state = recordFailure(state, 'dns', 'gone');
    expect(state).toMatchObject({ consecutive: 3, byKind: { timeout: 2, dns: 1 }, lastKind: 'dns' });
    expect(recordSuccess(state)).toMatchObject({ consecutive: 0, byKind: { timeout: 2, dns: 1 }, lastKind: null });
  });

  it('schedules the next check at the latest of slot, freshness, Retry-After and backoff', () => {
    const base = { url: 'https://example.com/feed', intervalMs: 10 * MIN, now: 0, failures: 0, backoff };
    const slot = nextCheckAt(base);
    expect(slot).toBe(nextSlot(base.url, base.intervalMs, 0));
    expect(nextCheckAt({ ...base, retryAfter: '3600' })).toBe(3600_000);
    expect(nextCheckAt({ ...base, cacheControl: 'max-age=1800' })).toBe(Math.max(slot, 1800_000));
    expect(nextCheckAt({ ...base, failures: 7 })).toBe(60 * MIN);
  });

  it('runs one request at a time per host, with a minimum gap, and other hosts freely', async () => {
    const clock = new SleepingFakeClock(0);
    const queue = new HostQueue(clock, 1000);
    const log: string[] = [];
    let release!: () => void;
    const first = queue.run(
      'https://a.example/1',
      () => new Promise<void>((r) => (release = () => (log.push(`a1 done @${clock.now()}`), r()))),
    );
    const second = queue.run('https://a.example/2', async () => void log.push(`a2 start @${clock.now()}`));
    const other = queue.run('https://b.example/1', async () => void log.push(`b1 start @${clock.now()}`));
    await flush();
    expect(log).toEqual(['b1 start @0']);
    await clock.advance(500);
    release();
    await flush();
    expect(log).toEqual(['b1 start @0', 'a1 done @500']);
    await clock.advance(999);
    expect(log).toHaveLength(2);
    await clock.advance(1);
    await Promise.all([first, second, other]);
    expect(log).toEqual(['b1 start @0', 'a1 done @500', 'a2 start @1500']);
  });

  it('keeps going after a failed request', async () => {
    const clock = new SleepingFakeClock(0);
    const queue = new HostQueue(clock, 0);
    await expect(queue.run('https://a.example/', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('https://a.example/', async () => 'ok')).resolves.toBe('ok');
  });
});
