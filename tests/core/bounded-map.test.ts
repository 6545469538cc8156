import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/core/bounded-map.js';

describe('BoundedMap', () => {
  it('keeps at most its limit, forgetting the entry set longest ago', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect(m.size).toBe(2);
    expect(m.has('a')).toBe(false);
    expect([m.get('b'), m.get('c')]).toEqual([2, 3]);
  });

  it('counts a key set again as new, and reading does not keep an entry', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.set('a', 10);
    m.set('c', 3);
    expect(m.get('a')).toBe(10);
    expect(m.has('b')).toBe(false);
    m.get('a');
    m.set('d', 4);
    expect(m.has('a')).toBe(false);
    expect(m.has('c') && m.has('d')).toBe(true);
  });

  it('is most recently used for a cache that sets what it reads, and forgets a deleted key', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.set('a', m.get('a')!);
    m.set('c', 3);
    expect([m.has('a'), m.has('b'), m.has('c')]).toEqual([true, false, true]);
    expect(m.delete('a')).toBe(true);
    expect([m.size, m.has('a')]).toEqual([1, false]);
  });

  it('keeps nothing at a limit of 0, and refuses a negative one', () => {
    const off = new BoundedMap<string, number>(0).set('a', 1);
    expect([off.size, off.get('a')]).toEqual([0, undefined]);
    expect(() => new BoundedMap(-1)).toThrow(/0 or more/);
  });
});
