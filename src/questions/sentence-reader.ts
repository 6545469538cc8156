// Reading a story's sentences for answering: each one's tokens, content terms, and those plus the full names it
// mentions. Reading is done on demand and kept for the stories asked about most recently.
import { mentions, type IndexedStory } from './index-story.js';
import { tokenize, type Token } from './terms.js';
import { BoundedMap } from '../core/bounded-map.js';

/** A sentence read for answering: its tokens, its content terms, and those plus the full names it mentions. */
export interface SentenceInfo {
  tokens: Token[];
  terms: Set<string>;
  /** A sentence that says "Kim" also says "Kim Jong-un". */
  expanded: Set<string>;
}

const READ_CACHE = 512;

export function readSentence(text: string, story: IndexedStory): SentenceInfo {
  const tokens = tokenize(text);
  const terms = new Set<string>();
  for (const t of tokens) if (!t.stop) terms.add(t.term);
  const expanded = new Set(terms);
  for (const group of story.groups) if (mentions(group, terms)) for (const t of group.terms) expanded.add(t);
  return { tokens, terms, expanded };
}

/** Sentences read so far, per story, for the stories asked about most recently; holes are sentences not yet read. */
export class SentenceReader {
  private readonly read = new BoundedMap<IndexedStory, Array<SentenceInfo | undefined>>(READ_CACHE);

  /** The story's sentences read so far (holes not yet read), marking it the most recently asked about. */
  cached(story: IndexedStory): Array<SentenceInfo | undefined> {
    const cached = this.read.get(story) ?? [];
    this.read.set(story, cached);
    return cached;
  }

  /** One sentence of a story, read. */
  sentence(story: IndexedStory, i: number): SentenceInfo | undefined {
    const text = story.briefing.sentences[i]?.text;
    if (text === undefined) return undefined;
    const cached = this.cached(story);
    return (cached[i] ??= readSentence(text, story));
  }

  sentences(story: IndexedStory): SentenceInfo[] {
    const cached = this.cached(story);
    return story.briefing.sentences.map((s, i) => (cached[i] ??= readSentence(s.text, story)));
  }

  forget(story: IndexedStory): void {
    this.read.delete(story);
  }
}
