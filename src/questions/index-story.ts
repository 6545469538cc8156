// A story as the question index holds it: its briefing, and the names it uses as terms. A story restored from a saved
// index keeps those names packed as term numbers and unpacks them on first use: at ten thousand stories most are never
// asked about, and their entity groups and name sets unpacked would be some forty megabytes. The packed names also
// hold each entity's kind and mention count, so ranking the stories that name someone reads no briefing: a briefing
// may be held as its head only, and read whole from the cache when asked (src/cache/stored-briefing.ts).
import type { Briefing, Entity } from '../briefing/types.js';

export type EntityKind = 'person' | 'organization' | 'place';

export interface EntityGroup {
  entity: Entity;
  kind: EntityKind;
  /** The entity's mention count (`entity.mentions`), known without reading the briefing. */
  mentions: number;
  /** Term sequences of the name and each alias ("kim jong un", "kim"). */
  names: string[][];
  /** Every term of the name and aliases. */
  terms: Set<string>;
}

/** Names of many stories as term numbers, one story after another (see `packNames` for one story's layout). */
export interface PackedNames {
  /** The term each number stands for. */
  vocab: readonly string[];
  data: Int32Array;
}

export class IndexedStory {
  #groups: EntityGroup[] | undefined;
  /** Entities unpacked one by one (`group`) before all of them were. */
  #some: EntityGroup[] | undefined;
  #entityTerms: Set<string> | undefined;
  #nameOnly: string[] | undefined;

  private constructor(
    readonly briefing: Briefing,
    readonly addedAt: number,
    private readonly packed?: { names: PackedNames; at: number },
  ) {}

  static of(
    briefing: Briefing,
    addedAt: number,
    groupNames: string[][][],
    entityTerms: Set<string>,
    nameOnly: string[],
  ): IndexedStory {
    const story = new IndexedStory(briefing, addedAt);
    story.#groups = entityGroups(briefing, groupNames);
    story.#entityTerms = entityTerms;
    story.#nameOnly = nameOnly;
    return story;
  }

  /**
   * A story whose names are packed in `names` from `at` on; throws when they do not fit its entities. `counts` are its
   * people, organisations and places when known without reading the briefing (a stored briefing's head).
   */
  static packed(
    briefing: Briefing,
    addedAt: number,
    names: PackedNames,
    at: number,
    counts: readonly [number, number, number] = entityCounts(briefing),
  ): IndexedStory {
    if (names.data[at] !== counts[0] || names.data[at + 1] !== counts[1] || names.data[at + 2] !== counts[2])
      throw new Error('snapshot is of other entities');
    return new IndexedStory(briefing, addedAt, { names, at });
  }

