// What the scorer sees of an answer: interpretable numbers about how well the cited sentence fits the question.
import type { Answer } from '../answer.js';
import type { Shape } from '../classify.js';
import { tokenize } from '../terms.js';

const SHAPES: Shape[] = ['who-is', 'said', 'when', 'why', 'how-many', 'where', 'other'];

export const FEATURE_NAMES = [
  'bias',
  ...SHAPES.map((s) => `shape:${s}`),
  'has short answer',
  'question words in sentence',
  'question names in sentence',
  'question words missing',
  'reworded by a paraphrase',
  'question length / 10',
  'sentence length / 30',
  'sources > 1',
  'question word pairs in sentence',
  'negation in question, not in sentence',
  'question number not in sentence',
] as const;

const NEGATION = /\b(?:not|never|no|none|nor|cannot|without|n't)\b|n't\b/i;

/**
 * The feature vector, in FEATURE_NAMES order, of an answer to the question as read (tidied, and in the wording
 * that found the answer, so a paraphrased phrase counts as covered). `reworded`: that wording is a paraphrase.
 */
export function answerFeatures(answer: Answer, reworded: boolean): number[] {
  const question = answer.question.text;
  const sentence = answer.sources.map((s) => s.sentence).join(' ');
  const inSentence = new Set(tokenize(sentence).map((t) => t.term));
  const asked = tokenize(question).filter((t) => !t.stop);
  const names = asked.filter((t) => /^\p{Lu}/u.test(t.raw));
  const words = asked.filter((t) => !/^\p{Lu}/u.test(t.raw));
  const share = (ts: typeof asked) => (ts.length ? ts.filter((t) => inSentence.has(t.term)).length / ts.length : 1);
  return [
    1,
    ...SHAPES.map((s) => (answer.question.shape === s ? 1 : 0)),
    answer.short ? 1 : 0,
    share(words),
    share(names),
    asked.filter((t) => !inSentence.has(t.term)).length / 5,
    reworded ? 1 : 0,
    asked.length / 10,
    tokenize(sentence).length / 30,
    answer.sources.length > 1 ? 1 : 0,
    pairShare(asked.map((t) => t.term), tokenize(sentence).filter((t) => !t.stop).map((t) => t.term)),
    NEGATION.test(question) && !NEGATION.test(sentence) ? 1 : 0,
    asked.some((t) => /^\d/.test(t.term) && !inSentence.has(t.term)) ? 1 : 0,
  ];
}

/** Share of the question's neighbouring content-word pairs that are neighbours (either order) in the sentence. */
function pairShare(question: string[], sentence: string[]): number {
  if (question.length < 2) return 1;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < sentence.length; i++) pairs.add(`${sentence[i]} ${sentence[i + 1]}`).add(`${sentence[i + 1]} ${sentence[i]}`);
  let found = 0;
  for (let i = 0; i + 1 < question.length; i++) if (pairs.has(`${question[i]} ${question[i + 1]}`)) found++;
  return found / (question.length - 1);
}
