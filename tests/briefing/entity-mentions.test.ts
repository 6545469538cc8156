import { describe, expect, it } from 'vitest';
import { findMentions, lazyVocabulary, lowercaseVocabulary } from '../../src/briefing/entity-mentions.js';
import type { Sentence } from '../../src/briefing/types.js';

const sentences = (...texts: string[]): Sentence[] => {
  let at = 0;
  return texts.map((text, index) => {
    const s = { text, start: at, end: at + text.length, paragraph: index, index };
    at += text.length + 1;
    return s;
  });
};

describe('lazyVocabulary', () => {
  it('answers exactly as the collected vocabulary, including words inside hyphenated and quoted runs', () => {
    const ss = sentences(
      "They re-elect the mayor; --elect X-elect x_abc abc123 'tis dogs’ ball.",
      'An e-mail, a- -a and don’t stop.',
    );
    const full = lowercaseVocabulary(ss);
    const lazy = lazyVocabulary(ss);
    const asked = [
      're-elect',
      'elect',
      'abc',
      'tis',
      'dogs’',
      'dogs',
      'e-mail',
      'mail',
      'a-',
      'don’t',
      'stop',
      'they',
      'mayor',
      'x',
      'ball',
    ];
    expect(asked.map((w) => lazy.has(w))).toEqual(asked.map((w) => full.has(w)));
    expect(lazy.has('elect')).toBe(true);
    expect(lazy.has('mail')).toBe(false);
  });
});

describe('findMentions', () => {
  it('drops a sentence-initial word that the article also writes in lowercase, keeps names', () => {
    const names = findMentions(
      sentences('Police said Ada Quill left.', 'The police waited. Quill’s car was gone.'),
    ).map((m) => m.name);
    expect(names).not.toContain('Police');
    expect(names).toContain('Ada Quill');
    expect(names).toContain('Quill');
  });
});

describe('titles', () => {
  it('keeps abbreviated titles with the name after them instead of making a name of them', () => {
    const ms = findMentions(sentences('Former Alberta Gov. Ed Rowe spoke, and Sen. Ida Mort listened.'));
    expect(ms.map((m) => [m.name, m.title])).toEqual([
      ['Ed Rowe', 'Former Alberta Gov.'],
      ['Ida Mort', 'Sen.'],
    ]);
  });
});

describe('“New” names', () => {
  it('keeps “New” at the start of place and paper names and makes no person of them', () => {
    const ms = findMentions(sentences('The New York Times said the New Year began in New Jersey.'));
    expect(ms.map((m) => [m.name, m.kind])).toEqual([
      ['New York Times', 'organization'],
      ['New Year', 'unknown'],
      ['New Jersey', 'place'],
    ]);
  });
});
