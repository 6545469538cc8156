// User-derived text made inert for Discord: mentions can never ping and markdown shows as typed.
// allowed_mentions already parses nothing; breaking mention syntax is the second fence.
//
// discord.js's escapeMarkdown is not used: its italic rule has an unbounded lookbehind, so it is quadratic
// (8 KB without spaces took 2.3 s), and reply text comes from arbitrary articles. This escaper is linear.

const ZWSP = '\u200b';

/** Breaks @everyone, @here, <@user>, <@!user> and <@&role> with a zero-width space so they stay text. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@([!&]?)(\d+)>/g, `<@${ZWSP}$1$2>`);
}

const INLINE = /[\\*_~`|[\]]/g;
const URL_TOKEN = /^<?https?:\/\//i;

/** Inline markers escaped everywhere except inside links, where a backslash would break the link. */
function escapeWord(word: string): string {
  return URL_TOKEN.test(word) ? word : word.replace(INLINE, '\\$&');
}

/** Markers that only mean something at the start of a line: headings, subtext, quotes and lists. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)(#{1,3}\s|-#\s|>|[-+]\s)/, '$1\\$2').replace(/^(\s*\d+)\.(\s)/, '$1\\.$2');
}

/** Plain text → Discord markdown that displays exactly that text. */
export function safeMarkdown(text: string): string {
  return neutraliseMentions(text)
    .split('\n')
    .map((line) =>
      escapeLineStart(
        line
          .split(/(\s+)/)
          .map((part, i) => (i % 2 ? part : escapeWord(part)))
          .join(''),
      ),
    )
    .join('\n');
}

/** For places Discord shows literally (embed footers): no markdown to escape, but mentions still neutralised. */
export function safePlain(text: string): string {
  return neutraliseMentions(text);
}
