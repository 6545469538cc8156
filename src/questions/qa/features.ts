// What the scorer sees of a candidate answer: interpretable numbers about how well the chosen sentence and its
// extracted span fit the question. The ones that decline SQuAD's unanswerable questions are the question words
// no sentence holds (a swapped name, an antonym, an added condition), a negation the sentence lacks, and a
// weak lead over the next-best sentence.
import { readFileSync } from 'node:fs';
import { stem } from '../stem.js';
import { tokenize } from '../terms.js';
import { ANSWER_TYPES, type AnswerType } from './answer-type.js';
import { slotPositions, type Ranked, type Slot } from './rank.js';

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
  'missing slot held elsewhere in the story',
  'question word pair broken in the sentence',
  'question name pair broken in the sentence',
  'content slots missing (share, unweighted)',
  'lead over the best sentence of another story',
  'answer span distance to question words / 10',
  'negation in sentence, not in question',
  'antonym of a question word in the sentence',
  'answer is a name of the asked kind',
  'answer is a name of another kind',
  "question words in the question's order",
  'a date or number question answered with no date or number',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

const ANTONYMS = new Map<string, string[]>();
for (const [a, b] of (
  JSON.parse(readFileSync(new URL('./antonyms.json', import.meta.url), 'utf8')) as { pairs: [string, string][] }
).pairs) {
  const [sa, sb] = [stem(a), stem(b)];
  ANTONYMS.set(sa, [...(ANTONYMS.get(sa) ?? []), sb]);
  ANTONYMS.set(sb, [...(ANTONYMS.get(sb) ?? []), sa]);
}

/** Stems of every word of a text, stop words included ("before", "most"). */
const allStems = (text: string) => new Set(tokenize(text).map((t) => t.term));

/** Whether the question says a word whose opposite the sentence says instead ("last" where it says "first"). */
export function antonymSwapped(question: string, sentence: string): boolean {
  const said = allStems(sentence);
  for (const w of allStems(question)) {
    if (said.has(w)) continue;
    if (ANTONYMS.get(w)?.some((a) => said.has(a))) return true;
  }
  return false;
}

const NEGATION = /\b(?:not|never|no|none|nor|cannot|without|neither|n't)\b|n't\b/i;

export interface FeatureInput {
  question: string;
  type: AnswerType;
  slots: Slot[];
  /** Whether each slot is held by any candidate story. */
  anywhere: boolean[];
  top: Ranked;
  second?: Ranked;
  /** The best sentence of a story other than the top one's. */
  otherStory?: Ranked;
  sentence: string;
  span: { typed: boolean; start: number; end: number } | null;
  /** For a person, organisation or place question: whether the span is a known name of that kind or another. */
  spanKind?: 'asked' | 'other' | undefined;
  /** Whether each missing slot is held by some other sentence of the top sentence's story. */
  inStory: boolean[];
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
  values['a date or number question answered with no date or number'] =
    (x.type === 'date' || x.type === 'number') && !x.span?.typed ? 1 : 0;
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
  alignmentFeatures(x, values);
  return FEATURE_NAMES.map((n) => values[n] ?? 0);
}

/** How the question's words line up with the sentence's, beyond coverage: the features added for declining. */
function alignmentFeatures(x: FeatureInput, values: Record<FeatureName, number>): void {
  const { slots, top } = x;
  values['missing slot held elsewhere in the story'] = slots.some((s, k) => !top.held[k] && !s.frame && x.inStory[k])
    ? 1
    : 0;
  const broken = brokenPairs(top, slots);
  values['question word pair broken in the sentence'] = broken.words;
  values['question name pair broken in the sentence'] = broken.names;
  const contentSlots = slots.filter((s) => !s.frame);
  values['content slots missing (share, unweighted)'] = contentSlots.length
    ? contentSlots.filter((s) => !top.held[slots.indexOf(s)]).length / contentSlots.length
    : 0;
  values['lead over the best sentence of another story'] = Math.min(1, top.score - (x.otherStory?.score ?? 0));
  values['answer span distance to question words / 10'] = x.span
    ? Math.min(1, spanDistance(top, slots, x.span) / 10)
    : 1;
  values["question words in the question's order"] = inOrder(top, slots);
  values['answer is a name of the asked kind'] = x.spanKind === 'asked' ? 1 : 0;
  values['answer is a name of another kind'] = x.spanKind === 'other' ? 1 : 0;
  values['antonym of a question word in the sentence'] = antonymSwapped(x.question, x.sentence) ? 1 : 0;
  values['negation in sentence, not in question'] = NEGATION.test(x.sentence) && !NEGATION.test(x.question) ? 1 : 0;
}

/**
 * Question words side by side in the question ("Red Army Uprising", "virtual connection") that the sentence holds
 * both of but not side by side: the sentence speaks of something else made of the same words. Shares of such
 * pairs among the question's adjacent pairs, for all words and for names.
 */
function brokenPairs(top: Ranked, slots: Slot[]): { words: number; names: number } {
  let [pairs, broken, namePairs, namesBroken] = [0, 0, 0, 0];
  for (let k = 0; k + 1 < slots.length; k++) {
    const a = slots[k]!;
    const b = slots[k + 1]!;
    if (b.at - (a.at + a.terms.length - 1) !== 1 || a.frame || b.frame) continue;
    const names = a.name && b.name;
    pairs++;
    if (names) namePairs++;
    if (!top.held[k] || !top.held[k + 1]) continue;
    const pa = slotPositions(top.info.tokens, a);
    const pb = slotPositions(top.info.tokens, b);
    if (pa.some((p) => pb.some((q) => q - p >= 1 && q - p <= 2))) continue;
    broken++;
    if (names) namesBroken++;
  }
  return { words: pairs ? broken / pairs : 0, names: namePairs ? namesBroken / namePairs : 0 };
}

/** Token distance from the answer span to the nearest question word held in the sentence. */
function spanDistance(top: Ranked, slots: Slot[], span: { start: number; end: number }): number {
  const tokens = top.info.tokens;
  const inSpan = tokens.filter((t) => t.start >= span.start && t.start < span.end).map((t) => t.position);
  const asked = slots.flatMap((s) => slotPositions(tokens, s)).filter((p) => !inSpan.includes(p));
  if (!inSpan.length || !asked.length) return 10;
  const lo = Math.min(...inSpan);
  const hi = Math.max(...inSpan);
  return Math.min(...asked.map((p) => (p < lo ? lo - p : p > hi ? p - hi : 0)));
}

/** Share of pairs of held question words that stand in the sentence in the question's order (1 with under two). */
function inOrder(top: Ranked, slots: Slot[]): number {
  const firsts = slots
    .map((s, k) => (top.held[k] && !s.frame ? Math.min(...slotPositions(top.info.tokens, s)) : Infinity))
    .filter((p) => Number.isFinite(p));
  let [pairs, kept] = [0, 0];
  for (let i = 0; i < firsts.length; i++)
    for (let j = i + 1; j < firsts.length; j++) {
      pairs++;
      if (firsts[i]! < firsts[j]!) kept++;
    }
  return pairs ? kept / pairs : 1;
}
