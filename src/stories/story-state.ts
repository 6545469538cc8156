// One story as the clusterer keeps it: its articles' summed features, compactly, and their time span.
import type { Idf } from './doc-freq.js';
import type { ArticleFeatures } from './features.js';

/** An article's terms as vocabulary ids with sublinear weights summing to 1. */
export type TermVector = Map<number, number>;

export interface StoryState {
  /** Dense number, in order of creation. */
  index: number;
  size: number;
  /** The story's strongest terms (sorted ids) and their summed weights: a centroid kept to `maxTerms`. */
  termIds: Int32Array;
  termWeights: Float32Array;
  names: Map<string, number>;
  places: Map<string, number>;
  /** Headline-and-lead terms (vocabulary id → summed count), kept to the strongest few dozen. */
  lead: Map<number, number>;
  /** The surname the story names most (a key of `names`, "~lohan"), and its weight there. */
  person: string | null;
  personWeight: number;
  days: Set<string>;
  years: Map<number, number>;
  first: number | null;
  last: number | null;
}

export function newStory(index: number): StoryState {
  return {
    index,
    size: 0,
    termIds: new Int32Array(0),
    termWeights: new Float32Array(0),
    names: new Map(),
    places: new Map(),
    lead: new Map(),
    person: null,
    personWeight: 0,
    days: new Set(),
    years: new Map(),
    first: null,
    last: null,
  };
}

/** Sublinear term weights of an article, scaled to sum to 1, keyed by vocabulary id. */
export function termVector(terms: Map<string, number>, vocabulary: Map<string, number>): TermVector {
  let total = 0;
  const out: TermVector = new Map();
  for (const [t, n] of terms) {
    let id = vocabulary.get(t);
    if (id === undefined) vocabulary.set(t, (id = vocabulary.size));
    const w = 1 + Math.log(n);
    out.set(id, w);
    total += w;
  }
  for (const [t, w] of out) out.set(t, w / (total || 1));
  return out;
}

function addInto<K>(into: Map<K, number>, from: Map<K, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

/** The article's lead terms as vocabulary ids (every lead term is also a text term, so it has one). */
export function leadVector(lead: Map<string, number>, vocabulary: Map<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [t, n] of lead) {
    const id = vocabulary.get(t);
    if (id !== undefined) out.set(id, 1 + Math.log(n));
  }
  return out;
}

const MAX_LEAD = 60;

/** Adds the article; the centroid keeps its `maxTerms` strongest terms by weight × idf. */
export function joinStory(
  story: StoryState,
  article: ArticleFeatures,
  vector: TermVector,
  df: Idf['terms'],
  maxTerms: number,
  lead?: Map<number, number>,
): void {
  story.size += 1;
  const merged = new Map(vector);
  for (let i = 0; i < story.termIds.length; i++)
    merged.set(story.termIds[i]!, (merged.get(story.termIds[i]!) ?? 0) + story.termWeights[i]!);
  let entries = [...merged];
  if (entries.length > maxTerms) {
    entries = entries
      .map(([id, w]) => [id, w, w * df.idf(id)] as const)
      .sort((a, b) => b[2] - a[2] || a[0] - b[0])
      .slice(0, maxTerms)
      .map(([id, w]) => [id, w] as [number, number]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  story.termIds = Int32Array.from(entries, (e) => e[0]);
  story.termWeights = Float32Array.from(entries, (e) => e[1]);
  addInto(story.names, article.names);
  addInto(story.places, article.places);
  // Weights only grow, so the most-named surname can only change to one this article names.
  for (const k of article.names.keys()) {
    if (!k.startsWith('~')) continue;
    const w = story.names.get(k)!;
    if (w > story.personWeight || (w === story.personWeight && story.person !== null && k < story.person))
      [story.person, story.personWeight] = [k, w];
  }
  if (lead) {
    addInto(story.lead, lead);
    if (story.lead.size > MAX_LEAD) {
      const kept = [...story.lead]
        .map(([id, w]) => [id, w, w * df.idf(id)] as const)
        .sort((a, b) => b[2] - a[2] || a[0] - b[0])
        .slice(0, MAX_LEAD);
      story.lead = new Map(kept.map(([id, w]) => [id, w]));
    }
  }
  for (const d of article.days) story.days.add(d);
  if (article.year !== null) story.years.set(article.year, (story.years.get(article.year) ?? 0) + 1);
  if (article.published !== null) {
    story.first = story.first === null ? article.published : Math.min(story.first, article.published);
    story.last = story.last === null ? article.published : Math.max(story.last, article.published);
  }
}
