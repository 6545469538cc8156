// tldr, key points (most important first) and background, kept apart so they never repeat each other.
import { contentWords, newestYear, sentenceFeatures, type SentenceFeatures } from './summary-features.js';
import type { Sentence, Summary } from './types.js';

export interface SummaryResult {
  summary: Summary;
  background: string[];
}

export interface SummaryOptions {
  /** The article's year, when known; otherwise the newest year the text mentions stands in for it. */
  year?: number | null;
  /** Further text (e.g. embedded posts) that may reveal how recent the article is. */
  context?: string[];
  /** How many key points to return. */
  keyPoints?: number;
  weights?: Partial<Weights>;
}

/** Tuned on the FRANK validation split of cnndm-sample (see eval/summary-eval.ts). */
export const DEFAULT_WEIGHTS = {
  position: 0.58,
  /** Position prior decays as 1 / (1 + index / positionScale). */
  positionScale: 1.5,
  centrality: 1.2,
  leadSimilarity: 0.16,
  /** Share of a candidate's words already covered by better key points that counts against it. */
  redundancy: 0.3,
  // Recency cues barely move CNN/DM (its news is already on top) but decide stories that open with history.
  recency: 0.02,
  background: 0.5,
  // Daily Mail captions lack a full stop yet often state the story plainly, so they are not penalised.
  fragment: 0,
  question: 0.57,
  quoteLed: 0,
  short: 0.58,
  long: 0.39,
};
export type Weights = typeof DEFAULT_WEIGHTS;

const MIN_WORDS = 8;
const MIN_KEY_POINTS = 3;
const MAX_WORDS = 45;

function score(f: SentenceFeatures, index: number, w: Weights): number {
  let s = w.position / (1 + index / w.positionScale) + w.centrality * f.centrality + w.leadSimilarity * f.leadSimilarity + w.recency * Math.min(2, f.recency);
  s -= w.background * f.background;
  if (f.fragment) s -= w.fragment;
  if (f.question) s -= w.question;
  if (f.quoteLed) s -= w.quoteLed;
  if (f.words < MIN_WORDS) s -= (w.short * (MIN_WORDS - f.words)) / MIN_WORDS;
  if (f.words > MAX_WORDS) s -= (w.long * Math.min(f.words - MAX_WORDS, MAX_WORDS)) / MAX_WORDS;
  return s;
}

/**
 * A story that opens with history ("One of the more bizarre moments…") stays in the past until it turns
 * to the news with a recency cue ("now", "on Friday"), so the sentences before that turn are background too.
 */
function carryBackground(features: SentenceFeatures[]): void {
  if (!features[0] || features[0].background === 0) return;
  for (const f of features) {
    if (f.recency > 0) return;
    f.background = Math.max(f.background, 1);
  }
}

const normal = (text: string) => text.toLowerCase().replace(/\W+/g, ' ').trim();

export function summarize(sentences: Sentence[], options: SummaryOptions = {}): SummaryResult {
  const w = { ...DEFAULT_WEIGHTS, ...options.weights };
  const year = options.year ?? newestYear([...sentences.map((s) => s.text), ...(options.context ?? [])]);
  const bags = sentences.map((s) => contentWords(s.text));
  const features = sentenceFeatures(sentences, year, bags);
  carryBackground(features);
  const ranked = sentences
    .map((s, i) => ({ s, f: features[i]!, score: score(features[i]!, i, w), norm: normal(s.text), words: bags[i]! }))
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index);
  const keyCount = options.keyPoints ?? 5;
  const seen = new Set<string>();
  const key: typeof ranked = [];
  const covered = new Set<string>();
  const take = (admit: (f: SentenceFeatures) => boolean, upTo: number) => {
    while (key.length < upTo) {
      let best: (typeof ranked)[number] | undefined;
      let bestScore = -Infinity;
      for (const r of ranked) {
        // Redundancy only lowers a score, so nothing further down the ranking can win.
        if (r.score <= bestScore) break;
        if (seen.has(r.norm) || !admit(r.f)) continue;
        // A sentence that repeats what the key points already say adds little (captions repeat the lead).
        const repeat = r.words.length ? r.words.filter((x) => covered.has(x)).length / r.words.length : 1;
        const value = r.score - w.redundancy * repeat;
        if (value > bestScore) [best, bestScore] = [r, value];
      }
      if (!best) return;
      seen.add(best.norm);
      for (const x of best.words) covered.add(x);
      key.push(best);
    }
  };
  // Background belongs under /background; it only fills in when the news alone is too thin.
  take((f) => f.background === 0, keyCount);
  take(() => true, Math.min(MIN_KEY_POINTS, keyCount));
  const keyPoints = key.map((r) => r.s.text);
  const tldrParts = keyPoints.slice(0, 1);
  // A short lead sentence rarely carries the whole story; the next key point completes it.
  if (key[0] && key[1] && key[0].f.words < 20 && key[1].f.words < 30) tldrParts.push(keyPoints[1]!);
  const chosen = new Set(key.map((r) => r.s.index));
  const background = sentences
    .filter((s, i) => !chosen.has(s.index) && features[i]!.background > 0 && !features[i]!.fragment && !seen.has(normal(s.text)))
    .slice(0, 4)
    .map((s) => s.text);
  return { summary: { tldr: tldrParts.join(' '), keyPoints }, background };
}
