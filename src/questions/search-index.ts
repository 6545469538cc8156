// The search index of a Library, kept current through Library.onChange. Postings rank stories by the question's
// terms (one document per story: the stemmed terms of its sentences, where every entity name and alias occurs),
// and only the best few stories' sentences are then read, so a question never scans the whole library.
import type { Library, Story } from '../library/library.js';
import { Postings } from './index-postings.js';
import { savedIndexKey, type IndexSnapshot, type IndexStore } from './index-snapshot.js';
import { entityCounts, IndexedStory, packNames, readNames, type EntityGroup, type PackedNames } from './index-story.js';
import { storyTermsFor, storyTermsOf, type TermSource } from './index-terms.js';
import { coverFilter, foldedText } from './sentence-prefilter.js';
import type { QuestionTerms } from './relevance.js';
import { readSentence, SentenceReader, type SentenceInfo } from './sentence-reader.js';
import { termList, type Token } from './terms.js';
import { BoundedMap } from '../core/bounded-map.js';

export { IndexedStory, mentions, type EntityGroup, type EntityKind } from './index-story.js';
export type { SentenceInfo } from './sentence-reader.js';

export interface Hit {
  story: IndexedStory;
  sentence: number;
  info: SentenceInfo;
  /** The story's search score: how strongly the story as a whole is about the question. */
  score: number;
}

const folded = new BoundedMap<string, string>(100_000);
/** Names repeat across stories ("Trump" in thousands), and folding one is costly: remembered, within a bound. */
const NAME_KEY = (name: string): string => {
  let key = folded.get(name);
  if (key === undefined) {
    key = name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    folded.set(name, key);
  }
  return key;
};
/** Stories whose sentences are read per question; enough for the right one to be among them. */
const STORIES_READ = 8;
const RANKED_NAMES = 256;

export class QuestionIndex {
  private readonly ids = new Map<string, number>();
  private readonly byId = new Map<number, IndexedStory>();
  /** Each folded name, with the (story id, entity number) pairs that bear it, one after another. */
  private readonly byName = new Map<string, number[]>();
  /** Sentences read so far, for the stories asked about most recently. */
  private readonly read = new SentenceReader();
  /** Names asked about lately, with their entities ranked; forgotten whenever a story comes or goes. */
  private readonly ranked = new BoundedMap<string, Array<{ story: IndexedStory; group: EntityGroup }>>(RANKED_NAMES);
  /**
   * How many stories name each term that is not also in their sentences (an alias used only in an entity list):
   * with the postings' own counts, how many stories hold each term. Common terms are left out of the story search
   * (the sentences still check them).
   */
  private readonly nameOnlyCount = new Map<string, number>();
  private nextId = 0;

  /** `terms` gives the stories' terms worked out before (the briefing cache); without it they are worked out. */
  constructor(
    private readonly terms?: TermSource,
    private readonly search = new Postings(),
  ) {}

  get size(): number {
    return this.ids.size;
  }

  add(story: Story): void {
    const source = story.briefing.source;
    if (this.ids.has(source)) this.remove(source);
    this.ranked.clear();
    const data = storyTermsFor(story.briefing, this.terms);
    const id = this.nextId++;
    this.search.add(id, data.terms, data.freqs);
    // Entity extraction misses names; a capitalised word the story uses still counts as a name it knows.
    const names = new Set<string>();
    for (const group of data.groupNames) for (const seq of group) for (const term of seq) names.add(term);
    for (const term of data.capitalised) names.add(term);
    const only = [...names].filter((term) => !this.search.lastAdded(term, id));
    const indexed = IndexedStory.of(story.briefing, story.addedAt, data.groupNames, names, only);
    this.place(id, indexed);
    for (const term of only) this.nameOnlyCount.set(term, (this.nameOnlyCount.get(term) ?? 0) + 1);
    indexed.groups.forEach((group, g) => {
      for (const key of nameKeys(group)) {
        const list = this.byName.get(key);
        if (list) list.push(id, g);
        else this.byName.set(key, [id, g]);
      }
    });
  }

  private place(id: number, indexed: IndexedStory): void {
    this.ids.set(indexed.briefing.source, id);
    this.byId.set(id, indexed);
  }

  /** The index as data, for `restore` with these same stories in this order. */
  snapshot(stories: readonly Story[]): IndexSnapshot {
    const order = stories.map((s) => this.ids.get(s.briefing.source)!);
    const postings = this.search.snapshot(order);
    const vocab = new Map(postings.terms.map((t, i) => [t, i]));
    const names: string[] = [];
    const id = (term: string): number => {
      let i = vocab.get(term);
      if (i === undefined) {
        vocab.set(term, (i = vocab.size));
        names.push(term);
      }
      return i;
    };
    const packed: number[] = [];
    for (const n of order) packNames(this.byId.get(n)!, id, packed);
    const position = new Map(order.map((n, i) => [n, i]));
    const byName = [...this.byName].map(([key, pairs]): [string, number[]] => [
      key,
      pairs.map((x, i) => (i % 2 === 0 ? position.get(x)! : x)),
    ]);
    return { postings, names, stories: Int32Array.from(packed), byName };
  }

