// Candidate answer spans of a sentence (span-choice.ts picks one with its learned model): dates and times, numbers with their units, names (capitalised runs) for people, organisations and places,
// appositive and copular descriptions ("X, the former …", "X is …"), the clause after "because" or "to" for a
// reason, after "by" for a manner, and for any other question the run of words next to the question's words that
// the question does not already say. Words of the question are never the answer.
import { CALENDAR_WORD } from '../../briefing/date-parse.js';
import { findDates, isNumber } from '../evidence.js';
import type { Token } from '../terms.js';
import type { AnswerType } from './answer-type.js';

/** Whether a span is a name its story knows as of the asked kind, of another kind, or neither. */
export type SpanKind = 'asked' | 'other' | undefined;

export interface Span {
  text: string;
  start: number;
  end: number;
  /** Whether the span is of the type the question asks for (false: a fallback run of words). */
  typed: boolean;
}

const UNIT_AFTER = /^(?:%|percent|per cent|[a-z]+)/i;
const CAP = /^\p{Lu}/u;
const NAME_GLUE = new Set([
  'of',
  'de',
  'la',
  'von',
  'van',
  'the',
  'and',
  'du',
  'der',
  'del',
  'da',
  'al',
  'bin',
  'y',
  '&',
]);
const CLAUSE_END = /[,;:.!?()\u2014\u2013]|\s-\s/;
const LEADING =
  /^(?:the|a|an|of|in|on|at|to|by|for|from|with|as|and|or|that|which|who|was|is|were|are|be|been|its|their|his|her)\s+/i;
const TRAILING = /\s+(?:the|a|an|of|in|on|at|to|by|for|from|with|as|and|or|that|which|who|was|is|were|are)$/i;

export function tidySpan(text: string): string {
  let t = text.trim().replace(/^["'“‘(]+|["'”’),]+$/g, '');
  for (let i = 0; i < 3; i++) t = t.replace(LEADING, '').replace(TRAILING, '');
  return t.trim();
}

/** Spans of a sentence of the given type. `asked` holds positions of question words in the sentence. */
export function typedSpans(text: string, tokens: Token[], type: AnswerType, asked: Set<number>): Span[] {
  switch (type) {
    case 'date': {
      const dates = findDates(text).map((d) => ({ ...d, typed: true }));
      return dates.length ? dates : numberSpans(text, tokens, asked).filter((s) => /\b\d{3,4}\b/.test(s.text));
    }
    case 'number':
      return numberSpans(text, tokens, asked);
    case 'person':
    case 'org':
    case 'place':
      return nameSpans(text, tokens, asked);
    case 'reason':
      return clauseAfter(
        text,
        /\b(?:because(?: of)?|due to|owing to|as a result of|in order to|so that|since|thanks to|to)\s+/gi,
      );
    case 'manner':
      return clauseAfter(text, /\b(?:by|through|using|via|with)\s+/gi);
    case 'description':
      return descriptions(text, tokens, asked);
    default:
      return [];
  }
}

function numberSpans(text: string, tokens: Token[], asked: Set<number>): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (asked.has(t.position) || !isNumber(t, tokens[i + 1])) continue;
    let j = i;
    while (
      j + 1 < tokens.length &&
      isNumber(tokens[j + 1]!, tokens[j + 2]) &&
      tokens[j + 1]!.start - (tokens[j]!.start + tokens[j]!.raw.length) <= 1
    )
      j++;
    let end = tokens[j]!.start + tokens[j]!.raw.length;
    const rest = text.slice(end);
    const unit = /^\s?(%|percent|per cent)/i.exec(rest) ?? /^\s([a-z]+)/i.exec(rest);
    if (unit && UNIT_AFTER.test(unit[1]!) && !/^(?:and|or|of|to|in|the|a|was|were|is|are|by|for)$/i.test(unit[1]!))
      end += unit[0].length;
    let start = t.start;
    const before = text.slice(0, start);
    if (/[$£€¥]\s?$/.test(before)) start -= /[$£€¥]\s?$/.exec(before)![0].length;
    out.push({ text: text.slice(start, end), start, end, typed: true });
    i = j;
  }
  return out;
}

/** Whether the gap after a name's word ends the name: punctuation does, but not an initial's full stop ("W. Eliot"). */
function endsName(gap: string, word: Token): boolean {
  return /[,;:.()]/.test(gap) && !(gap === '. ' && /^\p{Lu}$/u.test(word.raw));
}

