// ECB+ for story clustering: the documents as article features, shuffled arrival orders, B-cubed scores,
// the TF-IDF single-pass baseline, and the replay of gold stories that training learns from.
import { deriveBriefing } from '../src/briefing/derive.js';
import { StoryClusterer, type ClusterOptions } from '../src/stories/cluster.js';
import { articleFeatures, type ArticleFeatures } from '../src/stories/features.js';
import type { SameStoryModel } from '../src/stories/model.js';
import { contentTerms } from '../src/questions/terms.js';
import { readJsonl, SHARED_EVAL } from './data.js';

export interface EcbDoc {
  id: string;
  topic: number;
  event: string;
  text: string;
  features: ArticleFeatures;
}

export function loadEcb(dir = SHARED_EVAL): EcbDoc[] {
  return readJsonl<{ id: string; topic: number; event: string; text: string }>(`${dir}ecbplus-dev.jsonl`).map((r) => ({
    ...r,
    features: articleFeatures(deriveBriefing({ text: r.text, source: r.id })),
  }));
}

/** A seeded Fisher–Yates shuffle (mulberry32), so every run sees the same orders. */
export function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** B-cubed over items: `predicted[i]` and `gold[i]` are the cluster labels of item i. */
export function bcubed(predicted: Array<string | number>, gold: Array<string | number>): BCubed {
  const count = (labels: Array<string | number>) => {
    const m = new Map<string | number, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const pred = count(predicted);
  const gd = count(gold);
  const both = count(predicted.map((p, i) => `${p}\u0000${gold[i]}`));
  let p = 0;
  let r = 0;
  for (let i = 0; i < predicted.length; i++) {
    const shared = both.get(`${predicted[i]}\u0000${gold[i]}`)!;
    p += shared / pred.get(predicted[i]!)!;
    r += shared / gd.get(gold[i]!)!;
  }
  p /= predicted.length || 1;
  r /= predicted.length || 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export function clusterOrder(docs: EcbDoc[], model: SameStoryModel): BCubed {
  const clusterer = new StoryClusterer({ model });
  const labels = docs.map((d) => clusterer.add(d.features).story);
  return bcubed(
    labels,
    docs.map((d) => d.event),
  );
}

/** The eval README's baseline: cosine of TF-IDF to each story's centroid, IDF over the whole set, one pass. */
export function baselineOrder(docs: EcbDoc[], threshold: number): BCubed {
  const tfs = docs.map((d) => {
    const m = new Map<string, number>();
    for (const t of contentTerms(d.text)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  const df = new Map<string, number>();
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const unit = (tf: Map<string, number>) => {
    const v = new Map<string, number>();
    let n = 0;
    for (const [t, c] of tf) {
      const w = c * Math.log(docs.length / df.get(t)!);
      v.set(t, w);
      n += w * w;
    }
    for (const [t, w] of v) v.set(t, w / Math.sqrt(n || 1));
    return v;
  };
  const centroids: Array<Map<string, number>> = [];
  const labels = tfs.map((tf) => {
    const v = unit(tf);
    let best = -1;
    let bestSim = threshold;
    centroids.forEach((c, i) => {
      let dot = 0;
      let n = 0;
      for (const w of c.values()) n += w * w;
      for (const [t, w] of v) dot += w * (c.get(t) ?? 0);
      const sim = n ? dot / Math.sqrt(n) : 0;
      if (sim >= bestSim) [best, bestSim] = [i, sim];
    });
    if (best < 0) {
      centroids.push(new Map(v));
      return centroids.length - 1;
    }
    const c = centroids[best]!;
    for (const [t, w] of v) c.set(t, (c.get(t) ?? 0) + w);
    return best;
  });
  return bcubed(
    labels,
    docs.map((d) => d.event),
  );
}

/** Replays the gold stories in this order through the clusterer's own steps: every candidate with its label. */
export function goldPairs(
  docs: EcbDoc[],
  model: SameStoryModel,
  options: Partial<ClusterOptions> = {},
): { x: number[][]; y: number[] } {
  const clusterer = new StoryClusterer({ ...options, model });
  const storyOf = new Map<string, number>();
  const x: number[][] = [];
  const y: number[] = [];
  for (const d of docs) {
    const vector = clusterer.observe(d.features);
    const gold = storyOf.get(d.event);
    for (const c of clusterer.candidates(d.features, vector)) {
      x.push(c.features);
      y.push(c.story.index === gold ? 1 : 0);
    }
    if (gold === undefined) storyOf.set(d.event, clusterer.create(d.features, vector));
    else clusterer.join(gold, d.features, vector);
  }
  return { x, y };
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
