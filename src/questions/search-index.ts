// One search index per Library, over every sentence of every story, kept current through Library.onChange.
// MiniSearch shortlists candidate sentences so a question never scans the whole library.
import MiniSearch from 'minisearch';
import type { Briefing, Entity } from '../briefing/types.js';
import type { Library, Story } from '../library/library.js';
import { processTerm, splitWords, tokenize } from './terms.js';

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
  /** Terms of every entity name and alias in the story. */
  entityTerms: Set<string>;
}

export interface Hit {
  story: IndexedStory;
  sentence: number;
  score: number;
}

interface Doc {
  id: number;
  text: string;
  names: string;
}

const NAME_KEY = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export class QuestionIndex {
  private readonly search = new MiniSearch<Doc>({
    fields: ['text', 'names'],
    tokenize: splitWords,
    processTerm,
  });
  private readonly docs = new Map<number, { source: string; sentence: number }>();
  private readonly docsBySource = new Map<string, number[]>();
  private readonly stories = new Map<string, IndexedStory>();
  private readonly byName = new Map<string, Array<{ source: string; group: EntityGroup }>>();
  private nextId = 0;

  get size(): number {
    return this.stories.size;
  }

  add(story: Story): void {
    const source = story.briefing.source;
    if (this.stories.has(source)) this.remove(source);
    const groups = entityGroups(story.briefing);
    const indexed: IndexedStory = {
      briefing: story.briefing,
      addedAt: story.addedAt,
      groups,
      entityTerms: new Set(groups.flatMap((g) => [...g.terms])),
    };
    this.stories.set(source, indexed);
    const ids: number[] = [];
    const docs: Doc[] = story.briefing.sentences.map((sentence, i) => {
      const id = this.nextId++;
      ids.push(id);
      this.docs.set(id, { source, sentence: i });
      const terms = new Set(tokenize(sentence.text).map((t) => t.term));
      const names = groups.filter((g) => mentions(g, terms)).map((g) => [g.entity.name, ...g.entity.aliases].join(' '));
      return { id, text: sentence.text, names: names.join(' ') };
    });
    this.search.addAll(docs);
    this.docsBySource.set(source, ids);
    for (const group of groups) {
      for (const name of [group.entity.name, ...group.entity.aliases]) {
        const key = NAME_KEY(name);
        if (!key) continue;
        const list = this.byName.get(key) ?? [];
        list.push({ source, group });
        this.byName.set(key, list);
      }
    }
  }

  remove(source: string): void {
    const story = this.stories.get(source);
    if (!story) return;
    for (const id of this.docsBySource.get(source) ?? []) {
      this.search.discard(id);
      this.docs.delete(id);
    }
    this.docsBySource.delete(source);
    for (const group of story.groups) {
      for (const name of [group.entity.name, ...group.entity.aliases]) {
        const key = NAME_KEY(name);
        const kept = (this.byName.get(key) ?? []).filter((e) => e.source !== source);
        if (kept.length) this.byName.set(key, kept);
        else this.byName.delete(key);
      }
    }
    this.stories.delete(source);
  }

  story(source: string): IndexedStory | undefined {
    return this.stories.get(source);
  }

  /** Sentences sharing words with `query`, best first; `source` keeps to one story. */
  shortlist(query: string, options: { source?: string; limit?: number } = {}): Hit[] {
    const only = options.source;
    const results = this.search.search(query, {
      combineWith: 'OR',
      boost: { text: 1, names: 0.5 },
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 7 ? 0.15 : false),
      ...(only ? { filter: (r) => this.docs.get(r.id as number)?.source === only } : {}),
    });
    const hits: Hit[] = [];
    for (const r of results) {
      if (hits.length >= (options.limit ?? 40)) break;
      const doc = this.docs.get(r.id as number);
      const story = doc && this.stories.get(doc.source);
      if (doc && story) hits.push({ story, sentence: doc.sentence, score: r.score });
    }
    return hits;
  }

  /** Entities whose name or an alias is exactly `name` (case and punctuation aside), in every story. */
  entitiesNamed(name: string): Array<{ story: IndexedStory; group: EntityGroup }> {
    return (this.byName.get(NAME_KEY(name)) ?? []).flatMap(({ source, group }) => {
      const story = this.stories.get(source);
      return story ? [{ story, group }] : [];
    });
  }

  allStories(): IterableIterator<IndexedStory> {
    return this.stories.values();
  }
}

/** Whether a sentence (as a set of terms) names the entity by its name or any alias. */
export function mentions(group: EntityGroup, terms: Set<string>): boolean {
  return group.names.some((seq) => seq.length > 0 && seq.every((t) => terms.has(t)));
}

function entityGroups(briefing: Briefing): EntityGroup[] {
  const kinds: Array<[EntityKind, Entity[]]> = [
    ['person', briefing.entities.people],
    ['organization', briefing.entities.organizations],
    ['place', briefing.entities.places],
  ];
  return kinds.flatMap(([kind, list]) =>
    list.map((entity) => {
      const names = [entity.name, ...entity.aliases].map((n) => tokenize(n).filter((t) => !t.stop).map((t) => t.term)).filter((seq) => seq.length);
      return { entity, kind, names, terms: new Set(names.flat()) };
    }),
  );
}

const cache = new WeakMap<Library, QuestionIndex>();

/** The index of a library, built on first use and kept current as stories are added, replaced and removed. */
export function indexFor(library: Library): QuestionIndex {
  let index = cache.get(library);
  if (index) return index;
  const built = new QuestionIndex();
  for (const story of library.stories()) built.add(story);
  library.onChange((event) => {
    if (event.type === 'upsert') {
      if (event.previous && event.previous.briefing.source !== event.story.briefing.source) built.remove(event.previous.briefing.source);
      built.add(event.story);
    } else built.remove(event.story.briefing.source);
  });
  cache.set(library, built);
  index = built;
  return index;
}