export function nameSpans(text: string, tokens: Token[], asked: Set<number>): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!CAP.test(t.raw) || asked.has(t.position) || CALENDAR_WORD.test(t.raw) || (t.stop && t.raw.length < 4))
      continue;
    let j = i;
    for (;;) {
      const next = tokens[j + 1];
      if (!next || endsName(text.slice(tokens[j]!.start + tokens[j]!.raw.length, next.start), tokens[j]!)) break;
      if (CAP.test(next.raw) && !asked.has(next.position)) j++;
      else if (
        NAME_GLUE.has(next.raw.toLowerCase()) &&
        tokens[j + 2] &&
        CAP.test(tokens[j + 2]!.raw) &&
        !asked.has(tokens[j + 2]!.position)
      )
        j += 2;
      else break;
    }
    // A sentence's first word is capitalised anyway: alone and common, it is no name.
    if (!(i === 0 && j === 0 && t.stop)) {
      const end = tokens[j]!.start + tokens[j]!.raw.length;
      out.push({ text: text.slice(t.start, end), start: t.start, end, typed: true });
    }
    i = j;
  }
  return out;
}

function clauseAfter(text: string, cue: RegExp): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(cue)) {
    const start = m.index + m[0].length;
    const rest = text.slice(start);
    const stop = rest.search(CLAUSE_END);
    const clause = (stop < 0 ? rest : rest.slice(0, stop)).split(/\s+/).slice(0, 12).join(' ');
    if (clause.length > 2) out.push({ text: clause, start, end: start + clause.length, typed: true });
  }
  return out;
}

/** "X, the former …," and "X is a …": the description beside the asked words. */
function descriptions(text: string, tokens: Token[], asked: Set<number>): Span[] {
  const askedTokens = tokens.filter((t) => asked.has(t.position));
  if (askedTokens.length === 0) return [];
  const last = askedTokens[askedTokens.length - 1]!;
  const after = text.slice(last.start + last.raw.length);
  const m =
    /^[^,;.]{0,20}?(?:,\s*|\s+(?:is|was|are|were|,)\s+|\s+\(|\s+(?:refers to|means)\s+)((?:an?|the)\s+[^,;.()]+|[^,;.()]+)/i.exec(
      after,
    );
  if (!m) return [];
  const start = last.start + last.raw.length + m.index + m[0].length - m[1]!.length;
  const phrase = m[1]!.split(/\s+/).slice(0, 12).join(' ');
  return [{ text: phrase, start, end: start + phrase.length, typed: true }];
}

/** Runs of words between punctuation that hold no question word: the fallback answer of a "what" question. */
export function freeRuns(text: string, tokens: Token[], asked: Set<number>): Span[] {
  const out: Span[] = [];
  let run: Token[] = [];
  const flush = () => {
    const content = run.filter((t) => !t.stop);
    if (content.length) {
      const start = run[0]!.start;
      const end = run[run.length - 1]!.start + run[run.length - 1]!.raw.length;
      out.push({ text: text.slice(start, end), start, end, typed: false });
    }
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const gap = i > 0 ? text.slice(tokens[i - 1]!.start + tokens[i - 1]!.raw.length, t.start) : '';
    if (CLAUSE_END.test(gap)) flush();
    if (asked.has(t.position)) flush();
    else run.push(t);
  }
  flush();
  return out;
}

/**
 * The span without the question's own words at its edges: for "what type of circuit?" the answer in "Boolean
 * circuits" is "Boolean". A span that is all question words is left whole.
 */
export function trimAsked(text: string, tokens: Token[], span: Span, asked: Set<number>): Span {
  const inside = tokens.filter((t) => t.start >= span.start && t.start < span.end);
  let lo = 0;
  let hi = inside.length - 1;
  const edge = (t: Token) => asked.has(t.position) || t.stop;
  while (lo <= hi && edge(inside[lo]!)) lo++;
  while (hi >= lo && edge(inside[hi]!)) hi--;
  if (lo > hi || (lo === 0 && hi === inside.length - 1)) return span;
  // Only question words (and function words beside them) are cut: a span not starting or ending with one stays.
  const start = inside[lo]!.start;
  const end = Math.min(span.end, inside[hi]!.start + inside[hi]!.raw.length);
  if (end <= start) return span;
  return { ...span, text: text.slice(start, end), start, end };
}

/** Share of the span's content words that are question words: the question's own words do not answer it. */
export function askedShare(tokens: Token[], span: Span, asked: Set<number>): number {
  const ts = tokens.filter((t) => t.start >= span.start && t.start < span.end && !t.stop);
  return ts.length ? ts.filter((t) => asked.has(t.position)).length / ts.length : 1;
}
