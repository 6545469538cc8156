// The answering pipeline's entry. Reading the question (answer-type.ts, question-shape.ts), finding candidate sentences
// (rank.ts: every sentence of the stories most about it, by weighted stem, synonym and paraphrase matches),
// choosing the short answer among the best one's candidate spans with a learned model (span-choice.ts, over
// extract.ts's typed spans and noun phrases), and scoring it with the learned
// scorer (features.ts, score.ts), which declines an answer it does not trust. The shape answerer (answer.ts, with
// the question's paraphrased wordings) still answers "what did X say" from the quotes and "who is X" from the
// entities, and its sentence is preferred when it ranks about as high as the best.
import { answerQuestion, type Answer } from '../answer.js';
import { questionShape, type Question } from '../question-shape.js';
import { foldedKey } from '../terms.js';
import { describedNowhere } from '../who.js';
import type { QuestionIndex } from '../search-index.js';
import type { EntityKind } from '../search-index.js';
import { answerType, type AnswerType } from './answer-type.js';
import type { Span, SpanKind } from './extract.js';
import { candidateFeatures } from './features.js';
import { paraphrases } from './paraphrase.js';
import { rankSentences, slotPositions, type Ranked } from './rank.js';
import { loadScorer, probability, type Scorer } from './score.js';
import { chooseSpan, defaultSpanModel, type SpanModel } from './span-choice.js';
import type { Token } from '../terms.js';

export interface Candidate {
  answer: Answer;
  /** The scorer's features, when there is an answer to score. */
  features: number[] | null;
  /** What the span was chosen from (for training the span model). */
  spanInput?: SpanInput;
}

export interface SpanInput {
  sentence: string;
  tokens: Token[];
  asked: Set<number>;
  type: AnswerType;
  question: string;
  kindOf: (span: Span) => SpanKind;
}

/** How far below the best sentence the shape answerer's sentence may rank and still be taken. */
const SHAPE_SLACK = 0.1;
/** Chosen on the SQuAD article folds: 0.5 to 0.6 give about the same, 0.45 and under let through much more. */
const MIN_COVERAGE = 0.5;

function shapeAnswer(index: QuestionIndex, text: string, source?: string): Answer {
  const asked = answerQuestion(index, text, source);
  if (asked.answer !== null) return asked;
  for (const wording of paraphrases(text)) {
    const answer = answerQuestion(index, wording, source);
    if (answer.answer !== null) return answer;
  }
  return asked;
}

