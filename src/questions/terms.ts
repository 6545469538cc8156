// Words of questions and sentences as comparable terms: lower-cased, accents and number separators folded,
// stop words dropped, stemmed. The search index and the relevance check share these, so they always agree.
import { LEXICON } from '../briefing/lexicon/lexicon.js';
import { stem } from './stem.js';
import { BoundedMap } from '../core/bounded-map.js';

export interface Token {
  /** As written (case kept), for telling names apart. */
  raw: string;
  term: string;
  /** Position among the tokens of the text, stop words included, for nearness. */
  position: number;
  /** Character offset in the text. */
  start: number;
  stop: boolean;
}

// Function words, plus verbs so light they carry no content ("hold a summit" = "have a summit"): the lexicon's list.
export const STOP_WORDS: ReadonlySet<string> = LEXICON.stopWords;

const WORD = /\p{L}[\p{L}\p{M}’'.-]*\p{L}|\p{L}|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|km|m|s|am|pm)?/gu;

/** The words of a text with their terms; hyphenated and dotted words become their parts ("Jong-un", "U.S."). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let position = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    // "U.S." is one word, not "u" and "s"; "Jong-un" and "Korea's" are their parts.
    const whole = /^\d/.test(word) || INITIALISM.test(word);
    const pieces = whole ? [word] : word.split(/[-.’']+/).filter(Boolean);
    let offset = match.index;
    for (const piece of pieces) {
      const at = pieces.length === 1 ? offset : text.indexOf(piece, offset);
      if (at >= 0) offset = at;
      const known = termOf(piece);
      out.push({ raw: piece, term: known.term, position: position++, start: offset, stop: known.stop });
      offset += piece.length;
    }
  }
  return out;
}

const INITIALISM = /^(?:\p{Lu}\.)+\p{Lu}$/u;
// Folding and stemming dominate tokenizing; news vocabulary is small enough to remember.
const memo = new BoundedMap<string, { term: string; stop: boolean }>(200_000);

function termOf(piece: string): { term: string; stop: boolean } {
  let known = memo.get(piece);
  if (!known) {
    const lower = fold(piece);
    known = { term: stem(lower), stop: !piece.includes('.') && STOP_WORDS.has(lower) };
    memo.set(piece, known);
  }
  return known;
}

/** Lower case without accents, dots or thousands separators: "U.S." is "us", "1,300" is "1300". */
export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(?<=\p{L})\.(?=\p{L})/gu, '')
    .replace(/(?<=\d),(?=\d{3})/g, '');
}

/** Folded words joined by single spaces, punctuation dropped: the key under which two spellings of one name or
 * one quote meet ("Renée Dubois" and "renee dubois"). */
export function foldedKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Content terms of a text, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);
}

/** Distinct content terms of a text, for the search index and its queries. */
export function termList(text: string): string[] {
  return [...new Set(contentTerms(text))];
}
