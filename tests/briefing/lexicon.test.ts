import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { LEXICON, parseWordList, readLexicon, type Lexicon } from '../../src/briefing/lexicon/lexicon.js';

const withWords = (key: 'speechVerbs' | 'places' | 'roleNouns', ...words: string[]): Lexicon => ({
  ...LEXICON,
  [key]: new Set([...LEXICON[key], ...words]),
});

describe('the lexicon', () => {
  it('reads a list file: comments dropped, entries in file order, an underscore joining the words of one entry', () => {
    expect(parseWordList('# heading\nalpha beta  # trailing note\n\n  New_York gamma\n')).toEqual([
      'alpha',
      'beta',
      'New York',
      'gamma',
    ]);
  });

  it('is read from its folder, with the lists the engine needs', () => {
    const lex = readLexicon();
    expect(lex.speechVerbs.has('said')).toBe(true);
    expect(lex.places.has('North Korea')).toBe(true);
    expect(lex.stopWords.has('the')).toBe(true);
    expect(lex.anyFirst.has('dallas')).toBe(false);
  });

  it('is passed into deriveBriefing: a speech verb it adds names the speaker', () => {
    const text =
      'Maria Kowalski runs the bakery on Elm Street.\n\n“We open at six every morning,” Maria Kowalski chirped.';
    const cues = (lexicon?: Lexicon) =>
      deriveBriefing({ source: 'bakery.txt', text }, lexicon ? { lexicon } : {}).quotes.map((q) => [q.speaker, q.rule]);
    // Without the verb the quote only continues the previous sentence's subject; with it, the cue names her.
    expect(cues()).toEqual([['Maria Kowalski', 'previous sentence subject']]);
    expect(cues(withWords('speechVerbs', 'chirped'))).toEqual([['Maria Kowalski', 'cue subject']]);
  });

  it('is passed into the entity stage: a place it adds is a place, not a person', () => {
    const text =
      'Greater Tamberlane Region raised its tax on Monday. It will spend Greater Tamberlane Region money on schools.';
    const kinds = (lexicon?: Lexicon) => {
      const { organizations, places } = deriveBriefing(
        { source: 'tax.txt', text },
        lexicon ? { lexicon } : {},
      ).entities;
      return { organizations: organizations.map((e) => e.name), places: places.map((e) => e.name) };
    };
    expect(kinds()).toEqual({ organizations: ['Greater Tamberlane Region'], places: [] });
    expect(kinds(withWords('places', 'Greater Tamberlane Region'))).toEqual({
      organizations: [],
      places: ['Greater Tamberlane Region'],
    });
  });
});
