// Answers "when", "how many", "why", "where" and open questions with the one sentence that covers the question
// and carries what its shape asks for: a date, a number, a reason.
import type { Question } from './question-shape.js';
import { carriesAge, carriesReason, findDates, isNumber } from './evidence.js';
import { cover, questionTerms, sameTerm, type Coverage } from './relevance.js';
import type { IndexedStory, QuestionIndex } from './search-index.js';
import type { Token } from './terms.js';

export interface Found {
  story: IndexedStory;
  sentence: number;
  /** The direct answer the shape allows ("June 30, 2019", "22 phones"), when one can be picked out. */
  short?: string;
  score: number;
}

export function findSentence(index: QuestionIndex, question: Question, source?: string): Found | null {
  const terms = questionTerms(question.focus);
  if (terms.names.length + terms.words.length === 0) return null;
  const hits = index.shortlist(question.focus, { cover: terms, ...(source ? { source } : {}) });
  const top = Math.max(...hits.map((h) => h.score), 1e-9);
  let best: Found | null = null;
  for (const hit of hits) {
    const text = hit.story.briefing.sentences[hit.sentence]?.text;
    if (!text) continue;
    const coverage = cover(terms, hit.story, hit.info, { together: question.shape === 'who-is' });
    if (!coverage.ok) continue;
    const evidence = shapeEvidence(question, text, coverage, terms.words);
    if (!evidence) continue;
    const score = coverage.score + evidence.bonus + closeness(coverage.matched) + 0.1 * (hit.score / top);
    if (!best || score > best.score) {
      best = { story: hit.story, sentence: hit.sentence, score, ...(evidence.short ? { short: evidence.short } : {}) };
    }
  }
  return best;
}

interface Evidence {
  bonus: number;
  short?: string;
}

/** null when the sentence cannot answer this shape (a "when" without a date). */
function shapeEvidence(question: Question, text: string, coverage: Coverage, words: string[]): Evidence | null {
  switch (question.shape) {
    case 'when': {
      const dates = findDates(text);
      if (dates.length === 0) return null;
      const nearest = nearestSpan(dates, coverage.matched, coverage.tokens);
      const gap = tokenGap(coverage.tokens, nearest, coverage.matched);
      return { bonus: gap <= 3 ? 0.25 : gap <= 8 ? 0.15 : 0.05, short: nearest.text };
    }
    case 'how-many': {
      if (question.age) return carriesAge(text) ? { bonus: 0.2 } : null;
      const numbers = coverage.tokens.filter((t, i) => isNumber(t, coverage.tokens[i + 1]));
      if (numbers.length === 0) return null;
      const counted = countedPhrase(text, coverage.tokens, words);
      return counted ? { bonus: 0.3, short: counted } : { bonus: 0 };
    }
    case 'why':
      return { bonus: carriesReason(text) ? 0.2 : 0 };
    default:
      return { bonus: 0 };
  }
}

/** The span most surrounded by the question's words; a fuller date wins a tie. */
function nearestSpan<S extends { start: number; end: number }>(spans: S[], matched: Token[], tokens: Token[]): S {
  const pull = (s: S) =>
    matched.reduce((sum, t) => sum + 1 / (1 + tokenGap(tokens, s, [t])), 0) + (s.end - s.start) / 1000;
  return spans.reduce((a, b) => (pull(b) > pull(a) ? b : a));
}

/** Words between a span and the nearest matched word: a date right beside the verb asked about answers it. */
function tokenGap(tokens: Token[], span: { start: number; end: number }, matched: Token[]): number {
  if (matched.length === 0) return Infinity;
  const inside = tokens.filter((t) => t.start >= span.start && t.start < span.end).map((t) => t.position);
  if (inside.length === 0) return Infinity;
  const lo = Math.min(...inside);
  const hi = Math.max(...inside);
  return Math.min(...matched.map((t) => (t.position < lo ? lo - t.position : t.position > hi ? t.position - hi : 0)));
}

/** Up to 0.15 for question words that sit together in the sentence ("Kim was speaking") rather than apart. */
function closeness(matched: Token[]): number {
  const terms = new Set(matched.map((t) => t.term));
  if (terms.size < 2) return 0;
  let sum = 0;
  for (const t of matched) {
    const others = matched.filter((o) => o.term !== t.term);
    sum += Math.min(...others.map((o) => Math.abs(o.position - t.position)));
  }
  return 0.15 / (1 + sum / matched.length / 4);
}

/** "22 phones", "1,300 inmates": a number shortly before a word the question counts, the first-asked word first. */
function countedPhrase(text: string, tokens: Token[], words: string[]): string | null {
  for (const word of words) {
    for (let i = 0; i < tokens.length; i++) {
      if (!sameTerm(word, tokens[i]!.term)) continue;
      for (let back = 1; back <= 4 && i - back >= 0; back++) {
        const candidate = tokens[i - back]!;
        if (!isNumber(candidate, tokens[i - back + 1])) continue;
        return text.slice(candidate.start, tokens[i]!.start + tokens[i]!.raw.length);
      }
    }
  }
  return null;
}
