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
] as const;

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
  ];
}
