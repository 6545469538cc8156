import { describe, expect, it } from 'vitest';
import { channelKey, platformChannelId } from '../../src/adapters/shared/channel-id.js';
import { headBeforeEllipsis } from '../../src/adapters/shared/clip.js';
import { fitsPage, paginate } from '../../src/adapters/shared/pages.js';

describe('channel ids', () => {
  it('prefixes the platform and takes it off again, leaving a bare id alone', () => {
    expect(channelKey('discord', '123')).toBe('discord:123');
    expect(platformChannelId('discord', 'discord:123')).toBe('123');
    expect(platformChannelId('slack', 'C123')).toBe('C123');
    expect(platformChannelId('slack', 'discord:123')).toBe('discord:123');
  });
});

describe('paginate', () => {
  const limits = { items: 3, size: 10 };
  it('fills pages in order up to the item and size limits', () => {
    expect(paginate([1, 2, 3, 4, 5], () => 1, limits)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(paginate([6, 4, 1, 9], (n) => n, limits)).toEqual([
      [6, 4],
      [1, 9],
    ]);
    expect(paginate([], () => 1, limits)).toEqual([]);
  });

  it('gives an item bigger than a page a page of its own', () => {
    expect(paginate([2, 50, 2], (n) => n, limits)).toEqual([[2], [50], [2]]);
  });

  it('says whether one more item fits', () => {
    expect(fitsPage(limits, 2, 5, 5)).toBe(true);
    expect(fitsPage(limits, 2, 5, 6)).toBe(false);
    expect(fitsPage(limits, 3, 0, 1)).toBe(false);
  });
});

describe('headBeforeEllipsis', () => {
  it('cuts at the last space when that keeps more than half, else mid-word', () => {
    expect(headBeforeEllipsis('one two three four', 12)).toBe('one two');
    expect(headBeforeEllipsis('a abcdefghijklmnop', 12)).toBe('a abcdefghi');
  });
});
