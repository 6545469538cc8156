// What the question index holds, kept current story by story: the stories by id, the postings of their terms (one
// document per story: the stemmed terms of its sentences, where every entity name and alias occurs), how many stories
// name each term only in their entity lists, and every entity's names. Searching it is search-index.ts; saving and
// restoring it whole, index-save.ts.
import type { Story } from '../library/library.js';
import { Postings } from './index-postings.js';
import { NameTable } from './index-names.js';
import { IndexedStory } from './index-story.js';
import { storyTermsFor, storyTermsOf, type TermSource } from './index-terms.js';

export class StoryTable {
  readonly ids = new Map<string, number>();
  readonly byId = new Map<number, IndexedStory>();
  readonly names = new NameTable();
  /**
   * How many stories name each term that is not also in their sentences (an alias used only in an entity list):
   * with the postings' own counts, how many stories hold each term. Common terms are left out of the story search
   * (the sentences still check them).
   */
  readonly nameOnlyCount = new Map<string, number>();
  nextId = 0;

  constructor(readonly search = new Postings()) {}

  get size(): number {
    return this.ids.size;
  }

  /** Adds or replaces a story; `terms` gives its terms worked out before (the briefing cache). */
  add(story: Story, terms?: TermSource): IndexedStory | undefined {
    const source = story.briefing.source;
    const replaced = this.ids.has(source) ? this.remove(source) : undefined;
    const data = storyTermsFor(story.briefing, terms);
    const id = this.nextId++;
    this.search.add(id, data.terms, data.freqs);
    // Entity extraction misses names; a capitalised word the story uses still counts as a name it knows.
    const names = new Set<string>();
    for (const group of data.groupNames) for (const seq of group) for (const term of seq) names.add(term);
    for (const term of data.capitalised) names.add(term);
    const only = [...names].filter((term) => !this.search.lastAdded(term, id));
    const indexed = IndexedStory.of(story.briefing, story.addedAt, data.groupNames, names, only);
    this.place(id, indexed);
    for (const term of only) this.countNameOnly(term);
    this.names.add(id, indexed.groups);
    return replaced;
  }

  place(id: number, indexed: IndexedStory): void {
    this.ids.set(indexed.briefing.source, id);
    this.byId.set(id, indexed);
  }

  countNameOnly(term: string): void {
    this.nameOnlyCount.set(term, (this.nameOnlyCount.get(term) ?? 0) + 1);
  }

  /** Forgets the story from `source`, giving it back; undefined when there is none. */
  remove(source: string): IndexedStory | undefined {
    const id = this.ids.get(source);
    if (id === undefined) return undefined;
    const story = this.byId.get(id)!;
    // Worked out again rather than kept: removal is rare, and the terms of every story would be tens of megabytes.
    this.search.remove(id, storyTermsOf(story.briefing).terms);
    for (const term of story.nameOnly) {
      const n = (this.nameOnlyCount.get(term) ?? 1) - 1;
      if (n > 0) this.nameOnlyCount.set(term, n);
      else this.nameOnlyCount.delete(term);
    }
    this.ids.delete(source);
    this.byId.delete(id);
    this.names.remove(id, story.groups);
    return story;
  }

  story(source: string): IndexedStory | undefined {
    const id = this.ids.get(source);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** How many stories hold `term`, in their sentences or only among their names. */
  count(term: string): number {
    return this.search.count(term) + (this.nameOnlyCount.get(term) ?? 0);
  }
}
