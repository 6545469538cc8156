// Choosing the answer span of the chosen sentence with a small learned linear model (spans.json, fitted by
// `npm run train:qa` on SQuAD's answerable questions: softmax over a sentence's candidate spans, the ones
// closest to a gold answer by token F1 as the target). Candidates are the typed spans of the asked type
// (extract.ts), the sentence's noun phrases, each also without the question's own words at its edges, and a
// number without its unit when the question names the unit ("how many seats?": "131"). Features say where the span
// stands against the question's words, what it is (a name, a number, a date), and whether it is the noun the
// question asks for ("what museum": a span ending in "Museum").
import { readFileSync } from 'node:fs';
import { findDates, isNumber } from '../evidence.js';
import { tokenize, type Token } from '../terms.js';
import type { AnswerType } from './answer-type.js';
import { askedShare, freeRuns, tidySpan, trimAsked, typedSpans, type Span, type SpanKind } from './extract.js';
import { nounChunks } from './noun-chunks.js';

export const SPAN_FEATURES = [
  'typed span of the asked type',
  'noun phrase',
  'question words cut off its edges',
  'mean distance to the question words / 10',
  'nearest question word distance / 10',
  'share of its words that are question words',
  'words / 5',
  'more than 6 words',
  'its first content word has a capital (not the first word)',
  'right after a question word',
  'right before a question word',
  'punctuation between it and the nearest question word',
  'a name of the asked kind',
  'a name of another kind',
  'holds a number',
  'holds a date',
  'holds the noun the question asks for (not after a number)',
  'the noun the question asks for right after it',
  'before the first question word',
  'after a copula or "called"',
  'a "who" question and it stands before the first question word',
  'a place question and it follows in, at, near, from or to',
  'a "who" question and it follows "by"',
] as const;

export interface SpanModel {
  features: readonly string[];
  weights: number[];
}

export const SPAN_MODEL_FILE = new URL('./spans.json', import.meta.url);

const STORED = JSON.parse(readFileSync(SPAN_MODEL_FILE, 'utf8')) as SpanModel;

/** The committed span model; an error naming the fix when its features differ from these. */
export function defaultSpanModel(): SpanModel {
  if (STORED.features.join('|') !== SPAN_FEATURES.join('|'))
    throw new Error(`${SPAN_MODEL_FILE.pathname}: its features differ from span-choice.ts; run npm run train:qa`);
  return STORED;
}

export interface SpanCandidate {
  span: Span;
  x: number[];
}

/** The noun a "what X" / "which X" / "how many X" question asks for, as a term ("museum", "seat"). */
export function askedNoun(question: string): string | undefined {
  const m =
    /\b(?:what|which|how many|how much)\s+(?:(?:kind|type|sort|form|name|names)\s+of\s+)?(?:[a-z]+\s+)?([a-z]+)/i.exec(
      question,
    );
  if (!m) return undefined;
  const words = m[0].split(/\s+/).slice(m[0].toLowerCase().startsWith('how') ? 2 : 1);
  const content = tokenize(words.join(' ')).filter((t) => !t.stop && !/^(?:kind|type|sort|form|name)s?$/.test(t.raw));
  return content[content.length - 1]?.term;
}

const CAP = /^\p{Lu}/u;
/** "the 20th century", "the 16th and 17th centuries", "the mid-18th century". */
const CENTURY =
  /\b(?:(?:early|late|mid)[- ])?\d{1,2}(?:st|nd|rd|th)(?:(?:\s+and|\s+or|\s+to|\s*[-–])\s*\d{1,2}(?:st|nd|rd|th))?[- ]centur(?:y|ies)\b/gi;
const COPULA = /^(?:is|was|are|were|called|named|known|as|be|been|being|include|includes|included)$/i;

interface Gathered {
  span: Span;
  chunk: boolean;
  trimmed: boolean;
}

/** The candidate spans: typed spans (and a number without its asked unit), noun phrases whole and trimmed. */
function gather(text: string, tokens: Token[], type: AnswerType, asked: Set<number>, noun?: string): Gathered[] {
  const seen = new Map<string, Gathered>();
  const add = (span: Span, chunk: boolean, trimmed: boolean) => {
    if (askedShare(tokens, span, asked) >= 1) return;
    const key = `${span.start}:${span.end}`;
    const had = seen.get(key);
    if (had) [had.chunk, had.span.typed] = [had.chunk || chunk, had.span.typed || span.typed];
    else seen.set(key, { span: { ...span }, chunk, trimmed });
  };
  const typed = typedSpans(text, tokens, type, asked);
  if (type === 'date')
    for (const m of text.matchAll(CENTURY))
      typed.push({ text: m[0], start: m.index, end: m.index + m[0].length, typed: true });
  for (const s of typed) {
    add(s, false, false);
    // "131 seats" for "how many seats": the number alone, too.
    const inside = tokensOf(tokens, s);
    const last = inside[inside.length - 1];
    if (inside.length > 1 && last && (asked.has(last.position) || last.term === noun) && isNumber(inside[0]!)) {
      const end = inside[inside.length - 2]!.start + inside[inside.length - 2]!.raw.length;
      add({ ...s, end, text: text.slice(s.start, end) }, false, true);
    }
  }
  for (const c of nounChunks(text)) {
    const span: Span = { text: c.text, start: c.start, end: c.end, typed: false };
    add(span, true, false);
    const trimmed = trimAsked(text, tokens, span, asked);
    if (trimmed.start !== span.start || trimmed.end !== span.end) add(trimmed, true, true);
  }
  if (seen.size === 0) for (const s of freeRuns(text, tokens, asked)) add(s, false, false);
  return [...seen.values()];
}

