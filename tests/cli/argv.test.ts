import { describe, expect, it } from 'vitest';
import { quotes } from '../../commands/quotes.js';
import { summary } from '../../commands/summary.js';
import { joinMultiWord } from '../../src/cli/main.js';

describe('joinMultiWord', () => {
  it('gives the words after a multiWord flag to it, up to the next flag or name:value', () => {
    expect(joinMultiWord(['quotes', '--speaker', 'Kim', 'Jong-un', '--json'], quotes)).toEqual([
      'quotes',
      '--speaker',
      'Kim Jong-un',
      '--json',
    ]);
    expect(joinMultiWord(['quotes', '--speaker', 'Kim', 'Jong-un', 'story:korea'], quotes)).toEqual([
      'quotes',
      '--speaker',
      'Kim Jong-un',
      'story:korea',
    ]);
  });
  it('leaves other flags as they are', () => {
    expect(joinMultiWord(['summary', '--length', 'long', 'korea', 'talks'], summary)).toEqual([
      'summary',
      '--length',
      'long',
      'korea',
      'talks',
    ]);
    expect(joinMultiWord(['quotes', '--speaker=Kim', 'korea'], quotes)).toEqual(['quotes', '--speaker=Kim', 'korea']);
  });
});
