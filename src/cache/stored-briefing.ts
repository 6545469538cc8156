// A briefing kept in memory as its head (what lists, lookups, story groups and digests read: id, title, source, hash,
// date, outlet, URL, word count) with the rest read back from the briefing cache when something asks for it. At a
// hundred thousand articles the whole briefings were 1.2 GB of heap and most of a warm start's time to read; a head is
// a few hundred bytes. The heavy fields are getters, so every caller that reads `briefing.sentences` keeps working.
import type { Briefing, Entities, Quote, Sentence, SocialPost, Summary, TimelineEntry } from '../briefing/types.js';

/** What a stored briefing keeps in memory, as the cache stores it beside the whole one. */
export interface BriefingHead {
  id: string;
  title: string;
  hash: string;
  date: string | null;
  outlet?: string;
  url?: string;
  wordCount: number;
  /** How many people, organisations and places the briefing names (the question index checks its snapshot by them). */
  entityCounts: [number, number, number];
  /**
   * Every speaker and relaying outlet of its quotes, once each, so "what did X say?" and `/quotes speaker:` can pass
   * over a briefing that quotes nobody of that name without reading it whole. Absent in heads written before it.
   */
  speakers?: string[];
  /**
   * Each quote speaker's name and the aliases of the person of that name, lower-cased, once each: what `/quotes
   * speaker:` matches, so it can pass over a briefing that quotes nobody of that name unread. Absent in older heads.
   */
  speakerKeys?: string[];
}

/**
 * The version of the head's fields: a cache keeps heads (and the files it knows) under it, so heads written before a
 * field was added are written again, once, from the whole briefings it holds.
 */
export const HEAD_FORMAT = 2;

/** The lower-cased names a speaker filter is matched against: each quote speaker's, and its person's aliases. */
export function speakerKeysOf(briefing: Briefing): readonly string[] {
  if (briefing instanceof StoredBriefing && briefing.speakerKeys) return briefing.speakerKeys;
  const keys = new Set<string>();
  for (const q of briefing.quotes) {
    if (!q.speaker) continue;
    const person = briefing.entities.people.find((p) => p.name === q.speaker);
    for (const name of [q.speaker, ...(person?.aliases ?? [])]) keys.add(name.toLowerCase());
  }
  return [...keys];
}

/** The distinct speakers and relaying outlets of a briefing's quotes (`quoteSpeakers` of a stored one, unread). */
export function speakersOf(briefing: Briefing): readonly string[] {
  if (briefing instanceof StoredBriefing && briefing.quoteSpeakers) return briefing.quoteSpeakers;
  const names = new Set<string>();
  for (const q of briefing.quotes) {
    if (q.speaker) names.add(q.speaker);
    if (q.via) names.add(q.via);
  }
  return [...names];
}

export function headOf(briefing: Briefing): BriefingHead {
  const counts = (): [number, number, number] => {
    if (briefing instanceof StoredBriefing) return [...briefing.entityCounts];
    const { people, organizations, places } = briefing.entities;
    return [people.length, organizations.length, places.length];
  };
  return {
    id: briefing.id,
    title: briefing.title,
    hash: briefing.hash,
    date: briefing.date,
    ...(briefing.outlet !== undefined ? { outlet: briefing.outlet } : {}),
    ...(briefing.url !== undefined ? { url: briefing.url } : {}),
    wordCount: briefing.wordCount,
    entityCounts: counts(),
    speakers: [...speakersOf(briefing)],
    speakerKeys: [...speakerKeysOf(briefing)],
  };
}

/** The head `headOf` wrote, as JSON; throws when the text is not one (the caller reads the whole briefing instead). */
export function parseHead(json: string): BriefingHead {
  const head = JSON.parse(json) as BriefingHead;
  if (
    typeof head.id !== 'string' ||
    typeof head.title !== 'string' ||
    typeof head.hash !== 'string' ||
    typeof head.wordCount !== 'number' ||
    !Array.isArray(head.entityCounts) ||
    head.entityCounts.length !== 3 ||
    !stringsOrAbsent(head.speakers) ||
    !stringsOrAbsent(head.speakerKeys)
  )
    throw new Error('not a stored briefing head');
  return head;
}

function stringsOrAbsent(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((n) => typeof n === 'string'));
}

/** The whole briefing of a stored one: from a small cache of recently read ones, else from the database. */
export type ReadWhole = (briefing: StoredBriefing) => Briefing;

export class StoredBriefing implements Briefing {
  id: string;
  title: string;
  source: string;
  hash: string;
  date: string | null;
  outlet?: string;
  url?: string;
  wordCount: number;
  readonly #entityCounts: [number, number, number];
  readonly #speakers: readonly string[] | undefined;
  readonly #speakerKeys: readonly string[] | undefined;
  readonly #whole: ReadWhole;

  constructor(head: BriefingHead, source: string, whole: ReadWhole) {
    this.id = head.id;
    this.title = head.title;
    this.source = source;
    this.hash = head.hash;
    this.date = head.date;
    if (head.outlet !== undefined) this.outlet = head.outlet;
    if (head.url !== undefined) this.url = head.url;
    this.wordCount = head.wordCount;
    this.#entityCounts = head.entityCounts;
    this.#speakers = head.speakers;
    this.#speakerKeys = head.speakerKeys;
    this.#whole = whole;
  }

  /** People, organisations and places named, without reading the whole briefing. */
  get entityCounts(): readonly [number, number, number] {
    return this.#entityCounts;
  }

  /** Its quotes' speakers and relaying outlets, without reading the whole briefing; undefined for an older head. */
  get quoteSpeakers(): readonly string[] | undefined {
    return this.#speakers;
  }

  /** Its speakers' names and aliases, lower-cased (`speakerKeysOf`), unread; undefined for an older head. */
  get speakerKeys(): readonly string[] | undefined {
    return this.#speakerKeys;
  }

  /** The whole briefing, as derived (its `source` this one's). */
  whole(): Briefing {
    return this.#whole(this);
  }

  get summary(): Summary {
    return this.whole().summary;
  }
  get background(): string[] {
    return this.whole().background;
  }
  get quotes(): Quote[] {
    return this.whole().quotes;
  }
  get socialPosts(): SocialPost[] {
    return this.whole().socialPosts;
  }
  get entities(): Entities {
    return this.whole().entities;
  }
  get timeline(): TimelineEntry[] {
    return this.whole().timeline;
  }
  get sentences(): Sentence[] {
    return this.whole().sentences;
  }

  /** JSON output (`--json`, the console) is the whole briefing, exactly as a derived one prints. */
  toJSON(): Briefing {
    return this.whole();
  }
}
