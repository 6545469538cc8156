// What the question index needs of a story, worked out from its briefing once: tokenizing every sentence is most of
// the cost of indexing, so the briefing cache stores this beside the briefing and start-up only reads it back.
import type { Briefing } from '../briefing/types.js';
import { tokenize } from './terms.js';

export interface StoryTerms {
  /** Each distinct content term of the story's sentences, in first-use order, … */
  terms: string[];
  /** … and how many sentences use it. */
  freqs: number[];
  /** Term sequences of each entity's name and aliases, people then organizations then places, in briefing order. */
  groupNames: string[][][];
  /** Terms of capitalised words the story uses (names entity extraction may have missed). */
  capitalised: string[];
}

/** The source files whose code decides StoryTerms: a stored copy is only good while these are unchanged. */
export const STORY_TERMS_SOURCES = [
  ...['index-terms.ts', 'terms.ts', 'stem.ts'].map((name) => new URL(name, import.meta.url)),
  new URL('../briefing/lexicon/stop-words.txt', import.meta.url),
];

export function storyTermsOf(briefing: Briefing): StoryTerms {
  const counts = new Map<string, number>();
  const capitalised = new Set<string>();
  for (const sentence of briefing.sentences) {
    const seen = new Set<string>();
    for (const t of tokenize(sentence.text)) {
      if (t.stop) continue;
      if (!seen.has(t.term)) counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
      seen.add(t.term);
      if (/^\p{Lu}/u.test(t.raw)) capitalised.add(t.term);
    }
  }
  const { people, organizations, places } = briefing.entities;
  const groupNames = [...people, ...organizations, ...places].map((entity) =>
    [entity.name, ...entity.aliases]
      .map((n) =>
        tokenize(n)
          .filter((t) => !t.stop)
          .map((t) => t.term),
      )
      .filter((seq) => seq.length),
  );
  return { terms: [...counts.keys()], freqs: [...counts.values()], groupNames, capitalised: [...capitalised] };
}

/** Where the index gets a story's terms worked out before (the briefing cache, wired in app.ts). */
export interface TermSource {
  /** The terms of this very briefing, as just worked out or as stored; null when the source has none. */
  storyTerms(briefing: Briefing): StoryTerms | null;
}

/** The story's terms: from the source when it has them, else worked out now. */
export function storyTermsFor(briefing: Briefing, source?: TermSource): StoryTerms {
  return source?.storyTerms(briefing) ?? storyTermsOf(briefing);
}

/** StoryTerms as stored, every term written as its number in the store's vocabulary. */
interface Packed {
  t: number[];
  f: number[];
  c: number[];
  g: number[][][];
}

/**
 * How the briefing cache keeps a story's terms beside its briefing (given to it in app.ts): worked out from the
 * briefing once, stored with every term as a number into one vocabulary, read back with the vocabulary's strings.
 */
export const STORY_TERMS_STORED = {
  sources: STORY_TERMS_SOURCES,
  of: storyTermsOf,
  pack(terms: StoryTerms, id: (term: string) => number): Packed {
    return {
      t: terms.terms.map(id),
      f: terms.freqs,
      c: terms.capitalised.map(id),
      g: terms.groupNames.map((names) => names.map((seq) => seq.map(id))),
    };
  },
  /** The terms `pack` wrote, or null when they are not that; `term` throws for a number it does not know. */
  unpack(data: unknown, term: (id: number) => string): StoryTerms | null {
    const stored = data as Packed;
    if (
      !Array.isArray(stored.t) ||
      !Array.isArray(stored.f) ||
      !Array.isArray(stored.c) ||
      !Array.isArray(stored.g) ||
      stored.t.length !== stored.f.length
    )
      return null;
    return {
      terms: stored.t.map(term),
      freqs: stored.f,
      capitalised: stored.c.map(term),
      groupNames: stored.g.map((names) => names.map((seq) => seq.map(term))),
    };
  },
};
