// Splits text into pieces no longer than a limit, at the best boundary available: a line break, then the end
// of a sentence, then any whitespace. A word is only ever cut when it alone is longer than the limit.
import {
  cutPoint as sharedCutPoint,
  isHighSurrogate,
  splitText as splitPieces,
  type SplitRules,
} from '../shared/split-text.js';

const DISCORD_SPLIT: SplitRules = {
  // Prefer a line or sentence break unless it leaves a uselessly short piece; any space will do last.
  breaks: [
    { pattern: /\n/g, at: 'end', shortest: 3 },
    { pattern: /[.!?…]["'”’)]*\s/g, at: 'end', shortest: 3 },
    { pattern: /\s/g, at: 'end', shortest: Infinity },
  ],
  // One word longer than the limit: cut it, but not between a backslash and what it escapes or inside a pair.
  cutWord(text, max) {
    let at = max;
    while (at > 1 && (isHighSurrogate(text[at - 1]) || isEscapeStart(text, at - 1))) at -= 1;
    return at;
  },
  keepEmptyFirst: false,
};

/** Where to cut `text` so the head is at most `max` characters; never inside an escape or a surrogate pair. */
function cutPoint(text: string, max: number): number {
  return sharedCutPoint(text, max, DISCORD_SPLIT).at;
}

function isEscapeStart(text: string, index: number): boolean {
  let slashes = 0;
  for (let i = index; i >= 0 && text[i] === '\\'; i--) slashes += 1;
  return slashes % 2 === 1;
}

export function splitText(text: string, max: number): string[] {
  return splitPieces(text, max, DISCORD_SPLIT);
}

const QUOTE_MARK = '> ';

/**
 * The first piece of `text` that fits `max`, as `splitText` cuts it, except that a block-quote line's own mark is
 * never where it cuts: a quoted piece keeps its mark and cuts within the words after it.
 */
export function headOf(text: string, max: number): string {
  const mark = text.startsWith(QUOTE_MARK) && max > QUOTE_MARK.length ? QUOTE_MARK.length : 0;
  if (text.length <= max) return text;
  let at = mark + cutPoint(text.slice(mark), max - mark);
  // Never right after a later line's mark: cut at that line's break instead.
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (lineStart > 0 && at <= lineStart + QUOTE_MARK.length && text.startsWith(QUOTE_MARK, lineStart)) at = lineStart;
  return text.slice(0, at).trimEnd();
}

/**
 * What follows `head`, cut from the start of `text`: when the cut falls inside a block-quote line ("> …"), the rest
 * opens with the mark again, since Discord ends a block quote with its line.
 */
export function continuation(text: string, head: string): string {
  const at = head.length;
  const rest = text.slice(at).trimStart();
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const midLine = text[at - 1] !== '\n' && !/^[ \t]*\n/.test(text.slice(at));
  return midLine && rest && text.startsWith(QUOTE_MARK, lineStart) && !rest.startsWith(QUOTE_MARK)
    ? QUOTE_MARK + rest
    : rest;
}

/** `splitText` for text that may hold block quotes: a quote line cut in two stays quoted in both pieces. */
export function splitQuoted(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    // Room for the mark that the continuation may need.
    const head = headOf(rest, max - QUOTE_MARK.length);
    if (head) pieces.push(head);
    const next = continuation(rest, head);
    // The mark put back never outgrows what was cut, but a piece must always make progress.
    rest = next.length < rest.length ? next : rest.slice(Math.max(head.length, 1)).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
