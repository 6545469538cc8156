// Stories in `npm run eval`: B-cubed on ECB+ dev fed in shuffled orders (the shipped model, and models
// trained with a third of the topics held out), beside the TF-IDF single-pass baseline; near-duplicate
// precision and recall on copies of the eval articles made here. `node bin/run-ts.mjs eval/stories-eval.ts` runs
// only this part and prints its JSON.
import { fileURLToPath } from 'node:url';
import { defaultModel } from '../src/stories/model.js';
import { NearDupIndex, signature } from '../src/stories/near-dup.js';
import { loadSummaryRecords } from './data.js';
import { baselineOrder, clusterOrder, loadEcb, mean, shuffled, type BCubed } from './stories-ecb.js';
import { trainModel } from './train-stories.js';

const EVAL_SEEDS = [1, 2, 3, 4, 5];
const MORE_SEEDS = Array.from({ length: 20 }, (_, i) => 100 + i);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const summary = (rs: BCubed[]) => ({
  precision: r3(mean(rs.map((r) => r.precision))),
  recall: r3(mean(rs.map((r) => r.recall))),
  f1: r3(mean(rs.map((r) => r.f1))),
  perShuffle: rs.map((r) => ({ precision: r3(r.precision), recall: r3(r.recall), f1: r3(r.f1) })),
});

export function runStoriesEval() {
  const docs = loadEcb();
  const model = defaultModel();
  const shipped = EVAL_SEEDS.map((s) => clusterOrder(shuffled(docs, s), model));
  const baseline = EVAL_SEEDS.map((s) => baselineOrder(shuffled(docs, s), 0.2));
  // Topics the model never saw: train on two thirds of the topics, cluster the rest.
  const topics = [...new Set(docs.map((d) => d.topic))].sort((a, b) => a - b);
  const fold = (t: number) => topics.indexOf(t) % 3;
  const folds = [0, 1, 2].map((f) => ({
    model: trainModel(docs.filter((d) => fold(d.topic) !== f)),
    test: docs.filter((d) => fold(d.topic) === f),
  }));
  const heldOut = folds.map(({ model: m, test }) => summary(EVAL_SEEDS.map((s) => clusterOrder(shuffled(test, s), m))));
  // The same fold models on 20 more shuffles: one greedy early join moves a 5-shuffle mean by a point or two.
  const more = folds.map(({ model: m, test }) => summary(MORE_SEEDS.map((s) => clusterOrder(shuffled(test, s), m))));
  const moreF1 = MORE_SEEDS.map((_, i) => mean(more.map((h) => h.perShuffle[i]!.f1)));
  return {
    docs: docs.length,
    events: new Set(docs.map((d) => d.event)).size,
    shipped: summary(shipped),
    heldOutTopicFolds: heldOut.map(({ perShuffle: _, ...rest }) => rest),
    heldOutMeanF1: r3(mean(heldOut.map((h) => h.f1))),
    /** Each shuffle's F1, averaged over the three folds: the spread the mean hides. */
    heldOutPerShuffleF1: EVAL_SEEDS.map((_, i) => r3(mean(heldOut.map((h) => h.perShuffle[i]!.f1)))),
    heldOut20Shuffles: {
      precision: r3(mean(more.map((h) => h.precision))),
      recall: r3(mean(more.map((h) => h.recall))),
      f1: r3(mean(moreF1)),
      minF1: r3(Math.min(...moreF1)),
      maxF1: r3(Math.max(...moreF1)),
    },
    baselineTfidf020: summary(baseline),
    nearDup: nearDupEval(),
  };
}

/** Variants of each article that must be found (edited, new headline, added paragraphs, reprinted) and other articles that must not. */
export function nearDupEval() {
  const articles = loadSummaryRecords('cnndm')
    .slice(0, 150)
    .map((r) => r.article);
  const ecb = loadEcb().map((d) => d.text); // same-event articles by different outlets: hard negatives
  const variants = (text: string, i: number): string[] => {
    const words = text.split(' ');
    const edited = words.map((w, k) => (k % 97 === 13 ? (w === 'the' ? 'a' : `${w}s`) : w)).join(' ');
    const other = articles[(i + 1) % articles.length]!.split('\n').slice(0, 2).join('\n');
    return [
      edited,
      `BREAKING: a new headline for this\n${text}`,
      `${text}\n${other.slice(0, Math.floor(text.length / 5))}`,
      `LONDON (Reuters) - ${text}\n(Reporting by Staff; Editing by Desk)\nCopyright Reuters.`,
    ];
  };
  const index = new NearDupIndex<number>();
  articles.forEach((a, i) => index.add(signature(a), i));
  let tp = 0;
  let fn = 0;
  let fp = 0;
  articles.forEach((a, i) => {
    for (const v of variants(a, i)) {
      const found = index.find(signature(v));
      if (found === i) tp++;
      else fn++;
      if (found !== undefined && found !== i) fp++;
    }
  });
  // Distinct articles: no ECB+ document copies a CNN/DM one. Within ECB+, outlets do reprint AP copy
  // word for word, so pairs found there are counted apart, unlabelled, not as errors.
  const ecbIndex = new NearDupIndex<number>();
  let ecbPairs = 0;
  ecb.forEach((t, i) => {
    const sig = signature(t);
    if (index.find(sig) !== undefined) fp++;
    if (ecbIndex.find(sig) !== undefined) ecbPairs++;
    ecbIndex.add(sig, i);
  });
  return {
    positives: tp + fn,
    negatives: ecb.length,
    truePositives: tp,
    falsePositives: fp,
    ecbReprintPairsFound: ecbPairs,
    precision: r3(tp / Math.max(1, tp + fp)),
    recall: r3(tp / Math.max(1, tp + fn)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(runStoriesEval(), null, 2));
}