interface Context {
  text: string;
  tokens: Token[];
  type: AnswerType;
  asked: Set<number>;
  positions: number[];
  firstAsked: number;
  noun: string | undefined;
  kindOf: ((span: Span) => SpanKind) | undefined;
}

/** Where the span stands against the question's words (the first twelve features). */
function whereFeatures(c: Context, g: Gathered, inside: Token[]): number[] {
  const { span } = g;
  const ps = inside.map((t) => t.position);
  const [lo, hi] = [Math.min(...ps), Math.max(...ps)];
  const gaps = c.positions.map((p) => (p < lo ? lo - p : p > hi ? p - hi : 0));
  const nearest = gaps.length ? Math.min(...gaps) : 10;
  const near = c.positions[gaps.indexOf(nearest)];
  let between = '';
  if (near !== undefined)
    between =
      near < lo ? c.text.slice(c.tokens[near]!.start, span.start) : c.text.slice(span.end, c.tokens[near]!.start);
  const lead = inside.find((t) => !t.stop);
  const [before, after] = [c.tokens[lo - 1], c.tokens[hi + 1]];
  const words = span.text.split(/\s+/).length;
  return [
    span.typed ? 1 : 0,
    g.chunk ? 1 : 0,
    g.trimmed ? 1 : 0,
    Math.min(1, (gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 10) / 10),
    Math.min(1, nearest / 10),
    askedShare(c.tokens, span, c.asked),
    Math.min(3, words / 5),
    words > 6 ? 1 : 0,
    lead !== undefined && CAP.test(lead.raw) && lead.position > 0 ? 1 : 0,
    before && c.asked.has(before.position) ? 1 : 0,
    after && c.asked.has(after.position) ? 1 : 0,
    /[,;:()\u2014\u2013]/.test(between) ? 1 : 0,
  ];
}

/** What the span is: a name of the asked kind, a number, a date, the asked noun, in the asked role. */
function whatFeatures(c: Context, g: Gathered, inside: Token[]): number[] {
  const kind = c.kindOf?.(g.span);
  const first = inside[0]!;
  const lo = first.position;
  const hi = inside[inside.length - 1]!.position;
  const before = c.tokens[lo - 1];
  const { noun } = c;
  return [
    kind === 'asked' ? 1 : 0,
    kind === 'other' ? 1 : 0,
    inside.some((t, i) => isNumber(t, inside[i + 1])) ? 1 : 0,
    findDates(g.span.text).length ? 1 : 0,
    noun !== undefined && !isNumber(first) && inside.some((t) => t.term === noun) ? 1 : 0,
    noun !== undefined && nounFollows(c.tokens, hi, c.asked, noun) ? 1 : 0,
    hi < c.firstAsked ? 1 : 0,
    before && COPULA.test(before.raw) ? 1 : 0,
    ...roleFeatures(c, before, hi),
  ];
}

/** The asked role: a "who" answer as the subject or after "by", a place after a place preposition. */
function roleFeatures(c: Context, before: Token | undefined, hi: number): number[] {
  return [
    c.type === 'person' && hi < c.firstAsked ? 1 : 0,
    c.type === 'place' && before && PLACE_BEFORE.test(before.raw) ? 1 : 0,
    c.type === 'person' && before?.raw.toLowerCase() === 'by' ? 1 : 0,
  ];
}

const PLACE_BEFORE = /^(?:in|at|near|from|to|into|outside|inside)$/i;

export function spanCandidates(
  text: string,
  tokens: Token[],
  type: AnswerType,
  asked: Set<number>,
  question: string,
  kindOf?: (span: Span) => SpanKind,
): SpanCandidate[] {
  const noun = askedNoun(question);
  const positions = [...asked];
  const firstAsked = positions.length ? Math.min(...positions) : Infinity;
  const context: Context = { text, tokens, type, asked, positions, firstAsked, noun, kindOf };
  return gather(text, tokens, type, asked, noun).map((g) => {
    const inside = tokensOf(tokens, g.span);
    return { span: g.span, x: [...whereFeatures(context, g, inside), ...whatFeatures(context, g, inside)] };
  });
}

/** Whether the asked noun follows the span, with only question words between ("13 | natural reserves"). */
function nounFollows(tokens: Token[], hi: number, asked: Set<number>, noun: string): boolean {
  for (let k = hi + 1; k <= hi + 3 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.term === noun) return true;
    if (!asked.has(t.position)) return false;
  }
  return false;
}

function tokensOf(tokens: Token[], span: Span): Token[] {
  return tokens.filter((t) => t.start >= span.start && t.start < span.end);
}

export function spanScore(weights: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += weights[i]! * x[i]!;
  return z;
}

/** The answer span: the candidate the model scores highest, tidied, at most 12 words. */
export function chooseSpan(
  text: string,
  tokens: Token[],
  type: AnswerType,
  asked: Set<number>,
  question: string,
  kindOf?: (span: Span) => SpanKind,
  model: SpanModel = defaultSpanModel(),
): Span | null {
  if (type === 'yesno' || type === 'quote') return null;
  let best: SpanCandidate | undefined;
  let bestScore = -Infinity;
  for (const c of spanCandidates(text, tokens, type, asked, question, kindOf)) {
    const z = spanScore(model.weights, c.x);
    if (z > bestScore) [best, bestScore] = [c, z];
  }
  if (!best) return null;
  const words = best.span.text.split(/\s+/);
  const tidy = tidySpan(words.length > 12 ? words.slice(0, 12).join(' ') : best.span.text);
  return tidy ? { ...best.span, text: tidy } : null;
}
