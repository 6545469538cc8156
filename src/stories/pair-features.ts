// How much an article looks like a story, as a few interpretable numbers, each roughly in [0, 1]. The
// "same story?" model weighs them; names, places and dates are what keep two look-alike events apart.
import type { DocFreq, Idf } from './doc-freq.js';
import type { ArticleFeatures } from './features.js';
import type { StoryState, TermVector } from './story-state.js';

export const PAIR_FEATURES = [
  'termCos',
  'nameCos',
  'placeCos',
  'topNames',
  'storyTopNames',
  'dayShare',
  'yearSame',
  'yearConflict',
  'timeClose',
  'timeFar',
  'size',
  'termXname',
  'disjoint',
  'leadCos',
  'personSame',
  'personClash',
] as const;

export type { Idf } from './doc-freq.js';

const DAY_MS = 86_400_000;

/** The squared norm of the article's idf-weighted terms: the same for every story it is compared with. */
export function termNorm2(a: TermVector, df: Idf['terms']): number {
  let na = 0;
  for (const [k, v] of a) na += (v * df.idf(k)) ** 2;
  return na;
}

function termCosine(a: TermVector, story: StoryState, df: Idf['terms'], na = termNorm2(a, df)): number {
  let dot = 0;
  let nb = 0;
  for (let i = 0; i < story.termIds.length; i++) {
    const id = story.termIds[i]!;
    const idf = df.idf(id);
    const wb = story.termWeights[i]! * idf;
    nb += wb * wb;
    const va = a.get(id);
    if (va !== undefined) dot += va * idf * wb;
  }
  return dot === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function cosine<K>(a: Map<K, number>, b: Map<K, number>, df: DocFreq<K>): number {
  let dot = 0;
  let na = 0;
  for (const [k, v] of a) {
    const idf = df.idf(k);
    const wa = v * idf;
    na += wa * wa;
    const vb = b.get(k);
    if (vb !== undefined) dot += wa * vb * idf;
  }
  if (dot === 0) return 0;
  let nb = 0;
  for (const [k, v] of b) {
    const wb = v * df.idf(k);
    nb += wb * wb;
  }
  return dot / Math.sqrt(na * nb);
}

/** Share (by weight × idf) of the three strongest names of `from` that `to` also has. */
function topNames(from: Map<string, number>, to: Map<string, number>, df: DocFreq): number {
  const ranked = [...from]
    .filter(([k]) => !k.startsWith('~'))
    .map(([k, w]) => [k, w * df.idf(k)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3);
  let total = 0;
  let hit = 0;
  for (const [k, w] of ranked) {
    total += w;
    if (to.has(k)) hit += w;
  }
  return total ? hit / total : 0;
}

/**
 * The person each names most: the same one is strong evidence, two different ones (two arrests on one team)
 * against. [same, clash]; both 0 when either names nobody.
 */
function personMatch(article: ArticleFeatures, story: StoryState): [number, number] {
  if (article.person === null || story.person === null) return [0, 0];
  return article.person === story.person ? [1, 0] : [0, 1];
}

/** Cosine of idf-weighted id vectors. */
function idCosine(a: Map<number, number>, b: Map<number, number>, df: Idf['terms']): number {
  let dot = 0;
  let na = 0;
  for (const [k, v] of a) {
    const idf = df.idf(k);
    na += (v * idf) ** 2;
    const vb = b.get(k);
    if (vb !== undefined) dot += v * vb * idf * idf;
  }
  if (dot === 0) return 0;
  let nb = 0;
  for (const [k, v] of b) nb += (v * df.idf(k)) ** 2;
  return dot / Math.sqrt(na * nb);
}

/**
 * `norm2` is `termNorm2(vector, idf.terms)` (or undefined), when the caller compares one article with many stories;
 * `lead` is the article's `leadVector`.
 */
export function pairFeatures(
  article: ArticleFeatures,
  vector: TermVector,
  story: StoryState,
  idf: Idf,
  norm2: number | undefined,
  lead: Map<number, number>,
): number[] {
  const termCos = termCosine(vector, story, idf.terms, norm2);
  const nameCos = cosine(article.names, story.names, idf.names);
  const placeCos = cosine(article.places, story.places, idf.places);
  let shared = 0;
  for (const d of article.days) if (story.days.has(d)) shared += 1;
  const dayShare = article.days.length ? shared / article.days.length : 0;
  const yearKnown = article.year !== null && story.years.size > 0;
  const yearSame = yearKnown && story.years.has(article.year!) ? 1 : 0;
  const yearConflict = yearKnown && !yearSame ? 1 : 0;
  // Events decay: close in time is evidence for, far apart evidence against; unknown is neither.
  let timeClose = 0;
  let timeFar = 0;
  if (article.published !== null && story.first !== null && story.last !== null) {
    const t = article.published;
    const days = t < story.first ? (story.first - t) / DAY_MS : t > story.last ? (t - story.last) / DAY_MS : 0;
    timeClose = Math.exp(-days / 7);
    timeFar = Math.min(1, Math.log1p(days) / Math.log1p(365));
  }
  // Both name people, organisations or places and share none: two events of one kind, not one event.
  const named = (article.names.size || article.places.size) && (story.names.size || story.places.size);
  const disjoint = named && nameCos === 0 && placeCos === 0 ? 1 : 0;
  const size = Math.min(1, Math.log1p(story.size) / Math.log1p(50));
  return [
    termCos,
    nameCos,
    placeCos,
    topNames(article.names, story.names, idf.names),
    topNames(story.names, article.names, idf.names),
    dayShare,
    yearSame,
    yearConflict,
    timeClose,
    timeFar,
    size,
    termCos * nameCos,
    disjoint,
    idCosine(lead, story.lead, idf.terms),
    ...personMatch(article, story),
  ];
}
