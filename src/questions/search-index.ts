// One search index per Library, kept current through Library.onChange. Postings rank stories by the question's
// terms (one document per story: the stemmed terms of its sentences, where every entity name and alias occurs),
// and only the best few stories' sentences are then read, so a question never scans the whole library.
import type { Briefing, Entity } from '../briefing/types.js';
import type { Library, Story } from '../library/library.js';
import { Postings } from './index-postings.js';
import { storyTermsFor, storyTermsOf, type StoryTerms } from './index-terms.js';
import { termList, tokenize, type Token } from './terms.js';

export type EntityKind = 'person' | 'organization' | 'place';

export interface EntityGroup {
  entity: Entity;
  kind: EntityKind;
  /** Term sequences of the name and each alias ("kim jong un", "kim"). */
  names: string[][];
  /** Every term of the name and aliases. */
  terms: Set<string>;
}

export interface IndexedStory {
  briefing: Briefing;
  addedAt: number;
  groups: EntityGroup[];
  /** Terms of every entity name and alias in the story, and of every capitalised word: the names it uses. */
  entityTerms: Set<string>;
}

/** A sentence read for answering: its tokens, its content terms, and those plus the full names it mentions. */
export interface SentenceInfo {
  tokens: Token[];
  terms: Set<string>;
  /** A sentence that says "Kim" also says "Kim Jong-un". */
  expanded: Set<string>;
}

export interface Hit {
  story: IndexedStory;
  sentence: number;
  info: SentenceInfo;
  /** The story's search score: how strongly the story as a whole is about the question. */
  score: number;
}

const folded = new Map<string, string>();
/** Names repeat across stories ("Trump" in thousands), and folding one is costly: remembered, within a bound. */
const NAME_KEY = (name: string): string => {
  let key = folded.get(name);
  if (key === undefined) {
    key = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (folded.size > 100_000) folded.clear();
    folded.set(name, key);
  }
  return key;
};
/** Stories whose sentences are read per question; enough for the right one to be among them. */
const STORIES_READ = 8;
const READ_CACHE = 512;

export class QuestionIndex {
  private readonly search = new Postings();
  private readonly ids = new Map<string, number>();
  private readonly byId = new Map<number, IndexedStory>();
  private readonly byName = new Map<string, Array<{ source: string; group: EntityGroup }>>();
  /** Sentences read so far, per story, for the stories asked about most recently; holes are sentences not yet read. */
  private readonly read = new Map<IndexedStory, Array<SentenceInfo | undefined>>();
  /**
   * How many stories name each term that is not also in their sentences (an alias used only in an entity list):
   * with the postings' own counts, how many stories hold each term. Common terms are left out of the story search
   * (the sentences still check them).
   */
  private readonly nameOnlyCount = new Map<string, number>();
  private readonly nameOnly = new Map<number, string[]>();
  private nextId = 0;

  get size(): number {
    return this.ids.size;
  }

  add(story: Story): void {
    const source = story.briefing.source;
    if (this.ids.has(source)) this.remove(source);
    const data = storyTermsFor(story.briefing);
    const id = this.nextId++;
    this.search.add(id, data.terms, data.freqs);
    const groups = entityGroups(story.briefing, data);
    // Entity extraction misses names; a capitalised word the story uses still counts as a name it knows.
    const names = new Set(groups.flatMap((g) => [...g.terms]));
    for (const term of data.capitalised) names.add(term);
    const indexed: IndexedStory = { briefing: story.briefing, addedAt: story.addedAt, groups, entityTerms: names };
    this.ids.set(source, id);
    this.byId.set(id, indexed);
    const only = [...names].filter((term) => !this.search.lastAdded(term, id));
    if (only.length) this.nameOnly.set(id, only);
    for (const term of only) this.nameOnlyCount.set(term, (this.nameOnlyCount.get(term) ?? 0) + 1);
    for (const group of groups) {
      for (const key of nameKeys(group)) {
        const list = this.byName.get(key) ?? [];
        list.push({ source, group });
        this.byName.set(key, list);
      }
    }
  }

