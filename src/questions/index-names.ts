// The question index's names: every entity's folded name and aliases, with the (story id, entity number) pairs that
// bear it, and the entities of the names asked about lately, ranked. Folding a name is the costly part of indexing,
// and a name in thousands of stories ("Trump") is ranked once, not per question.
import type { EntityGroup, EntityKind, IndexedStory } from './index-story.js';
import { BoundedMap } from '../core/bounded-map.js';

const folded = new BoundedMap<string, string>(100_000);
/** Names repeat across stories ("Trump" in thousands), and folding one is costly: remembered, within a bound. */
export const NAME_KEY = (name: string): string => {
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
const RANKED_NAMES = 256;

/** Entities a name found, with each one's kind, known without unpacking its group. */
export type NamedEntities = ReadonlyArray<{ story: IndexedStory; group: EntityGroup; kind: EntityKind }>;

export class NameTable {
  /** Each folded name, with the (story id, entity number) pairs that bear it, one after another. */
  private readonly byName = new Map<string, number[]>();
  /** Names asked about lately, with their entities ranked; forgotten whenever a story comes or goes. */
  private readonly ranked = new BoundedMap<string, NamedEntity[]>(RANKED_NAMES);

  /** Story `id`'s entity names and aliases. */
  add(id: number, groups: readonly EntityGroup[]): void {
    this.ranked.clear();
    groups.forEach((group, g) => {
      for (const key of nameKeys(group)) {
        const list = this.byName.get(key);
        if (list) list.push(id, g);
        else this.byName.set(key, [id, g]);
      }
    });
  }

  /** Forgets story `id`, whose entities are `groups`. */
  remove(id: number, groups: readonly EntityGroup[]): void {
    this.ranked.clear();
    for (const group of groups) {
      for (const key of nameKeys(group)) {
        const kept = (this.byName.get(key) ?? []).filter((_, i, pairs) => pairs[i - (i % 2)] !== id);
        if (kept.length) this.byName.set(key, kept);
        else this.byName.delete(key);
      }
    }
  }

  /** Every folded name with its (story id, entity number) pairs, as held (for a snapshot). */
  entries(): IterableIterator<[string, number[]]> {
    return this.byName.entries();
  }

  /** Sets a folded name's pairs whole (restoring a snapshot). */
  set(key: string, pairs: number[]): void {
    this.byName.set(key, pairs);
  }

  /**
   * Entities whose name or an alias is exactly `name` (case and punctuation aside), in every story `byId` knows: the
   * most mentioned first, then the newest story.
   */
  named(name: string, byId: (id: number) => IndexedStory | undefined): NamedEntities {
    const key = NAME_KEY(name);
    let ranked = this.ranked.get(key);
    if (!ranked) {
      // Ranked by mention counts read from the packed names; each entity is unpacked only when a caller looks at it.
      const found: Array<{ story: IndexedStory; g: number; mentions: number }> = [];
      const pairs = this.byName.get(key) ?? [];
      for (let i = 0; i < pairs.length; i += 2) {
        const story = byId(pairs[i]!);
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

  /** Its kind, read from the story's counts without unpacking the group. */
  get kind(): EntityKind {
    return this.story.kindOf(this.#g)!;
  }
}

function nameKeys(group: EntityGroup): string[] {
  return [group.entity.name, ...group.entity.aliases].map(NAME_KEY).filter(Boolean);
}
