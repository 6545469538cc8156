import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitQuoted, splitText } from '../../src/adapters/discord/split-text.js';

describe('splitText', () => {
  it('prefers a line break, then a sentence end, then a space', () => {
    expect(splitText('aaaa bbbb\ncccc dddd', 12)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('One two. Three four five', 16)).toEqual(['One two.', 'Three four five']);
    expect(splitText('alpha beta gamma delta', 12)).toEqual(['alpha beta', 'gamma delta']);
  });

  it('cuts a word only when it alone is longer than the limit, never inside an escape or a surrogate pair', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitText('abc\\*def', 4)).toEqual(['abc', '\\*de', 'f']);
    expect(splitText('ab😀cd', 3)).toEqual(['ab', '😀c', 'd']);
  });

  it('keeps every word whole and every piece within the limit', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 12 });
    const sep = fc.constantFrom(' ', '\n', '. ', '  ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, sep), { maxLength: 200 }), fc.integer({ min: 12, max: 80 }), (parts, max) => {
        const text = parts.map(([w, s]) => w + s).join('');
        const pieces = splitText(text, max);
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
        expect(
          pieces
            .join(' ')
            .split(/[\s.]+/)
            .filter(Boolean),
        ).toEqual(text.split(/[\s.]+/).filter(Boolean));
      }),
    );
  });
});

describe('splitQuoted', () => {
  it('keeps every piece of a block quote quoted, within the limit, with every word in order', () => {
    const word = fc
      .array(fc.constantFrom('a', 'b', '𝕳', '.'), { minLength: 1, maxLength: 30 })
      .map((cs) => cs.join(''));
    const line = fc.tuple(fc.boolean(), fc.array(word, { minLength: 1, maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 12, max: 200 }), (lines, max) => {
        const text = lines.map(([quoted, ws]) => (quoted ? '> ' : '') + ws.join(' ')).join('\n');
        const pieces = splitQuoted(text, max);
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
        const strip = (t: string) => t.replace(/^> /gm, '').split(/\s+/).filter(Boolean).join('');
        expect(pieces.map(strip).join('')).toBe(strip(text));
        // Text from quoted lines only: every line of every piece is quoted.
        if (lines.every(([quoted]) => quoted))
          for (const p of pieces) for (const l of p.split('\n')) expect(l.startsWith('> ')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
