// `npm run train:quotes`: fits the speaker ranker (src/briefing/quote-ranker.ts) on PolNeAR train and writes
// src/briefing/quote-ranker-model.json. Deterministic (Newton's method from zero weights, articles in file order).
// A candidate is labelled right when the stricter reading would count it (eval/polnear.ts `strictMatch`); every
// candidate of a quote that no annotated source claims is wrong; quotes whose source is a pronoun or a definite
// description are left out, since the name they stand for is not annotated.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanDocument } from '../src/briefing/clean.js';
import { indexEntities } from '../src/briefing/entities.js';
import { CANDIDATE_FEATURES } from '../src/briefing/quote-candidates.js';
import type { RankerModel } from '../src/briefing/quote-ranker.js';
import { extractQuotes, speakerCandidates } from '../src/briefing/quotes.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { fitLogistic } from '../src/stories/logistic.js';
import { loadPolnear, matchFor, namedKey, strictMatch, type Article, type Extractor } from './polnear.js';

/** Probability of being right at which a candidate is named: even odds, fixed in advance, not tuned. */
export const THRESHOLD = 0.5;
const L2 = 1;

interface Rows {
  x: number[][];
  y: number[];
}
const cache = new Map<string, Rows>();

/** Labelled candidate rows of one article. */
export function articleRows(a: Article): Rows {
  const hit = cache.get(a.id);
  if (hit) return hit;
  const quotes = speakerCandidates(a.article, splitSentences(cleanDocument(a.article)));
  const rows: Rows = { x: [], y: [] };
  const preds = quotes.map((q, i) => ({ text: q.text, start: q.start, end: q.end, speaker: null, i }));
  type P = (typeof preds)[number];
  // Each quote takes the first annotation it matches; a quote no annotated source claims teaches "unattributed".
  const label = new Map<P, string | null | undefined>();
  for (const at of a.attributions) {
    if (at.type === 'indirect') continue;
    const src = at.source?.map((s) => s.text).join(' ') ?? null;
    // A pronoun or a definite description ("the Texas senator") is annotated without the name it stands for.
    const unknown =
      !!at.source?.some((s) => s.is_pronoun) || (!!src && !namedKey(src) && /^\s*(?:the|this|that)\s/i.test(src));
    for (const g of at.quoted_segments) {
      const p = matchFor(g, preds, new Set()) as P | undefined;
      if (p && !label.has(p)) label.set(p, unknown ? undefined : src);
    }
  }
  for (const p of preds) {
    const src = label.has(p) ? label.get(p) : null;
    if (src === undefined) continue;
    for (const c of quotes[p.i]!.candidates) {
      rows.x.push(c.x);
      rows.y.push(src !== null && strictMatch(src, c.name) ? 1 : 0);
    }
  }
  cache.set(a.id, rows);
  return rows;
}

export function trainRanker(articles: Article[]): RankerModel {
  const x: number[][] = [];
  const y: number[] = [];
  for (const a of articles) {
    const r = articleRows(a);
    x.push(...r.x);
    y.push(...r.y);
  }
  const fit = fitLogistic(x, y, { l2: L2 });
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { features: CANDIDATE_FEATURES, weights: fit.weights.map(round), bias: round(fit.bias), threshold: THRESHOLD };
}

/** The extractor for a cross-validation fold: the ranker fitted on `train` only. */
export function cvExtractor(_fold: number, train: Article[]): Extractor {
  const ranker = trainRanker(train);
  return (text) => {
    const doc = cleanDocument(text);
    const sentences = splitSentences(doc);
    const index = indexEntities(sentences, doc.socialPosts);
    return extractQuotes(text, sentences, { ranker, index });
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const model = trainRanker(loadPolnear('train'));
  const out = fileURLToPath(new URL('../src/briefing/quote-ranker-model.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`wrote ${out} in ${Math.round(performance.now() - t0)} ms`);
  for (const [i, f] of CANDIDATE_FEATURES.entries()) console.log(`  ${f.padEnd(40)} ${model.weights[i]}`);
  console.log(`  ${'bias'.padEnd(40)} ${model.bias}`);
}
