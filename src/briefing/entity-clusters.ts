// How name mentions become entities: the cluster each mention is counted into (its merge key, the short forms
// that may stand for a longer name, a mention joining a cluster of another kind), and the entity a cluster gives.
import { BoundedMap } from '../core/bounded-map.js';
import { joinDescriptions } from './entity-describe.js';
import type { Mention } from './entity-mentions.js';
import { firstNameSex, knownFirstName, type Lexicon } from './lexicon/lexicon.js';
import type { Entity } from './types.js';

export type Kind = 'people' | 'organizations' | 'places';

export interface Cluster {
  kind: Kind;
  variants: Map<string, number>;
  mentions: number;
  first: number;
  descriptions: string[];
  /** Gazetteer name of a place, which may never be written as such ("the North Koreans"). */
  canonical?: string;
  /** Named only inside embedded posts. */
  inPost?: true;
}

const keyCache = new BoundedMap<string, string>(50_000);
/** Merge key: lowercase letters and digits only; cached, since Unicode normalisation is slow and names repeat. */
export const normKey = (name: string): string => {
  let k = keyCache.get(name);
  if (k === undefined) {
    keyCache.set(
      name,
      (k = name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]/g, '')),
    );
  }
  return k;
};
const tokenCache = new BoundedMap<string, string[]>(50_000);
/** Name words without initials; names repeat within and across articles, so the split is cached. */
export const nameTokens = (name: string): string[] => {
  let t = tokenCache.get(name);
  if (!t) {
    tokenCache.set(
      name,
      (t = name.split(/[\s-]+/).filter((w) => !(w.length === 2 && w[1] === '.' && w[0]! >= 'A' && w[0]! <= 'Z'))),
    );
  }
  return t;
};
export const acronymOf = (name: string) =>
  name
    .split(/\s+/)
    .filter((t) => /^[A-Z]/.test(t))
    .map((t) => t[0])
    .join('');

export function shortFormHomes(clusters: Cluster[]): Map<string, Cluster[]> {
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
export function pickHome(lex: Lexicon, m: Mention, homes: Map<string, Cluster[]>): Cluster | undefined {
  const hits = homes.get(m.name.replace(/\./g, m.name.length > 4 ? '.' : '')) ?? homes.get(m.name);
  if (!hits) return undefined;
  const order: Kind[] =
    m.kind === 'organization' ? ['organizations', 'places', 'people'] : ['people', 'organizations', 'places'];
  // "Mr Ratcliffe" is not "Nazanin Zaghari-Ratcliffe": a title's sex rules out first names of the other.
  const sex = m.title ? titleSex(m.title) : null;
  const fits = (c: Cluster) => c.kind !== 'people' || !sex || (firstNameSex(lex, bestVariant(c)) ?? sex) === sex;
  for (const kind of order) {
    const of = hits.filter((c) => c.kind === kind && (kind !== 'people' || !/^[A-Z]{2,}$/.test(m.name)) && fits(c));
    // "Ratcliffe" is Richard Ratcliffe's surname whole, only part of Nazanin Zaghari-Ratcliffe's.
    const whole = of.filter((c) => [...c.variants.keys()].some((v) => v.endsWith(` ${m.name}`)));
    const pool = whole.length ? whole : of;
    if (pool.length) return pool.reduce((a, b) => (b.mentions > a.mentions ? b : a));
  }
  return undefined;
}

export function titleSex(title: string): 'f' | 'm' | null {
  const last = title.split(/\s+/).pop()!.toLowerCase().replace(/\.$/, '');
  return last === 'mr' ? 'm' : last === 'mrs' || last === 'ms' || last === 'miss' ? 'f' : null;
}

/** The cluster's longest written name so far. */
export function bestVariant(c: Cluster): string {
  let best = '';
  for (const v of c.variants.keys()) if (nameTokens(v).length > nameTokens(best).length) best = v;
  return best;
}

export function finish(c: Cluster): Entity {
  const variants = [...c.variants].sort(
    (a, b) => (c.kind === 'places' ? 0 : nameTokens(b[0]).length - nameTokens(a[0]).length) || b[1] - a[1],
  );
  const name = c.canonical ?? variants[0]![0];
  const entity: Entity = { name, aliases: [...c.variants.keys()].filter((v) => v !== name), mentions: c.mentions };
  const description = joinDescriptions(c.descriptions);
  if (description) entity.description = description;
  if (c.inPost) entity.inPost = true;
  return entity;
}

export interface Clustering {
  clusters: Cluster[];
  byKey: Map<string, Cluster>;
  homes: Map<string, Cluster[]>;
  add: (c: Cluster, m: Mention) => void;
  open: (kind: Kind, key: string, m: Mention) => Cluster;
}

export const kindOf = (m: Mention): Kind | null =>
  m.kind === 'person' ? 'people' : m.kind === 'organization' ? 'organizations' : m.kind === 'place' ? 'places' : null;

/**
 * Headline mentions and names in embedded posts join the entities of the prose; only posts may add new people
 * (marked `inPost`). Returns the post mentions that opened or joined such a person.
 */
export function joinElsewhere(
  lex: Lexicon,
  { clusters, byKey, homes, add, open }: Clustering,
  headline: Mention[],
  inPosts: Array<{ mention: Mention }>,
): Map<Mention, Cluster> {
  const known = (m: Mention, kind: Kind | null) => {
    const t = nameTokens(m.name);
    const key = normKey(t.length > 1 && kind === 'people' ? `${t[0]} ${t[t.length - 1]}` : (m.place ?? m.name));
    return (kind && byKey.get(`${kind}:${key}`)) || pickHome(lex, m, homes);
  };
  // A headline may be the one place a person's full name is written ("Cecile Richards: …", then "Richards said").
  const bySurname = new Map<string, Cluster>();
  for (const c of clusters)
    if (c.kind === 'people') for (const v of c.variants.keys()) if (!/\s/.test(v)) bySurname.set(v, c);
  for (const m of headline) {
    const t = nameTokens(m.name);
    const c =
      known(m, kindOf(m)) ?? (m.kind === 'person' && t.length > 1 ? bySurname.get(t[t.length - 1]!) : undefined);
    if (c) add(c, m);
  }
  const postClusters = new Map<Mention, Cluster>();
  for (const { mention: m } of inPosts) {
    // Posts are loose with capitals ("my little Rocket Man"): a new person there needs a title or a known first name.
    if (!(m.kind === 'person' || m.kind === 'unknown') || !(m.title || knownFirstName(lex, nameTokens(m.name)[0]!)))
      continue;
    if (known(m, 'people')) continue;
    const t = nameTokens(m.name);
    const before = clusters.length;
    const c = open('people', normKey(t.length > 1 ? `${t[0]} ${t[t.length - 1]}` : m.name), m);
    if (clusters.length > before) {
      c.inPost = true;
      // After every person of the prose with as many mentions.
      c.first = Number.MAX_SAFE_INTEGER;
    }
    if (c.inPost) postClusters.set(m, c);
  }
  return postClusters;
}

/**
 * A "person" that nothing marks as one: no title, no description, no known first name, and its last word never
 * used alone ("Goldman Sachs", "Judicial Watch", "Super Tuesday"). Such a name is far more often an organisation,
 * an event or a product than a person.
 */
export function unsupported(lex: Lexicon, c: Cluster): boolean {
  if (c.descriptions.length || c.inPost) return false;
  for (const v of c.variants.keys()) {
    const t = nameTokens(v);
    if (t.length < 2 || knownFirstName(lex, t[0]!)) return false;
  }
  return true;
}
