// Seed files are meant to be text, but articles are often saved as HTML. Markup is reduced to its text so that
// scripts, styles and tags never reach a briefing (and so never reach a chat message).

const BLOCK =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|article|section|header|footer|tr|table|pre|figure|figcaption)\b[^>]*>/gi;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

/** True when the text carries real markup rather than a stray "<" in prose. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype|html|head|body|script|style|p|div|span|a\s|br|h[1-6]|article|iframe)\b[^>]*>/i.test(text);
}

export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|iframe|object|svg|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|noscript|template|iframe|object|svg|head)\b[^>]*>[\s\S]*$/gi, '')
    .replace(BLOCK, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
