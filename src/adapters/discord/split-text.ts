// Splits text into pieces no longer than a limit, at the best boundary available: a line break, then the end
// of a sentence, then any whitespace. A word is only ever cut when it alone is longer than the limit.

const BOUNDARIES = [/\n/g, /[.!?…]["'”’)]*\s/g, /\s/g];

/** End of the last match of `pattern` in `window`, or -1. */
function lastEnd(window: string, pattern: RegExp): number {
  let end = -1;
  for (const m of window.matchAll(pattern)) end = m.index + m[0].length;
  return end;
}

/** Where to cut `text` so the head is at most `max` characters; never inside an escape or a surrogate pair. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const [i, pattern] of BOUNDARIES.entries()) {
    const end = Math.min(lastEnd(window, pattern), max);
    // Prefer a line or sentence break unless it leaves a uselessly short piece; any space will do last.
    if (end > 0 && (i === BOUNDARIES.length - 1 || end > max / 3)) return end;
  }
  // One word longer than the limit: cut it, but not between a backslash and what it escapes or inside a pair.
  let at = max;
  while (at > 1 && (/[\uD800-\uDBFF]/.test(text[at - 1]!) || isEscapeStart(text, at - 1))) at -= 1;
  return at;
}

function isEscapeStart(text: string, index: number): boolean {
  let slashes = 0;
  for (let i = index; i >= 0 && text[i] === '\\'; i--) slashes += 1;
  return slashes % 2 === 1;
}

export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = cutPoint(rest, max);
    const head = rest.slice(0, at).trimEnd();
    if (head) pieces.push(head);
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
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
  return midLine && rest && text.startsWith(QUOTE_MARK, lineStart) && !rest.startsWith(QUOTE_MARK) ? QUOTE_MARK + rest : rest;
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
