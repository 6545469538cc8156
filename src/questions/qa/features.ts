// What the scorer sees of a candidate answer: interpretable numbers about how well the chosen sentence and its
// extracted span fit the question. The ones that decline SQuAD's unanswerable questions are the question words
// no sentence holds (a swapped name, an antonym, an added condition), a negation the sentence lacks, and a
// weak lead over the next-best sentence.
import { tokenize } from '../terms.js';
import { ANSWER_TYPES, type AnswerType } from './answer-type.js';
import type { Ranked, Slot } from './rank.js';

export const FEATURE_NAMES = [
  'bias',
  ...ANSWER_TYPES.map((t) => `type:${t}`),
  'typed span found',
  'span found',
  'weighted coverage',
  'weighted coverage squared',
  'borrowed from the sentence before',
  'question word pairs together',
  'lead over the next sentence',
  'slots missing / 3',
  'heaviest missing slot / heaviest slot',
  'names missing from the sentence',
  'a name in no candidate story',
  'a word in no candidate story',
  'question number not in sentence',
  'negation in question, not in sentence',
  'shape answerer agrees',
  'shape answerer found something',
  'question length / 10',
  'sentence length / 30',
  'story search score (share of best)',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

const NEGATION = /\b(?:not|never|no|none|nor|cannot|without|neither|n't)\b|n't\b/i;

export interface FeatureInput {
  question: string;
  type: AnswerType;
  slots: Slot[];
  /** Whether each slot is held by any candidate story. */
  anywhere: boolean[];
  top: Ranked;
  second?: Ranked;
  sentence: string;
  span: { typed: boolean } | null;
  legacy: { agrees: boolean; found: boolean };
}

export function candidateFeatures(x: FeatureInput): number[] {
  const { slots, top } = x;
  const missing = slots.filter((_, k) => !top.held[k]);
  const heaviest = Math.max(1e-9, ...slots.map((s) => s.weight));
  const sentenceTerms = new Set(tokenize(x.sentence).map((t) => t.term));
  const named = slots.filter((s) => s.name);
  const values: Record<FeatureName, number> = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<
    FeatureName,
    number
  >;
  values.bias = 1;
  values[`type:${x.type}` as FeatureName] = 1;
  values['typed span found'] = x.span?.typed ? 1 : 0;
  values['span found'] = x.span ? 1 : 0;
  values['weighted coverage'] = top.coverage;
  values['weighted coverage squared'] = top.coverage * top.coverage;
  values['borrowed from the sentence before'] = top.borrowed;
  values['question word pairs together'] = top.pairs;
  values['lead over the next sentence'] = Math.min(1, top.score - (x.second?.score ?? 0));
  values['slots missing / 3'] = missing.length / 3;
  values['heaviest missing slot / heaviest slot'] = Math.max(0, ...missing.map((s) => s.weight)) / heaviest;
  values['names missing from the sentence'] = named.length
    ? named.filter((s) => !top.held[slots.indexOf(s)]).length / named.length
    : 0;
  values['a name in no candidate story'] = slots.some((s, k) => s.name && !x.anywhere[k]) ? 1 : 0;
  values['a word in no candidate story'] = slots.some((s, k) => !s.name && !x.anywhere[k]) ? 1 : 0;
  values['question number not in sentence'] = slots.some((s) => s.number && !s.terms.every((t) => sentenceTerms.has(t)))
    ? 1
    : 0;
  values['negation in question, not in sentence'] = NEGATION.test(x.question) && !NEGATION.test(x.sentence) ? 1 : 0;
  values['shape answerer agrees'] = x.legacy.agrees ? 1 : 0;
  values['shape answerer found something'] = x.legacy.found ? 1 : 0;
  values['question length / 10'] = slots.length / 10;
  values['sentence length / 30'] = tokenize(x.sentence).length / 30;
  values['story search score (share of best)'] = top.storyScore;
  return FEATURE_NAMES.map((n) => values[n] ?? 0);
}
