// What the question index needs of a story, worked out from its briefing once: tokenizing every sentence is most of
// the cost of indexing, so the briefing cache stores this beside the briefing and start-up only reads it back.
import type { Briefing } from '../briefing/types.js';
import type { IndexSnapshot } from './search-index.js';
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
export const STORY_TERMS_SOURCES = ['index-terms.ts', 'terms.ts', 'stem.ts'].map((name) => new URL(name, import.meta.url));

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
    [entity.name, ...entity.aliases].map((n) => tokenize(n).filter((t) => !t.stop).map((t) => t.term)).filter((seq) => seq.length),
  );
  return { terms: [...counts.keys()], freqs: [...counts.values()], groupNames, capitalised: [...capitalised] };
}

/**
 * Where a briefing came from in the briefing cache: its content hash, and the store that can read its terms back and
 * keep the whole index of a set of stories. The terms are read only when the index must be built story by story.
 */
export interface StoryOrigin {
  hash: string;
  store: IndexStore;
  /** Terms just worked out (a story derived now), handed over once. */
  terms?: StoryTerms;
}

/** Stored terms and indexes. Every method gives null rather than throwing: the store only ever saves time. */
export interface IndexStore {
  storyTerms(hash: string): StoryTerms | null;
  /** `key` names the ordered stories; the store adds the code that indexed them. */
  loadIndex(key: string): IndexSnapshot | null;
  saveIndex(key: string, snapshot: IndexSnapshot): void;
}

const origins = new WeakMap<Briefing, StoryOrigin>();

export function rememberStoryOrigin(briefing: Briefing, origin: StoryOrigin): void {
  origins.set(briefing, origin);
}

export function storyOrigin(briefing: Briefing): StoryOrigin | undefined {
  return origins.get(briefing);
}

/** The story's terms: as handed over or stored for this briefing, else worked out now. */
export function storyTermsFor(briefing: Briefing): StoryTerms {
  const origin = origins.get(briefing);
  if (!origin) return storyTermsOf(briefing);
  const terms = origin.terms ?? origin.store.storyTerms(origin.hash) ?? storyTermsOf(briefing);
  // Once indexed the terms live in the index; the briefing need not hold them twice.
  delete origin.terms;
  return terms;
}
