// Splits text that is too long for one Slack field into pieces that each fit, without losing a character.

/**
 * Cuts `text` into pieces of at most `limit` characters, preferring a paragraph break, then a line break, then a
 * space; the white space at a cut is dropped. Only a single word longer than `limit` is cut inside the word, and
 * never inside an HTML entity (`&amp;`), so escaped text stays valid.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 10) throw new Error(`splitText: limit ${limit} is too small`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = lastBreak(window, /\n\s*\n/g);
    if (cut <= 0) cut = lastBreak(window, /\n/g);
    if (cut <= 0) cut = lastBreak(window, /[ \t]+/g);
    if (cut <= 0) {
      // One word longer than the limit: cut it, but not inside an entity.
      cut = limit;
      const amp = rest.lastIndexOf('&', cut - 1);
      if (amp > cut - 8 && amp > 0 && !rest.slice(amp, cut).includes(';')) cut = amp;
      // Nor between the halves of a surrogate pair (emoji, astral letters): a lone half is lost on the way.
      if (/[\uD800-\uDBFF]/.test(rest[cut - 1]!)) cut -= 1;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
      continue;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces.filter((p, i) => p.length > 0 || i === 0);
}

/** Index where the last match of `pattern` in `window` starts, or -1. */
function lastBreak(window: string, pattern: RegExp): number {
  let at = -1;
  for (const m of window.matchAll(pattern)) at = m.index;
  return at;
}

/** Shortens text for a one-line preview (notification fallback), at a word boundary, marking the cut with `…`. */
export function preview(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const [first] = splitText(text, limit - 1);
  return `${first}…`;
}
