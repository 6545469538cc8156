import { describe, expect, it } from 'vitest';
import { preview, splitText } from '../../src/adapters/slack/split-text.js';

describe('splitText', () => {
  it('leaves short text alone', () => {
    expect(splitText('short text', 100)).toEqual(['short text']);
    expect(splitText('', 100)).toEqual(['']);
  });

  it('prefers a paragraph break, then a line break, then a space', () => {
    expect(splitText('aaaa bbbb\n\ncccc dddd', 15)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('aaaa bbbb\ncccc dddd', 15)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('aaaa bbbb cccc dddd', 15)).toEqual(['aaaa bbbb cccc', 'dddd']);
  });

  it('cuts inside a word only when one word is longer than the limit, and never inside an entity', () => {
    const pieces = splitText(`${'x'.repeat(17)}&amp;yyyy`, 20);
    expect(pieces).toEqual(['x'.repeat(17), '&amp;yyyy']);
    expect(splitText('z'.repeat(25), 10)).toEqual(['z'.repeat(10), 'z'.repeat(10), 'z'.repeat(5)]);
  });

  it('keeps every word, in order, and every piece within the limit', () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`);
    const pieces = splitText(words.join(' '), 97);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(97);
    expect(pieces.join(' ').split(' ')).toEqual(words);
  });
});

describe('preview', () => {
  it('shortens at a word boundary and marks the cut', () => {
    expect(preview('one two three four', 12)).toBe('one two…');
    expect(preview('one two', 12)).toBe('one two');
  });
});
