import { describe, expect, it } from 'vitest';
import { createChannelRate } from '../../src/core/channel-rate.js';

describe('per-channel model rate', () => {
  it('allows N per channel in a sliding hour, then frees one as the oldest turns an hour old', () => {
    let now = 0;
    const rate = createChannelRate(2, () => now);
    expect([rate.take('a'), rate.take('a'), rate.take('a'), rate.take('b')]).toEqual([true, true, false, true]);
    now = 30 * 60_000;
    expect(rate.take('a')).toBe(false);
    now = 60 * 60_000 + 1;
    expect([rate.take('a'), rate.take('a')]).toEqual([true, true]);
    expect(rate.take('a')).toBe(false);
  });
  it('0 means no limit', () => {
    const rate = createChannelRate(0);
    expect(Array.from({ length: 100 }, () => rate.take('a')).every(Boolean)).toBe(true);
  });
});