  /** Its entities, people then organizations then places, each with the terms of its name and aliases. */
  get groups(): EntityGroup[] {
    if (!this.#groups) {
      const { groupNames, counts, mentions } = this.unpack();
      const out: EntityGroup[] = [];
      KINDS.forEach((kind, k) => {
        for (let i = 0; i < counts[k]!; i++) {
          const g = out.length;
          out.push(this.#some?.[g] ?? this.made(kind, k, i, groupNames[g] ?? [], mentions[g]!));
        }
      });
      this.#groups = out;
      this.#some = undefined;
    }
    return this.#groups;
  }

  /**
   * Its entity number `g` (as in `groups`), unpacking only that one: a name in thousands of stories ("Trump") is
   * ranked by one entity of each, and unpacking every entity of each of them was most of the memory questions add.
   */
  group(g: number): EntityGroup | undefined {
    if (this.#groups || !this.packed) return this.groups[g];
    const known = this.#some?.[g];
    if (known) return known;
    const found = readEntity(this.packed.names, this.packed.at, g);
    if (!found) return undefined;
    const group = this.made(KINDS[found.k]!, found.k, found.i, found.names, found.mentions);
    (this.#some ??= [])[g] = group;
    return group;
  }

  /** The kind of entity `g`, known from the counts alone (people, then organisations, then places). */
  kindOf(g: number): EntityKind | undefined {
    const known = this.#groups?.[g] ?? this.#some?.[g];
    if (known || this.#groups || !this.packed) return known?.kind;
    const { data } = this.packed.names;
    const at = this.packed.at;
    const [people, orgs, places] = [data[at]!, data[at + 1]!, data[at + 2]!];
    if (!(g >= 0 && g < people + orgs + places)) return undefined;
    return KINDS[g < people ? 0 : g < people + orgs ? 1 : 2];
  }

  /** The mention count of entity `g`, read without unpacking it; undefined when the story has no such entity. */
  mentionsOf(g: number): number | undefined {
    const known = this.#groups?.[g] ?? this.#some?.[g];
    if (known || this.#groups || !this.packed) return known?.mentions;
    return mentionsAt(this.packed.names.data, this.packed.at, g);
  }

  /** The entity itself is read from the briefing only when asked for (a description, an alias). */
  private made(kind: EntityKind, k: number, i: number, names: string[][], mentions: number): EntityGroup {
    const briefing = this.briefing;
    return new Group(() => briefing.entities[LISTS[k]!][i]!, kind, names, mentions);
  }

  /** Terms of every entity name and alias in the story, and of every capitalised word: the names it uses. */
  get entityTerms(): Set<string> {
    return (this.#entityTerms ??= new Set(this.unpack().entityTerms));
  }

  /** Its name terms that none of its sentences uses (an alias found only in the entity list). */
  get nameOnly(): readonly string[] {
    return (this.#nameOnly ??= this.unpack().nameOnly);
  }

  private unpack(): Unpacked {
    const { names, at } = this.packed!;
    return readNames(names, at, true).value;
  }
}

const KINDS: readonly EntityKind[] = ['person', 'organization', 'place'];
const LISTS = ['people', 'organizations', 'places'] as const;

/** How many people, organisations and places a briefing names. */
export function entityCounts(briefing: Briefing): [number, number, number] {
  const { people, organizations, places } = briefing.entities;
  return [people.length, organizations.length, places.length];
}

/**
 * One story's names as numbers: its people, organisation and place counts, then for each entity its mention count,
 * its name count and each name's length and terms; then the entity terms' count and terms; then the name-only terms'
 * count and terms.
 */
export function packNames(story: IndexedStory, id: (term: string) => number, out: number[]): void {
  const groups = story.groups;
  for (const kind of KINDS) out.push(groups.filter((g) => g.kind === kind).length);
  for (const group of groups) {
    out.push(group.mentions, group.names.length);
    for (const seq of group.names) out.push(seq.length, ...seq.map(id));
  }
  out.push(story.entityTerms.size, ...[...story.entityTerms].map(id));
  out.push(story.nameOnly.length, ...story.nameOnly.map(id));
}

const NONE: string[] = [];
type Unpacked = {
  counts: number[];
  mentions: number[];
  groupNames: string[][][];
  entityTerms: string[];
  nameOnly: string[];
};

/**
 * Reads the names `packNames` wrote at `at` and gives where the next story's begin; throws when the numbers do not
 * read. With `keep` it also gives the terms; without, it only checks them (no strings or arrays are made), calling
 * `nameOnly` with each name-only term number.
 */
export function readNames(names: PackedNames, at: number, keep: true): { value: Unpacked; next: number };
export function readNames(
  names: PackedNames,
  at: number,
  keep: false,
  nameOnly?: (id: number) => void,
): { next: number };
export function readNames(
  names: PackedNames,
  at: number,
  keep: boolean,
  nameOnly?: (id: number) => void,
): { value?: Unpacked; next: number } {
  const { vocab, data } = names;
  let i = at;
  const int = (): number => {
    const n = data[i++];
    if (n === undefined || n < 0) throw new Error('packed names are cut short');
    return n;
  };
  const terms = (n: number, each?: (id: number) => void): string[] => {
    // Checking alone makes no arrays: restore walks every story's names.
    const out: string[] = keep ? new Array<string>(n) : NONE;
    for (let k = 0; k < n; k++) {
      const id = int();
      if (id >= vocab.length) throw new Error('packed names name a term they do not have');
      each?.(id);
      if (keep) out[k] = vocab[id]!;
    }
    return out;
  };
  const counts = [int(), int(), int()];
  const groupNames: string[][][] = [];
  const mentions: number[] = [];
  for (let g = counts[0]! + counts[1]! + counts[2]!; g > 0; g--) {
    const mentioned = int();
    if (keep) mentions.push(mentioned);
    const seqs: string[][] = [];
    for (let s = int(); s > 0; s--) {
      const seq = terms(int());
      if (keep) seqs.push(seq);
    }
    if (keep) groupNames.push(seqs);
  }
  const entityTerms = terms(int());
  const only = terms(int(), nameOnly);
  return keep ? { value: { counts, mentions, groupNames, entityTerms, nameOnly: only }, next: i } : { next: i };
}

/** Where entity `g` of the story packed at `at` begins (its mention count), or -1 when there is no such entity. */
function entityAt(data: Int32Array, at: number, g: number): number {
  const total = data[at]! + data[at + 1]! + data[at + 2]!;
  if (!(g >= 0 && g < total)) return -1;
  let i = at + 3;
  // Each entity is its mention count, its name count, then each name's length and terms.
  for (let e = 0; e < g; e++) {
    i++;
    for (let n = data[i++]!; n > 0; n--) i += 1 + data[i]!;
  }
  return i;
}

function mentionsAt(data: Int32Array, at: number, g: number): number | undefined {
  const i = entityAt(data, at, g);
  return i < 0 ? undefined : data[i];
}

/** Entity `g` of the story packed at `at`: its kind (0 people, 1 organisations, 2 places), place in that list, names. */
function readEntity(
  packed: PackedNames,
  at: number,
  g: number,
): { k: number; i: number; names: string[][]; mentions: number } | undefined {
  const { vocab, data } = packed;
  const counts = [data[at]!, data[at + 1]!, data[at + 2]!];
  let i = entityAt(data, at, g);
  if (i < 0) return undefined;
  const mentions = data[i++]!;
  const names: string[][] = [];
  for (let n = data[i++]!; n > 0; n--) {
    const length = data[i++]!;
    names.push(Array.from(data.subarray(i, i + length), (id) => vocab[id]!));
    i += length;
  }
  const k = g < counts[0]! ? 0 : g < counts[0]! + counts[1]! ? 1 : 2;
  const i0 = k === 0 ? g : k === 1 ? g - counts[0]! : g - counts[0]! - counts[1]!;
  return { k, i: i0, names, mentions };
}

/** Whether a sentence (as a set of terms) names the entity by its name or any alias. */
export function mentions(group: EntityGroup, terms: Set<string>): boolean {
  return group.names.some((seq) => seq.length > 0 && seq.every((t) => terms.has(t)));
}

/**
 * Its terms are gathered on first use: most groups are never asked about, and a set for each of 160,000 is 20 MB.
 * Restored from a snapshot, its entity is read from the briefing on first use too.
 */
class Group implements EntityGroup {
  #terms: Set<string> | undefined;
  #entity: Entity | (() => Entity);

  constructor(
    entity: Entity | (() => Entity),
    readonly kind: EntityKind,
    readonly names: string[][],
    readonly mentions: number,
  ) {
    this.#entity = entity;
  }

  get entity(): Entity {
    if (typeof this.#entity === 'function') this.#entity = this.#entity();
    return this.#entity;
  }

  get terms(): Set<string> {
    if (!this.#terms) {
      this.#terms = new Set();
      for (const seq of this.names) for (const term of seq) this.#terms.add(term);
    }
    return this.#terms;
  }
}

function entityGroups(briefing: Briefing, groupNames: string[][][]): EntityGroup[] {
  // Plain loops: at ten thousand stories there are a hundred thousand groups, and flat()/flatMap() cost a fifth of a second.
  // Each group reads its entity from the briefing when asked, so a stored briefing's entities are not held here.
  const out: EntityGroup[] = [];
  const { entities } = briefing;
  KINDS.forEach((kind, k) => {
    const list = entities[LISTS[k]!];
    for (let i = 0; i < list.length; i++)
      out.push(
        new Group(() => briefing.entities[LISTS[k]!][i]!, kind, groupNames[out.length] ?? [], list[i]!.mentions),
      );
  });
  return out;
}