/** The answer before the scorer has its say, with the features the scorer reads. */
export function findAnswer(
  index: QuestionIndex,
  text: string,
  source?: string,
  spanModel: SpanModel = defaultSpanModel(),
): Candidate {
  const question = questionShape(text);
  const none: Answer = { question, answer: null, quotes: [], sources: [] };
  if (undescribedWho(index, question, source)) return { answer: none, features: null };
  const type = answerType(text);
  const legacy = shapeAnswer(index, text, source);
  // "who is X?" answered from the entities by X's own full name with a description ("Renée Dubois: owner"): the
  // story says who X is, even when no sentence holds both the name and the question's other words, so the scorer
  // (fitted mostly on SQuAD's sentences) does not overrule it. Decided before any sentence is ranked.
  if (question.shape === 'who-is' && namesSubject(legacy.short, question.subject)) {
    return { answer: legacy, features: null };
  }
  // "What did X say?" answered with X's own quotes (on the topic, when one is asked): the quotes are attributed to X,
  // so the scorer, which reads sentences, does not overrule them either.
  if (question.shape === 'said' && legacy.quotes.length > 0) return { answer: legacy, features: null };
  const ranking = rankSentences(index, question.text, source);
  const legacySource = legacy.sources[0];
  const legacyRank = legacySource
    ? ranking.ranked.find(
        (r) => r.story === legacySource.story && r.story.briefing.sentences[r.sentence]?.text === legacySource.sentence,
      )
    : undefined;
  let top: Ranked | undefined = ranking.ranked[0];
  const useLegacy =
    legacy.answer !== null &&
    (!top ||
      (legacyRank &&
        (question.shape === 'said' || question.shape === 'who-is' || legacyRank.score >= top.score - SHAPE_SLACK)));
  if (useLegacy && legacyRank) top = legacyRank;
  // Without the shape answerer's support, a sentence holding under half the question's weight is no candidate:
  // an unrelated question shares a word or two with many sentences.
  if (legacy.answer === null && (!top || top.coverage < MIN_COVERAGE)) return { answer: none, features: null };
  // The shape answerer alone, with no sentence holding a question word: only a story without prose (its entities
  // alone) is answered so, for there is no sentence to score.
  if (!top) return { answer: legacy.sources.every((s) => s.sentence === '') ? legacy : none, features: null };
  const second = ranking.ranked.find((r) => r !== top);
  const otherStory = ranking.ranked.find((r) => r.story !== top.story);
  const inStory = ranking.slots.map((_, k) =>
    ranking.ranked.some((r) => r.story === top.story && r !== top && r.held[k]),
  );
  const sentence = top.story.briefing.sentences[top.sentence]!.text;
  const asked = new Set(ranking.slots.flatMap((s) => slotPositions(top.info.tokens, s)));
  const kindOf = spanKind(top, type);
  const span = chooseSpan(sentence, top.info.tokens, type, asked, question.text, kindOf, spanModel);
  const spanInput: SpanInput = { sentence, tokens: top.info.tokens, asked, type, question: question.text, kindOf };
  const features = candidateFeatures({
    question: question.text,
    type,
    slots: ranking.slots,
    anywhere: ranking.anywhere,
    top,
    ...(second ? { second } : {}),
    ...(otherStory ? { otherStory } : {}),
    sentence,
    span,
    spanKind: span ? kindOf(span) : undefined,
    inStory,
    legacy: { agrees: legacyRank !== undefined && legacyRank === top, found: legacy.answer !== null },
  });
  if (useLegacy)
    return {
      answer:
        legacy.short || legacy.quotes.length || !span
          ? legacy
          : { ...legacy, short: span.text, answer: `${span.text} — ${sentence}` },
      features,
      spanInput,
    };
  const answer: Answer = span
    ? {
        question,
        answer: `${span.text} — ${sentence}`,
        short: span.text,
        quotes: [],
        sources: [{ story: top.story, sentence }],
      }
    : { question, answer: sentence, quotes: [], sources: [{ story: top.story, sentence }] };
  return { answer: answer.answer ? answer : none, features, spanInput };
}

const KIND_OF: Partial<Record<AnswerType, EntityKind>> = { person: 'person', org: 'organization', place: 'place' };

/**
 * For a question asking a person, organisation or place: whether a span is a name the top sentence's story knows
 * as of that kind ("asked"), as of another kind ("other"), or no known name.
 */
function spanKind(top: Ranked, type: AnswerType): (span: Span) => SpanKind {
  const wanted = KIND_OF[type];
  return (span) => {
    if (!wanted) return undefined;
    const terms = top.info.tokens
      .filter((t) => !t.stop && t.start >= span.start && t.start < span.end)
      .map((t) => t.term);
    if (!terms.length) return undefined;
    let other = false;
    for (const group of top.story.groups) {
      if (!terms.every((t) => group.terms.has(t))) continue;
      if (group.kind === wanted) return 'asked';
      other = true;
    }
    return other ? 'other' : undefined;
  };
}

/**
 * "Who is X?" about someone the stories name in full but describe nowhere: a sentence that merely mentions X does
 * not say who X is.
 */
function undescribedWho(index: QuestionIndex, question: Question, source?: string): boolean {
  if (question.shape !== 'who-is' || !question.subject || !/^who/i.test(question.text)) return false;
  return describedNowhere(index, question.subject, source);
}

/** Whether a shape answer's short form ("Name: description") is about exactly the asked name. */
function namesSubject(short: string | undefined, subject: string | undefined): boolean {
  const colon = short?.indexOf(':') ?? -1;
  if (!short || !subject || colon <= 0 || !short.slice(colon + 1).trim()) return false;
  return foldedKey(short.slice(0, colon)) === foldedKey(subject);
}

let scorer: Scorer | undefined;

export function ask(
  index: QuestionIndex,
  text: string,
  source?: string,
  model: Scorer = (scorer ??= loadScorer()),
): Answer {
  const { answer, features } = findAnswer(index, text, source);
  if (!features || probability(model.weights, features) >= model.threshold) return answer;
  return { question: answer.question, answer: null, quotes: [], sources: [] };
}
