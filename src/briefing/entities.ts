// People, organisations and places, merged across aliases, with mention counts.
import { describeMention, joinDescriptions } from './entity-describe.js';
import { findMentions, type Mention } from './entity-mentions.js';
import { firstNameSex } from './names-lexicon.js';
import type { Entities, Entity, Sentence } from './types.js';

type Kind = 'people' | 'organizations' | 'places';

interface Cluster {
  kind: Kind;
  variants: Map<string, number>;
  mentions: number;
  first: number;
  descriptions: string[];
  /** Gazetteer name of a place, which may never be written as such ("the North Koreans"). */
  canonical?: string;
}

export interface EntityIndex {
  entities: Entities;
  /** Every name mention with the entity it was counted into (null when dropped). */
  mentions: Array<{ mention: Mention; entity: Entity | null; kind: Kind | null }>;
  /** Every descriptor the article gives each person, titles included, not only the three kept for display. */
  descriptors: Map<Entity, string[]>;
}

export function extractEntities(sentences: Sentence[]): Entities {
  return indexEntities(sentences).entities;
}

const keyCache = new Map<string, string>();
/** Merge key: lowercase letters and digits only; cached, since Unicode normalisation is slow and names repeat. */
const normKey = (name: string): string => {
  let k = keyCache.get(name);
  if (k === undefined) {
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(name, (k = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '')));
  }
  return k;
};
const tokenCache = new Map<string, string[]>();
/** Name words without initials; names repeat within and across articles, so the split is cached. */
const nameTokens = (name: string): string[] => {
  let t = tokenCache.get(name);
  if (!t) {
    if (tokenCache.size > 50_000) tokenCache.clear();
    tokenCache.set(name, (t = name.split(/[\s-]+/).filter((w) => !(w.length === 2 && w[1] === '.' && w[0]! >= 'A' && w[0]! <= 'Z'))));
  }
  return t;
};
const acronymOf = (name: string) =>
  name.split(/\s+/).filter((t) => /^[A-Z]/.test(t)).map((t) => t[0]).join('');

// The pipeline asks for entities and then for quotes over the same sentences; both need the same index.
const cache = new WeakMap<Sentence[], EntityIndex>();

export function indexEntities(sentences: Sentence[]): EntityIndex {
  let hit = cache.get(sentences);
  if (!hit) cache.set(sentences, (hit = buildIndex(sentences)));
  return hit;
}

function buildIndex(sentences: Sentence[]): EntityIndex {
  const mentions = findMentions(sentences);
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const assigned = new Map<Mention, Cluster>();
  const add = (c: Cluster, m: Mention) => {
    c.variants.set(m.name, (c.variants.get(m.name) ?? 0) + 1);
    c.mentions++;
    c.first = Math.min(c.first, m.start);
    assigned.set(m, c);
  };
  const open = (kind: Kind, key: string, m: Mention) => {
    let c = byKey.get(`${kind}:${key}`);
    if (!c) {
      c = { kind, variants: new Map(), mentions: 0, first: m.start, descriptions: [] };
      clusters.push(c);
      byKey.set(`${kind}:${key}`, c);
    }
    add(c, m);
    return c;
  };
  // Longest names first, so that short forms can join the full name they abbreviate.
  const ordered = [...mentions].sort((a, b) => nameTokens(b.name).length - nameTokens(a.name).length || a.start - b.start);
  // A hyphenated surname alone ("Zaghari-Ratcliffe") is a short form, like "Ratcliffe".
  const multi = ordered.filter((m) => (nameTokens(m.name).length > 1 && /\s/.test(m.name)) || m.kind === 'place');
  for (const m of multi) {
    if (m.kind === 'place') open('places', normKey(m.place ?? m.name), m).canonical = m.place ?? m.name;
    else if (m.kind === 'organization') open('organizations', normKey(m.name), m);
    else if (m.kind === 'person') {
      const t = nameTokens(m.name);
      open('people', normKey(`${t[0]} ${t[t.length - 1]}`), m);
    }
  }
  const homes = shortFormHomes(clusters);
  for (const m of ordered) {
    if (assigned.has(m) || m.kind === 'place') continue;
    const c = pickHome(m, homes);
    if (c) add(c, m);
    else if (m.kind === 'person') open('people', normKey(m.name), m);
    else if (m.kind === 'organization' || /^[A-Z]{2,6}$/.test(m.name)) open('organizations', normKey(m.name), m);
  }
  const byIndex = new Map(sentences.map((s) => [s.index, s]));
  for (const m of mentions) {
    const c = assigned.get(m);
    const s = byIndex.get(m.sentence);
    if (c?.kind === 'people' && s) c.descriptions.push(...describeMention(m, s));
  }
  const toEntity = new Map<Cluster, Entity>();
  const descriptors = new Map<Entity, string[]>();
  const entities: Entities = { people: [], organizations: [], places: [] };
  for (const c of clusters) {
    const e = finish(c);
    toEntity.set(c, e);
    if (c.descriptions.length) descriptors.set(e, c.descriptions);
    entities[c.kind].push(e);
  }
  const first = new Map(clusters.map((c) => [toEntity.get(c)!, c.first]));
  for (const k of ['people', 'organizations', 'places'] as const) {
    entities[k].sort((a, b) => b.mentions - a.mentions || first.get(a)! - first.get(b)!);
  }
  return {
    entities,
    descriptors,
    mentions: mentions.map((m) => {
      const c = assigned.get(m);
      return { mention: m, entity: c ? toEntity.get(c)! : null, kind: c?.kind ?? null };
    }),
  };
}

