// Answers a question from the loaded stories: picks the shape, answers it from the entities, the quotes or the
// best sentence, and cites each sentence used. When nothing covers the question the answer is null.
import { liftQuote } from '../briefing/quote-lift.js';
import type { Quote } from '../briefing/types.js';
import { questionShape, type Question } from './question-shape.js';
import { findSentence, type Found } from './find-sentence.js';
import { questionTerms } from './relevance.js';
import { answerSaid } from './speech-answer.js';
import type { IndexedStory, QuestionIndex } from './search-index.js';
import { answerWho } from './who.js';

export interface Source {
  story: IndexedStory;
  sentence: string;
}

export interface Answer {
  question: Question;
  /** The answer as one plain string: the direct answer (when the shape allows one) and the cited sentences. */
  answer: string | null;
  /** The direct answer alone ("June 30, 2019", "Kim Jong-un: dictator"). */
  short?: string;
  quotes: Array<Pick<Quote, 'text' | 'speaker' | 'via'>>;
  sources: Source[];
}

/** Whether a question asks about anything once its shape words are gone ("how many?" does not). */
export function hasContent(text: string): boolean {
  const terms = questionTerms(questionShape(text).focus);
  return terms.names.length + terms.words.length > 0;
}

export function answerQuestion(index: QuestionIndex, text: string, source?: string): Answer {
  const question = questionShape(text);
  const none: Answer = { question, answer: null, quotes: [], sources: [] };
  switch (question.shape) {
    case 'said': {
      const said = answerSaid(index, question.subject!, question.topic, source);
      if (!said) return none;
      const sources = said.sentences.map((i) => ({
        story: said.story,
        sentence: said.story.briefing.sentences[i]!.text,
      }));
      // Lifted out of their sentences, as /quotes shows them: no joining comma left inside the quote marks.
      const quotes = said.quotes.map((q) => ({
        text: liftQuote(q.text),
        speaker: q.speaker,
        ...(q.via ? { via: q.via } : {}),
      }));
      const answer = quotes.length
        ? `${said.speaker} said: ${quotes.map((q) => `“${q.text}”`).join(' … ')}`
        : sources.map((s) => s.sentence).join(' ');
      return { question, answer, quotes, sources };
    }
    case 'who-is': {
      const found = answerWho(index, question.subject!, source) ?? findSentence(index, question, source);
      return found && (found.short || found.story.briefing.sentences[found.sentence])
        ? fromFound(question, found)
        : none;
    }
    default: {
      const found = findSentence(index, question, source);
      return found && (found.short || found.story.briefing.sentences[found.sentence])
        ? fromFound(question, found)
        : none;
    }
  }
}

function fromFound(question: Question, found: Found): Answer {
  // A story built without prose (entities only) has no sentence to cite: the short answer stands alone.
  const sentence = found.story.briefing.sentences[found.sentence]?.text ?? '';
  const answer = found.short ? (sentence ? `${found.short} — ${sentence}` : found.short) : sentence;
  return {
    question,
    answer,
    ...(found.short ? { short: found.short } : {}),
    quotes: [],
    sources: [{ story: found.story, sentence }],
  };
}
