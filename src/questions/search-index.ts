// The search index of a Library, kept current through Library.onChange. Postings rank stories by the question's
// terms (one document per story: the stemmed terms of its sentences, where every entity name and alias occurs),
// and only the best few stories' sentences are then read, so a question never scans the whole library. What it holds
// is index-table.ts, saved and restored by index-save.ts; the sentences read are sentence-reader.ts.
import type { Library, Story } from '../library/library.js';
import type { NamedEntities } from './index-names.js';
import { restoreTable, snapshotTable } from './index-save.js';
import { savedIndexKey, type IndexSnapshot, type IndexStore } from './index-snapshot.js';
import type { IndexedStory } from './index-story.js';
import { StoryTable } from './index-table.js';
import type { TermSource } from './index-terms.js';
import { coverFilter, wordingsFilter } from './sentence-prefilter.js';
import type { QuestionTerms } from './relevance.js';
import { SentenceReader, type SentenceInfo } from './sentence-reader.js';
import { termList, type Token } from './terms.js';

export { IndexedStory, mentions, type EntityGroup, type EntityKind } from './index-story.js';
export type { SentenceInfo } from './sentence-reader.js';

export interface Hit {
  story: IndexedStory;
  sentence: number;
  info: SentenceInfo;
  /** The story's search score: how strongly the story as a whole is about the question. */
  score: number;
}

/** Stories whose sentences are read per question; enough for the right one to be among them. */
const STORIES_READ = 8;

export class QuestionIndex {
  /** Sentences read so far, for the stories asked about most recently. */
  private readonly read = new SentenceReader();

  /** `terms` gives the stories' terms worked out before (the briefing cache); without it they are worked out. */
  constructor(
    private readonly terms?: TermSource,
    private readonly table = new StoryTable(),
  ) {}

  get size(): number {
    return this.table.size;
  }

  add(story: Story): void {
    const replaced = this.table.add(story, this.terms);
    if (replaced) this.read.forget(replaced);
  }

  /** The index as data, for `restore` with these same stories in this order. */
  snapshot(stories: readonly Story[]): IndexSnapshot {
    return snapshotTable(this.table, stories);
  }

  /** The index `snapshot` described, for the same stories; throws when the snapshot does not fit them. */
  static restore(
    stories: readonly Story[],
    snapshot: IndexSnapshot,
    terms?: TermSource & Pick<IndexStore, 'entityCounts'>,
  ): QuestionIndex {
    return new QuestionIndex(terms, restoreTable(stories, snapshot, terms));
  }

  remove(source: string): void {
    const story = this.table.remove(source);
    if (story) this.read.forget(story);
  }

  story(source: string): IndexedStory | undefined {
    return this.table.story(source);
  }

  /** The stories most about `query`, best first; `source` means that story alone. */
  stories(
    query: string,
    options: { source?: string; limit?: number } = {},
  ): Array<{ story: IndexedStory; score: number }> {
    if (options.source) {
      const only = this.story(options.source);
      return only ? [{ story: only, score: 1 }] : [];
    }
    const terms = this.selective(termList(query));
    if (terms.length === 0) return [];
    const results = this.table.search.search(terms, (term) => term.length >= 6);
    const out: Array<{ story: IndexedStory; score: number }> = [];
    for (const r of results) {
      if (out.length >= (options.limit ?? STORIES_READ)) break;
      const story = this.table.byId.get(r.id);
      if (story) out.push({ story, score: r.score });
    }
    return out;
  }

  /**
   * The terms worth searching stories by: those in under a twentieth of the stories, or else the rarest one.
   * Scoring a term held by most stories costs much and ranks little.
   */
  private selective(terms: string[]): string[] {
    const count = (t: string) => this.table.count(t);
    const present = terms.filter((t) => count(t) > 0 || t.length >= 6);
    const rare = present.filter((t) => count(t) <= Math.max(50, this.size / 20));
    return rare.length ? rare : [...present].sort((a, b) => count(a) - count(b)).slice(0, 1);
  }

  /**
   * Sentences sharing a term with `query`, from the stories most about it. With `cover`, only sentences that could
   * cover those question terms are read (see sentence-prefilter.ts); without, those that could hold any of the query's terms.
   */
  shortlist(query: string, options: { source?: string; limit?: number; cover?: QuestionTerms } = {}): Hit[] {
    const wanted = new Set(termList(query));
    const hits: Hit[] = [];
    for (const { story, score } of this.stories(query, options)) {
      const could = options.cover
        ? coverFilter(options.cover, story.groups)
        : coverFilter({ names: [...wanted], words: [] }, story.groups);
      this.read.holding(story, could).forEach((info, sentence) => {
        if (!info) return;
        for (const term of wanted) {
          if (info.expanded.has(term)) {
            hits.push({ story, sentence, info, score });
            return;
          }
        }
      });
    }
    return hits;
  }

  /** One sentence of a story, read. */
  sentence(story: IndexedStory, i: number): SentenceInfo | undefined {
    return this.read.sentence(story, i);
  }

  /** Each sentence of a story, read; kept for the stories asked about most recently. */
  sentences(story: IndexedStory): SentenceInfo[] {
    return this.read.sentences(story);
  }

  /**
   * Each sentence of a story that could hold every term of one of `wordings` (rank.ts's slots), read; a hole for
   * one that holds none of them, which is not read.
   */
  sentencesHolding(story: IndexedStory, wordings: readonly (readonly string[])[]): Array<SentenceInfo | undefined> {
    return this.read.holding(story, wordingsFilter(wordings, story.groups));
  }

  /**
   * Sentence `i` of a story, read when its folded text passes `could` (a filter of sentence-prefilter.ts) or it was
   * read before; undefined otherwise.
   */
  sentenceIf(story: IndexedStory, i: number, could: (folded: string) => boolean): SentenceInfo | undefined {
    return this.read.sentenceIf(story, i, could);
  }

  /** How many sentences have been read (tokenised) so far: the work a question costs beyond ranking stories. */
  get sentencesRead(): number {
    return this.read.count;
  }

  /** How many sentence texts have been tokenised so far: a text in several stories read is tokenised once. */
  get textsTokenised(): number {
    return this.read.tokenised;
  }

  /**
   * Entities whose name or an alias is exactly `name` (case and punctuation aside), in every story: the most
   * mentioned first, then the newest story. A name in thousands of stories ("Trump") is ranked once, not per question.
   */
  entitiesNamed(name: string): NamedEntities {
    return this.table.names.named(name, (id) => this.table.byId.get(id));
  }
}

/**
 * The index of a library, kept current as stories are added, replaced and removed. With a store (the briefing cache)
 * it is restored from the snapshot saved for these very stories when there is one, and saved when built.
 */
export function buildIndex(library: Library, store?: IndexStore): QuestionIndex {
  const stories = library.stories();
  const key = store ? savedIndexKey(stories, store) : null;
  let index: QuestionIndex | null = null;
  const snapshot = key ? store!.loadIndex(key) : null;
  if (snapshot) {
    try {
      index = QuestionIndex.restore(stories, snapshot, store);
    } catch {
      index = null;
    }
  }
  if (!index) {
    index = new QuestionIndex(store);
    for (const story of stories) index.add(story);
    if (key) store!.saveIndex(key, index.snapshot(stories));
  }
  const built = index;
  library.onChange((event) => {
    if (event.type === 'upsert') {
      if (event.previous && event.previous.briefing.source !== event.story.briefing.source)
        built.remove(event.previous.briefing.source);
      built.add(event.story);
    } else built.remove(event.story.briefing.source);
  });
  return index;
}
