// `npm run train:quotes`: fits the speaker ranker (src/briefing/quote-ranker.ts) on PolNeAR train and writes
// src/briefing/quote-ranker-model.json. Deterministic (Newton's method from zero weights, articles in file order).
// A candidate is labelled right when the stricter reading would count it (eval/quotes-eval.ts `strictMatch`);
// quotes whose annotated source is a pronoun are left out, since their right name is not annotated.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanDocument } from '../src/briefing/clean.js';
import { extractEntities } from '../src/briefing/entities.js';
import { CANDIDATE_FEATURES } from '../src/briefing/quote-candidates.js';
import type { RankerModel } from '../src/briefing/quote-ranker.js';
import { extractQuotes, speakerCandidates } from '../src/briefing/quotes.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { fitLogistic } from '../src/stories/logistic.js';
import { loadPolnear, matchFor, strictMatch, type Article, type Extractor } from './polnear.js';

/** Probability of being right at which a candidate is named: even odds, fixed in advance, not tuned. */
export const THRESHOLD = 0.5;
const L2 = 1;

interface Rows { x: number[][]; y: number[] }
const cache = new Map<string, Rows>();

/** Labelled candidate rows of one article. */
export function articleRows(a: Article): Rows {
  const hit = cache.get(a.id);
  if (hit) return hit;
  const quotes = speakerCandidates(a.article, splitSentences(cleanDocument(a.article)));
  const rows: Rows = { x: [], y: [] };
  const done = new Set<object>();
  const preds = quotes.map((q, i) => ({ text: q.text, start: q.start, end: q.end, speaker: null, i }));
  for (const at of a.attributions) {
    if (at.type === 'indirect' || !at.source || at.source.some((s) => s.is_pronoun)) continue;
    const src = at.source.map((s) => s.text).join(' ');
    for (const g of at.quoted_segments) {
      const p = matchFor(g, preds, new Set());
      if (!p || done.has(p)) continue;
      done.add(p);
      for (const c of quotes[(p as (typeof preds)[number]).i]!.candidates) {
        rows.x.push(c.x);
        rows.y.push(strictMatch(src, c.name) ? 1 : 0);
      }
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
    const sentences = splitSentences(cleanDocument(text));
    return extractQuotes(text, sentences, extractEntities(sentences), { ranker });
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
