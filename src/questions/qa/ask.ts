// The answering pipeline's entry: the question as asked first, then each of its paraphrases (paraphrase.ts)
// when the asked wording finds nothing; then the learned scorer (score.ts) declines an answer it does not trust.
// So a question worded differently from its answer sentence is answered, and one that no wording supports,
// or whose best sentence fits it badly, is declined.
import { answerQuestion, type Answer } from '../answer.js';
import type { QuestionIndex } from '../search-index.js';
import { answerFeatures } from './features.js';
import { paraphrases } from './paraphrase.js';
import { loadScorer, probability, type Scorer } from './score.js';

export interface Candidate {
  answer: Answer;
  /** The scorer's features, when there is an answer to score. */
  features: number[] | null;
}

/** The answer before the scorer has its say: from the asked wording, else from the first paraphrase that finds one. */
export function findAnswer(index: QuestionIndex, text: string, source?: string): Candidate {
  const asked = answerQuestion(index, text, source);
  if (asked.answer !== null) return { answer: asked, features: answerFeatures(asked, false) };
  for (const wording of paraphrases(text)) {
    const answer = answerQuestion(index, wording, source);
    if (answer.answer !== null) return { answer, features: answerFeatures(answer, true) };
  }
  return { answer: asked, features: null };
}

let scorer: Scorer | undefined;

export function ask(index: QuestionIndex, text: string, source?: string, model: Scorer = (scorer ??= loadScorer())): Answer {
  const { answer, features } = findAnswer(index, text, source);
  if (!features || probability(model.weights, features) >= model.threshold) return answer;
  return { question: answer.question, answer: null, quotes: [], sources: [] };
}
