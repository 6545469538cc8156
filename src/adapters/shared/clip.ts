// Shortening one-line text (descriptions, choice labels) to a platform's limit at a word, marked with `…`.

/**
 * The part of `text` to show before an ellipsis so the whole stays within `max`: cut at the last space when that
 * keeps more than half, else at `max - 1` characters. Callers add the `…` (and may tidy the end first).
 */
export function headBeforeEllipsis(text: string, max: number): string {
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}
