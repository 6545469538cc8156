// User-derived text made inert for Discord: mentions can never ping and markdown is shown as typed.
// allowed_mentions already parses nothing; this is the second fence, for text that ends up in `content`.
import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

/** Breaks @everyone, @here, <@user>, <@!user> and <@&role> with a zero-width space so they stay text. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@([!&]?)(\d+)>/g, `<@${ZWSP}$1$2>`);
}

/** Plain text → Discord markdown that displays exactly that text. */
export function safeMarkdown(text: string): string {
  const escaped = escapeMarkdown(neutraliseMentions(text), { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  // A leading '>' would turn the line into a block quote; escapeMarkdown leaves it alone.
  return escaped.replace(/^(\s*)>/gm, '$1\\>');
}

/** For places Discord shows literally (embed footers): no markdown to escape, but mentions still neutralised. */
export function safePlain(text: string): string {
  return neutraliseMentions(text);
}
