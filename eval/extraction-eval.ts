// Article extraction on the shared scrapinghub benchmark pages, scored by the benchmark's own method
// (evaluate.py): 4-word shingles (tokens are \w+ runs, case kept) counted with multiplicity, tp/fp/fn normalised
// per page, precision and recall averaged over pages, F1 from the two means. `--folds` prints the two halves
// (by id) separately, for tuning on one and checking on the other.
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/sources/extract.js';
import { SHARED_EVAL } from './data.js';

const DIR = join(SHARED_EVAL, 'article-extraction');

export interface ExtractionScore {
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

type Counts = [number, number, number];

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - 3); i++) {
    const s = tokens.slice(i, i + 4);
    if (!s.length) continue;
    const key = s.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function shingleCounts(truth: string, pred: string): Counts {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

export function scoreOf(counts: Counts[]): ExtractionScore {
  const prec = (tp: number, fp: number, fn: number) =>
    fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
  const rec = (tp: number, fp: number, fn: number) =>
    fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  const precision = mean(counts.filter(([tp, fp]) => tp + fp > 0).map((c) => prec(...c)));
  const recall = mean(counts.filter(([tp, , fn]) => tp + fn > 0).map((c) => rec(...c)));
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: counts.length, precision: r(precision), recall: r(recall), f1: r(f1) };
}

interface Page {
  id: string;
  html: string;
  truth: string;
  url: string;
}

export function loadPages(): Page[] {
  const truth = JSON.parse(readFileSync(join(DIR, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  return readdirSync(join(DIR, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.html\.gz$/, '');
      return {
        id,
        html: gunzipSync(readFileSync(join(DIR, 'html', f))).toString('utf8'),
        truth: truth[id]?.articleBody ?? '',
        url: truth[id]?.url ?? '',
      };
    });
}

function readabilityOnly(html: string): string {
  const { document } = parseHTML(html);
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
}

/** Fold of a page: the parity of its id's first hex digit, a split fixed by the ids and nothing else. */
const fold = (id: string) => parseInt(id[0]!, 16) % 2;

export function runExtractionEval(options: { folds?: boolean; worst?: number } = {}): Record<string, ExtractionScore> {
  const pages = loadPages();
  const ours: Counts[] = [];
  const base: Counts[] = [];
  for (const page of pages) {
    ours.push(shingleCounts(page.truth, extractArticle(page.html, { url: page.url }).text));
    base.push(shingleCounts(page.truth, readabilityOnly(page.html)));
  }
  const out: Record<string, ExtractionScore> = { briefbot: scoreOf(ours), readabilityOnly: scoreOf(base) };
  if (options.folds) {
    for (const f of [0, 1]) {
      const idx = pages.map((p, i) => (fold(p.id) === f ? i : -1)).filter((i) => i >= 0);
      out[`briefbot fold ${f}`] = scoreOf(idx.map((i) => ours[i]!));
      out[`readability fold ${f}`] = scoreOf(idx.map((i) => base[i]!));
    }
  }
  if (options.worst) {
    const rows = pages.map((p, i) => ({ id: p.id.slice(0, 8), fold: fold(p.id), ours: ours[i]!, base: base[i]! }));
    rows.sort((a, b) => a.ours[0] - a.base[0] || a.ours[0] - b.ours[0]);
    for (const r of rows.slice(0, options.worst))
      console.log(
        r.id,
        r.fold,
        r.ours.map((x) => x.toFixed(2)).join('/'),
        'vs readability',
        r.base.map((x) => x.toFixed(2)).join('/'),
      );
  }
  return out;
}

if (process.argv[1]?.endsWith('extraction-eval.ts')) {
  const worstAt = process.argv.indexOf('--worst');
  console.log(
    runExtractionEval({
      folds: process.argv.includes('--folds'),
      worst: worstAt > 0 ? Number(process.argv[worstAt + 1]) : 0,
    }),
  );
}
