// Reading a story's sentences for answering: each one's tokens, content terms, and those plus the full names it
// mentions. Reading is done on demand and kept for the stories asked about most recently, with each sentence's
// folded text (`fold`, which sentence-prefilter.ts calls foldedText), which the substring filters there test before
// a sentence is read.
import { mentions, type IndexedStory } from './index-story.js';
import { fold, tokenize, type Token } from './terms.js';
import { BoundedMap } from '../core/bounded-map.js';

/** A sentence read for answering: its tokens, its content terms, and those plus the full names it mentions. */
export interface SentenceInfo {
  tokens: Token[];
  terms: Set<string>;
  /** A sentence that says "Kim" also says "Kim Jong-un". */
  expanded: Set<string>;
}

const READ_CACHE = 512;
/**
 * Sentence texts whose words are kept, whatever story they are in: the same sentence in several stories (a reprint,
 * another edition, a wire story several outlets carry) is tokenised once. Never changed once made, so shared.
 */
const WORDS_KEPT = 4096;

type Words = Pick<SentenceInfo, 'tokens' | 'terms'>;

function wordsOf(text: string): Words {
  const tokens = tokenize(text);
  const terms = new Set<string>();
  for (const t of tokens) if (!t.stop) terms.add(t.term);
  return { tokens, terms };
}

/** The sentence's words read with the story's names: a sentence saying "Kim" says "Kim Jong-un" in its story. */
function withNames({ tokens, terms }: Words, story: IndexedStory): SentenceInfo {
  const expanded = new Set(terms);
  for (const group of story.groups) if (mentions(group, terms)) for (const t of group.terms) expanded.add(t);
  return { tokens, terms, expanded };
}

/** One story's sentences read so far and their folded texts; holes are those not yet read (or folded). */
interface Read {
  info: Array<SentenceInfo | undefined>;
  folded: Array<string | undefined>;
}

/** Sentences read so far, per story, for the stories asked about most recently. */
export class SentenceReader {
  private readonly read = new BoundedMap<IndexedStory, Read>(READ_CACHE);
  private readonly words = new BoundedMap<string, Words>(WORDS_KEPT);
  /** Sentences read so far (for a story), and sentence texts tokenised, for the bench to count. */
  count = 0;
  tokenised = 0;

  /** The story's sentences read so far, marking it the most recently asked about. */
  private cached(story: IndexedStory): Read {
    const cached = this.read.get(story) ?? { info: [], folded: [] };
    this.read.set(story, cached);
    return cached;
  }

  private readOne(story: IndexedStory, text: string): SentenceInfo {
    this.count++;
    let words = this.words.get(text);
    if (!words) {
      this.tokenised++;
      this.words.set(text, (words = wordsOf(text)));
    }
    return withNames(words, story);
  }

  /** One sentence of a story, read. */
  sentence(story: IndexedStory, i: number): SentenceInfo | undefined {
    const text = story.briefing.sentences[i]?.text;
    if (text === undefined) return undefined;
    const { info } = this.cached(story);
    return (info[i] ??= this.readOne(story, text));
  }

  sentences(story: IndexedStory): SentenceInfo[] {
    const { info } = this.cached(story);
    return story.briefing.sentences.map((s, i) => (info[i] ??= this.readOne(story, s.text)));
  }

  /**
   * Each sentence of a story, read when read before or when its folded text passes `could`; a hole (undefined) for a
   * sentence `could` turns away. A filter from sentence-prefilter.ts turns away only sentences that could not serve.
   */
  holding(story: IndexedStory, could: (folded: string) => boolean): Array<SentenceInfo | undefined> {
    const read = this.cached(story);
    return story.briefing.sentences.map((s, i) => this.readIf(story, read, i, s.text, could));
  }

  /** Sentence `i` of a story, read when read before or when its folded text passes `could`; else undefined. */
  sentenceIf(story: IndexedStory, i: number, could: (folded: string) => boolean): SentenceInfo | undefined {
    const text = story.briefing.sentences[i]?.text;
    return text === undefined ? undefined : this.readIf(story, this.cached(story), i, text, could);
  }

  private readIf(
    story: IndexedStory,
    { info, folded }: Read,
    i: number,
    text: string,
    could: (folded: string) => boolean,
  ): SentenceInfo | undefined {
    const known = info[i];
    if (known) return known;
    if (!could((folded[i] ??= fold(text)))) return undefined;
    return (info[i] = this.readOne(story, text));
  }

  forget(story: IndexedStory): void {
    this.read.delete(story);
  }
}
