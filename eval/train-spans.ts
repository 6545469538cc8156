// Fitting the span model (src/questions/qa/span-choice.ts) for `npm run train:qa`: for every answerable SQuAD
// question whose chosen sentence holds a gold answer, that sentence's candidate spans with their features; the
// target is the candidates of the best token F1 against the gold answers. Softmax over each question's
// candidates, zero-start full-batch gradient descent (deterministic). Prints the short answer's mean F1 on those
// questions, held-out by article fold.
import { findAnswer } from '../src/questions/qa/ask.js';
import { SPAN_FEATURES, spanCandidates, spanScore, type SpanModel } from '../src/questions/qa/span-choice.js';
import { tidySpan } from '../src/questions/qa/extract.js';
import { FOLDS, normalizeAnswer, squadQuestions, tokenF1 } from './squad-eval.js';

const STEPS = 600;
const RATE = 1;
const L2 = 0.001;

export interface SpanGroup {
  fold: number;
  xs: number[][];
  /** Each candidate's token F1 against the gold answers. */
  f1: number[];
}

export function spanGroups(): SpanGroup[] {
  const out: SpanGroup[] = [];
  for (const { fold, index, q } of squadQuestions()) {
    if (q.is_impossible) continue;
    const golds = q.answers.map((a) => (typeof a === 'string' ? a : a.text));
    const { spanInput: s } = findAnswer(index, q.question);
    if (!s || !golds.some((g) => normalizeAnswer(s.sentence).includes(normalizeAnswer(g)))) continue;
    const cands = spanCandidates(s.sentence, s.tokens, s.type, s.asked, s.question, s.kindOf);
    if (cands.length === 0) continue;
    out.push({
      fold,
      xs: cands.map((c) => c.x),
      f1: cands.map((c) => Math.max(...golds.map((g) => tokenF1(tidySpan(c.span.text), g)))),
    });
  }
  return out;
}

export function fitSpans(groups: SpanGroup[]): SpanModel {
  const d = SPAN_FEATURES.length;
  const w = new Array<number>(d).fill(0);
  const useful = groups.filter((g) => Math.max(...g.f1) > 0);
  for (let step = 0; step < STEPS; step++) {
    const grad = new Array<number>(d).fill(0);
    for (const g of useful) {
      const best = Math.max(...g.f1);
      const z = g.xs.map((x) => spanScore(w, x));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, v, i) => a + (g.f1[i] === best ? v : 0), 0);
      g.xs.forEach((x, i) => {
        const err = e[i]! / all - (g.f1[i] === best ? e[i]! / pos : 0);
        for (let k = 0; k < d; k++) grad[k]! += err * x[k]!;
      });
    }
    for (let k = 0; k < d; k++) w[k]! -= RATE * (grad[k]! / (useful.length || 1) + L2 * w[k]!);
  }
  return { features: SPAN_FEATURES, weights: w.map((v) => Math.round(v * 1e4) / 1e4) };
}

/** Mean token F1 of the span each group's model picks. */
export function meanF1(groups: SpanGroup[], model: SpanModel): number {
  let sum = 0;
  for (const g of groups) {
    const z = g.xs.map((x) => spanScore(model.weights, x));
    sum += g.f1[z.indexOf(Math.max(...z))]!;
  }
  return sum / (groups.length || 1);
}

/** Per held-out fold: the chosen span's mean F1 by a model fitted on the other folds, and that model. */
export function heldOutSpans(
  groups: SpanGroup[],
): Array<{ fold: number; n: number; heldOut: number; model: SpanModel }> {
  return Array.from({ length: FOLDS }, (_, fold) => {
    const mine = groups.filter((g) => g.fold === fold);
    const model = fitSpans(groups.filter((g) => g.fold !== fold));
    return { fold, n: mine.length, heldOut: meanF1(mine, model), model };
  });
}
