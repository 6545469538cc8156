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