/** Which multi-word entities each single word or acronym could abbreviate ("Kim", "Journal", "AP", "NK"). */
function shortFormHomes(clusters: Cluster[]): Map<string, Cluster[]> {
  const homes = new Map<string, Cluster[]>();
  const put = (word: string, c: Cluster) => {
    const list = homes.get(word) ?? [];
    if (!list.includes(c)) list.push(c);
    homes.set(word, list);
  };
  for (const c of clusters) {
    for (const v of c.variants.keys()) {
      const t = nameTokens(v);
      if (t.length < 2) continue;
      put(t[t.length - 1]!, c);
      const surname = v.slice(v.lastIndexOf(' ') + 1);
      if (surname.includes('-')) put(surname, c);
      if (c.kind === 'people') put(t[0]!, c);
      else put(acronymOf(v), c);
    }
  }
  return homes;
}

/** A short form joins the most-mentioned entity it abbreviates, people first unless it looks like an organisation. */
function pickHome(m: Mention, homes: Map<string, Cluster[]>): Cluster | undefined {
  const hits = homes.get(m.name.replace(/\./g, m.name.length > 4 ? '.' : '')) ?? homes.get(m.name);
  if (!hits) return undefined;
  const order: Kind[] = m.kind === 'organization' ? ['organizations', 'places', 'people'] : ['people', 'organizations', 'places'];
  // "Mr Ratcliffe" is not "Nazanin Zaghari-Ratcliffe": a title's sex rules out first names of the other.
  const sex = m.title ? titleSex(m.title) : null;
  const fits = (c: Cluster) => c.kind !== 'people' || !sex || (firstNameSex(bestVariant(c)) ?? sex) === sex;
  for (const kind of order) {
    const of = hits.filter((c) => c.kind === kind && (kind !== 'people' || !/^[A-Z]{2,}$/.test(m.name)) && fits(c));
    // "Ratcliffe" is Richard Ratcliffe's surname whole, only part of Nazanin Zaghari-Ratcliffe's.
    const whole = of.filter((c) => [...c.variants.keys()].some((v) => v.endsWith(` ${m.name}`)));
    const pool = whole.length ? whole : of;
    if (pool.length) return pool.reduce((a, b) => (b.mentions > a.mentions ? b : a));
  }
  return undefined;
}

function titleSex(title: string): 'f' | 'm' | null {
  const last = title.split(/\s+/).pop()!.toLowerCase().replace(/\.$/, '');
  return last === 'mr' ? 'm' : last === 'mrs' || last === 'ms' || last === 'miss' ? 'f' : null;
}

/** The cluster's longest written name so far. */
function bestVariant(c: Cluster): string {
  let best = '';
  for (const v of c.variants.keys()) if (nameTokens(v).length > nameTokens(best).length) best = v;
  return best;
}

function finish(c: Cluster): Entity {
  const variants = [...c.variants].sort(
    (a, b) => (c.kind === 'places' ? 0 : nameTokens(b[0]).length - nameTokens(a[0]).length) || b[1] - a[1],
  );
  const name = c.canonical ?? variants[0]![0];
  const entity: Entity = { name, aliases: [...c.variants.keys()].filter((v) => v !== name), mentions: c.mentions };
  const description = joinDescriptions(c.descriptions);
  if (description) entity.description = description;
  return entity;
}
