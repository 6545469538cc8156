// Splits text that is too long for one Slack field into pieces that each fit, without losing a character.
import { isHighSurrogate, splitText as splitPieces, type SplitRules } from '../shared/split-text.js';

/**
 * Cuts `text` into pieces of at most `limit` characters, preferring a paragraph break, then a line break, then a
 * space; the white space at a cut is dropped. Only a single word longer than `limit` is cut inside the word, and
 * never inside an HTML entity (`&amp;`), so escaped text stays valid.
 */
const SLACK_SPLIT: SplitRules = {
  breaks: [
    { pattern: /\n\s*\n/g, at: 'start', shortest: Infinity },
    { pattern: /\n/g, at: 'start', shortest: Infinity },
    { pattern: /[ \t]+/g, at: 'start', shortest: Infinity },
  ],
  cutWord(text, limit) {
    let cut = limit;
    const amp = text.lastIndexOf('&', cut - 1);
    if (amp > cut - 8 && amp > 0 && !text.slice(amp, cut).includes(';')) cut = amp;
    // Nor between the halves of a surrogate pair (emoji, astral letters): a lone half is lost on the way.
    if (isHighSurrogate(text[cut - 1])) cut -= 1;
    return cut;
  },
  keepEmptyFirst: true,
};

export function splitText(text: string, limit: number): string[] {
  if (limit < 10) throw new Error(`splitText: limit ${limit} is too small`);
  return splitPieces(text, limit, SLACK_SPLIT);
}

/** Shortens text for a one-line preview (notification fallback), at a word boundary, marking the cut with `…`. */
export function preview(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const [first] = splitText(text, limit - 1);
  return `${first}…`;
}
