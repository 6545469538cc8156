// A story as the question index holds it: its briefing, and the names it uses as terms. A story restored from a saved
// index keeps those names packed as term numbers and unpacks them on first use: at ten thousand stories most are never
// asked about, and their entity groups and name sets unpacked would be some forty megabytes.
import type { Briefing, Entity } from '../briefing/types.js';

export type EntityKind = 'person' | 'organization' | 'place';

export interface EntityGroup {
  entity: Entity;
  kind: EntityKind;
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

  /** A story whose names are packed in `names` from `at` on; throws when they do not fit its entities. */
  static packed(briefing: Briefing, addedAt: number, names: PackedNames, at: number): IndexedStory {
    const { people, organizations, places } = briefing.entities;
    if (names.data[at] !== people.length + organizations.length + places.length)
      throw new Error('snapshot is of other entities');
    return new IndexedStory(briefing, addedAt, { names, at });
  }

  /** Its entities, people then organizations then places, each with the terms of its name and aliases. */
  get groups(): EntityGroup[] {
    return (this.#groups ??= entityGroups(this.briefing, this.unpack().groupNames));
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

/**
 * One story's names as numbers: the entity count, then for each entity its name count and each name's length and
 * terms; then the entity terms' count and terms; then the name-only terms' count and terms.
 */
export function packNames(story: IndexedStory, id: (term: string) => number, out: number[]): void {
  out.push(story.groups.length);
  for (const group of story.groups) {
    out.push(group.names.length);
    for (const seq of group.names) out.push(seq.length, ...seq.map(id));
  }
  out.push(story.entityTerms.size, ...[...story.entityTerms].map(id));
  out.push(story.nameOnly.length, ...story.nameOnly.map(id));
}

const NONE: string[] = [];
type Unpacked = { groupNames: string[][][]; entityTerms: string[]; nameOnly: string[] };

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
  const groupNames: string[][][] = [];
  for (let g = int(); g > 0; g--) {
    const seqs: string[][] = [];
    for (let s = int(); s > 0; s--) {
      const seq = terms(int());
      if (keep) seqs.push(seq);
    }
    if (keep) groupNames.push(seqs);
  }
  const entityTerms = terms(int());
  const only = terms(int(), nameOnly);
  return keep ? { value: { groupNames, entityTerms, nameOnly: only }, next: i } : { next: i };
}

/** Whether a sentence (as a set of terms) names the entity by its name or any alias. */
export function mentions(group: EntityGroup, terms: Set<string>): boolean {
  return group.names.some((seq) => seq.length > 0 && seq.every((t) => terms.has(t)));
}

/** Its terms are gathered on first use: most groups are never asked about, and a set for each of 160,000 is 20 MB. */
class Group implements EntityGroup {
  #terms: Set<string> | undefined;

  constructor(
    readonly entity: Entity,
    readonly kind: EntityKind,
    readonly names: string[][],
  ) {}

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
  const out: EntityGroup[] = [];
  const add = (kind: EntityKind, list: Entity[]) => {
    for (const entity of list) {
      out.push(new Group(entity, kind, groupNames[out.length] ?? []));
    }
  };
  add('person', briefing.entities.people);
  add('organization', briefing.entities.organizations);
  add('place', briefing.entities.places);
  return out;
}
