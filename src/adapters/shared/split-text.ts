// Splits text that is too long for one field into pieces within a limit, without losing a word. One mechanism;
// each platform gives its rules as data: where a piece may end (best first), and how a word too long for any
// piece is cut without breaking an escape, an entity or a surrogate pair.

export interface Break {
  pattern: RegExp;
  /** Cut where the last match in reach starts (its white space dropped) or where it ends. */
  at: 'start' | 'end';
  /** A cut at or before `max / shortest` is refused, so a piece is not uselessly short (Infinity: any cut will do). */
  shortest: number;
}

export interface SplitRules {
  /** Where a piece may end, best first (global patterns). */
  breaks: readonly Break[];
  /** Where to cut a word longer than `max` (no break in reach): at most `max`, never inside what must stay whole. */
  cutWord(text: string, max: number): number;
  /** An empty first piece is kept (text that is empty, or opens with white space before its first break). */
  keepEmptyFirst: boolean;
}

function lastMatch(window: string, { pattern, at }: Break): number {
  let found = -1;
  for (const m of window.matchAll(pattern)) found = at === 'start' ? m.index : m.index + m[0].length;
  return found;
}

/** Where `text` is cut so its head is at most `max` characters; `atBreak` false when a word had to be cut. */
export function cutPoint(text: string, max: number, rules: SplitRules): { at: number; atBreak: boolean } {
  const window = text.slice(0, max + 1);
  for (const rule of rules.breaks) {
    const at = Math.min(lastMatch(window, rule), max);
    if (at > 0 && at > max / rule.shortest) return { at, atBreak: true };
  }
  return { at: rules.cutWord(text, max), atBreak: false };
}

/** Pieces of at most `max` characters, in order; white space at a break is dropped, nothing else is. */
export function splitText(text: string, max: number, rules: SplitRules): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const { at, atBreak } = cutPoint(rest, max, rules);
    pieces.push(atBreak ? rest.slice(0, at).trimEnd() : rest.slice(0, at));
    rest = atBreak ? rest.slice(at).trimStart() : rest.slice(at);
  }
  pieces.push(rest);
  return pieces.filter((p, i) => p.length > 0 || (rules.keepEmptyFirst && i === 0));
}

/** The first half of a surrogate pair: cutting after it loses the character. */
export const isHighSurrogate = (ch: string | undefined): boolean => ch !== undefined && /[\uD800-\uDBFF]/.test(ch);