  /** The index `snapshot` described, for the same stories; throws when the snapshot does not fit them. */
  static restore(
    stories: readonly Story[],
    snapshot: IndexSnapshot,
    terms?: TermSource & Pick<IndexStore, 'entityCounts'>,
  ): QuestionIndex {
    if (snapshot.postings.lengths.length !== stories.length) throw new Error('snapshot is of other stories');
    const index = new QuestionIndex(terms, Postings.restore(snapshot.postings));
    const names: PackedNames = { vocab: [...snapshot.postings.terms, ...snapshot.names], data: snapshot.stories };
    let at = 0;
    // Entity counts from the store when it has them: a briefing held as its head is not read whole to check them.
    const counts = stories.map((story) => terms?.entityCounts?.(story.briefing) ?? entityCounts(story.briefing));
    // Checked whole now, unpacked story by story when first asked about.
    stories.forEach((story, id) => {
      const indexed = IndexedStory.packed(story.briefing, story.addedAt, names, at, counts[id]);
      at = readNames(names, at, false, (term) => {
        const t = names.vocab[term]!;
        index.nameOnlyCount.set(t, (index.nameOnlyCount.get(t) ?? 0) + 1);
      }).next;
      index.place(id, indexed);
    });
    if (at !== names.data.length) throw new Error('snapshot names run on');
    for (const [key, pairs] of snapshot.byName) {
      for (let i = 0; i < pairs.length; i += 2) {
        const known = counts[pairs[i]!];
        const count = known ? known[0] + known[1] + known[2] : 0;
        if (!(pairs[i + 1]! < count))
          throw new Error(`snapshot names entity ${pairs[i + 1]} of story ${pairs[i]}, which it does not have`);
      }
      index.byName.set(key, pairs);
    }
    index.nextId = stories.length;
    return index;
  }

  remove(source: string): void {
    const id = this.ids.get(source);
    if (id === undefined) return;
    const story = this.byId.get(id)!;
    this.ranked.clear();
    // Worked out again rather than kept: removal is rare, and the terms of every story would be tens of megabytes.
    this.search.remove(id, storyTermsOf(story.briefing).terms);
    for (const term of story.nameOnly) {
      const n = (this.nameOnlyCount.get(term) ?? 1) - 1;
      if (n > 0) this.nameOnlyCount.set(term, n);
      else this.nameOnlyCount.delete(term);
    }
    this.ids.delete(source);
    this.byId.delete(id);
    this.read.forget(story);
    for (const group of story.groups) {
      for (const key of nameKeys(group)) {
        const kept = (this.byName.get(key) ?? []).filter((_, i, pairs) => pairs[i - (i % 2)] !== id);
        if (kept.length) this.byName.set(key, kept);
        else this.byName.delete(key);
      }
    }
  }

  story(source: string): IndexedStory | undefined {
    const id = this.ids.get(source);
    return id === undefined ? undefined : this.byId.get(id);
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
    const results = this.search.search(terms, (term) => term.length >= 6);
    const out: Array<{ story: IndexedStory; score: number }> = [];
    for (const r of results) {
      if (out.length >= (options.limit ?? STORIES_READ)) break;
      const story = this.byId.get(r.id);
      if (story) out.push({ story, score: r.score });
    }
    return out;
  }

  /**
   * The terms worth searching stories by: those in under a twentieth of the stories, or else the rarest one.
   * Scoring a term held by most stories costs much and ranks little.
   */
  private selective(terms: string[]): string[] {
    const count = (t: string) => this.search.count(t) + (this.nameOnlyCount.get(t) ?? 0);
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
      const cached = this.read.cached(story);
      story.briefing.sentences.forEach((s, sentence) => {
        let info = cached[sentence];
        if (!info) {
          if (!could(foldedText(s.text))) return;
          info = cached[sentence] = readSentence(s.text, story);
        }
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

  sentenceTokens(story: IndexedStory): Token[][] {
    return this.sentences(story).map((s) => s.tokens);
  }

  /**
   * Entities whose name or an alias is exactly `name` (case and punctuation aside), in every story: the most
   * mentioned first, then the newest story. A name in thousands of stories ("Trump") is ranked once, not per question.
   */
  entitiesNamed(name: string): ReadonlyArray<{ story: IndexedStory; group: EntityGroup }> {
    const key = NAME_KEY(name);
    let ranked = this.ranked.get(key);
    if (!ranked) {
      // Ranked by mention counts read from the packed names; each entity is unpacked only when a caller looks at it.
      const found: Array<{ story: IndexedStory; g: number; mentions: number }> = [];
      const pairs = this.byName.get(key) ?? [];
      for (let i = 0; i < pairs.length; i += 2) {
        const story = this.byId.get(pairs[i]!);
        const mentions = story?.mentionsOf(pairs[i + 1]!);
        if (story && mentions !== undefined) found.push({ story, g: pairs[i + 1]!, mentions });
      }
      found.sort((a, b) => b.mentions - a.mentions || b.story.addedAt - a.story.addedAt);
      ranked = found.map(({ story, g }) => new NamedEntity(story, g));
      this.ranked.set(key, ranked);
    }
    return ranked;
  }
}

/** One story's entity a name found: its group is unpacked on first look (a name in thousands of stories). */
class NamedEntity {
  readonly #g: number;

  constructor(
    readonly story: IndexedStory,
    g: number,
  ) {
    this.#g = g;
  }

  get group(): EntityGroup {
    return this.story.group(this.#g)!;
  }
}

function nameKeys(group: EntityGroup): string[] {
  return [group.entity.name, ...group.entity.aliases].map(NAME_KEY).filter(Boolean);
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