  remove(source: string): void {
    const id = this.ids.get(source);
    if (id === undefined) return;
    const story = this.byId.get(id)!;
    // Worked out again rather than kept: removal is rare, and the terms of every story would be tens of megabytes.
    this.search.remove(id, storyTermsOf(story.briefing).terms);
    for (const term of this.nameOnly.get(id) ?? []) {
      const n = (this.nameOnlyCount.get(term) ?? 1) - 1;
      if (n > 0) this.nameOnlyCount.set(term, n);
      else this.nameOnlyCount.delete(term);
    }
    this.nameOnly.delete(id);
    this.ids.delete(source);
    this.byId.delete(id);
    this.read.delete(story);
    for (const group of story.groups) {
      for (const key of nameKeys(group)) {
        const kept = (this.byName.get(key) ?? []).filter((e) => e.source !== source);
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
  stories(query: string, options: { source?: string; limit?: number } = {}): Array<{ story: IndexedStory; score: number }> {
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

  /** Sentences sharing a term with `query`, from the stories most about it. */
  shortlist(query: string, options: { source?: string; limit?: number } = {}): Hit[] {
    const wanted = new Set(termList(query));
    const hits: Hit[] = [];
    for (const { story, score } of this.stories(query, options)) {
      // Only sentences whose text could hold a wanted word are read (tokenised): a cheap substring test first.
      const needles = [...wanted, ...story.groups.filter((g) => [...g.terms].some((t) => wanted.has(t))).flatMap((g) => [...g.terms])].map(needle);
      const cached = this.cached(story);
      story.briefing.sentences.forEach((s, sentence) => {
        let info = cached[sentence];
        if (!info) {
          const folded = foldedText(s.text);
          if (!needles.some((n) => n === null || folded.includes(n))) return;
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

  /** Each sentence of a story, read; kept for the stories asked about most recently. */
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

  private cached(story: IndexedStory): Array<SentenceInfo | undefined> {
    let cached = this.read.get(story);
    if (cached) this.read.delete(story);
    else cached = [];
    this.read.set(story, cached);
    if (this.read.size > READ_CACHE) this.read.delete(this.read.keys().next().value!);
    return cached;
  }

  sentenceTokens(story: IndexedStory): Token[][] {
    return this.sentences(story).map((s) => s.tokens);
  }

  /** Entities whose name or an alias is exactly `name` (case and punctuation aside), in every story. */
  entitiesNamed(name: string): Array<{ story: IndexedStory; group: EntityGroup }> {
    return (this.byName.get(NAME_KEY(name)) ?? []).flatMap(({ source, group }) => {
      const story = this.story(source);
      return story ? [{ story, group }] : [];
    });
  }
}

/** Whether a sentence (as a set of terms) names the entity by its name or any alias. */
export function mentions(group: EntityGroup, terms: Set<string>): boolean {
  return group.names.some((seq) => seq.length > 0 && seq.every((t) => terms.has(t)));
}

/** The part of a stemmed term every surface form starts with ("countr" for "country"/"countries"); null: no test. */
export function needle(term: string): string | null {
  if (/\d/.test(term)) return null;
  return term.length <= 4 ? term : term.slice(0, term.length - 2);
}

export function foldedText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function readSentence(text: string, story: IndexedStory): SentenceInfo {
  const tokens = tokenize(text);
  const terms = new Set<string>();
  for (const t of tokens) if (!t.stop) terms.add(t.term);
  const expanded = new Set(terms);
  for (const group of story.groups) if (mentions(group, terms)) for (const t of group.terms) expanded.add(t);
  return { tokens, terms, expanded };
}

function nameKeys(group: EntityGroup): string[] {
  return [group.entity.name, ...group.entity.aliases].map(NAME_KEY).filter(Boolean);
}

function entityGroups(briefing: Briefing, data: StoryTerms): EntityGroup[] {
  const kinds: Array<[EntityKind, Entity[]]> = [
    ['person', briefing.entities.people],
    ['organization', briefing.entities.organizations],
    ['place', briefing.entities.places],
  ];
  let i = 0;
  return kinds.flatMap(([kind, list]) =>
    list.map((entity) => {
      const names = data.groupNames[i++] ?? [];
      return { entity, kind, names, terms: new Set(names.flat()) };
    }),
  );
}

const cache = new WeakMap<Library, QuestionIndex>();

/** The index of a library, built on first use and kept current as stories are added, replaced and removed. */
export function indexFor(library: Library): QuestionIndex {
  const known = cache.get(library);
  if (known) return known;
  const index = new QuestionIndex();
  for (const story of library.stories()) index.add(story);
  library.onChange((event) => {
    if (event.type === 'upsert') {
      if (event.previous && event.previous.briefing.source !== event.story.briefing.source) index.remove(event.previous.briefing.source);
      index.add(event.story);
    } else index.remove(event.story.briefing.source);
  });
  cache.set(library, index);
  return index;
}
