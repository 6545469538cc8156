// Renders a neutral Reply as Discord messages of embeds, each within Discord's limits. Text that does not fit
// continues in the next embed or message, split at a line, sentence or word boundary; nothing is dropped.
import type { APIEmbed } from 'discord.js';
import { attribution, linkLine, type Block, type Reply } from '../../core/reply.js';
import { fitsPage, type PageLimits } from '../shared/pages.js';
import { safeMarkdown, safePlain } from './safe-text.js';
import { continuation, headOf, splitQuoted, splitText } from './split-text.js';

export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
} as const;

/** A message as a page of embeds. */
const MESSAGE_LIMITS: PageLimits = { items: DISCORD_LIMITS.embedsPerMessage, size: DISCORD_LIMITS.embedTotal };

const COLOURS = { ok: 0x5865f2, notice: 0xfee75c, error: 0xed4245 } as const;
const BLANK = '\u200b';
/** Below this much room, a paragraph starts afresh rather than leaving a scrap at the bottom of a message. */
const MIN_FILL = 500;

export interface RenderedMessage {
  embeds: APIEmbed[];
}

type Unit = { kind: 'text'; text: string } | { kind: 'field'; name: string; value: string };

function blockUnits(block: Block): Unit[] {
  switch (block.type) {
    case 'text':
      return [{ kind: 'text', text: safeMarkdown(block.text) }];
    case 'bullets':
      return [
        {
          kind: 'text',
          text: block.items.map((item, i) => `${block.ordered ? `${i + 1}\\.` : '•'} ${safeMarkdown(item)}`).join('\n'),
        },
      ];
    case 'quotes':
      return [
        {
          kind: 'text',
          text: block.items
            .map((q) => quoteLines(`“${safeMarkdown(q.text)}”\n— *${safeMarkdown(attribution(q))}*`))
            .join('\n'),
        },
      ];
    case 'fields':
      return block.items.map((f) => {
        const name = safeMarkdown(f.name) || BLANK;
        const value = safeMarkdown(f.value) || BLANK;
        // Too long for a field: shown as a paragraph instead, so nothing is cut.
        if (name.length > DISCORD_LIMITS.fieldName || value.length > DISCORD_LIMITS.fieldValue)
          return { kind: 'text', text: `**${name}**\n${value}` };
        return { kind: 'field', name, value };
      });
  }
}

// Every line of a quote carries the mark, or Discord ends the block quote at the first line break.
const quoteLines = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

const footerFits = (footer: string) => safePlain(footer).length <= DISCORD_LIMITS.footer;

/** The reply as a flat run of paragraphs and fields, in reading order, each paragraph short enough for one embed. */
function units(reply: Reply): { title: string | undefined; units: Unit[] } {
  const out: Unit[] = [];
  let title = reply.title ? safeMarkdown(reply.title) : undefined;
  if (title && title.length > DISCORD_LIMITS.title) {
    const [head, ...rest] = splitText(title, DISCORD_LIMITS.title - 1);
    out.push({ kind: 'text', text: `…${rest.join(' ')}` });
    title = `${head}…`;
  }
  for (const section of reply.sections) {
    const blocks = section.blocks.flatMap(blockUnits);
    if (section.heading) {
      const heading = `**${safeMarkdown(section.heading)}**`;
      const first = blocks[0];
      if (first?.kind === 'text') blocks[0] = { kind: 'text', text: `${heading}\n${first.text}` };
      else blocks.unshift({ kind: 'text', text: heading });
    }
    out.push(...blocks);
  }
  if (reply.footer && !footerFits(reply.footer)) out.push({ kind: 'text', text: safeMarkdown(reply.footer) });
  const split = out.flatMap((u): Unit[] =>
    u.kind === 'text' ? splitQuoted(u.text, DISCORD_LIMITS.description).map((text) => ({ kind: 'text', text })) : [u],
  );
  return { title, units: split };
}

export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

const messageSize = (embeds: APIEmbed[]) => embeds.reduce((n, e) => n + embedSize(e), 0);

/** Reply → one or more messages; the first carries the title, the last the footer. */
export function renderReply(original: Reply): RenderedMessage[] {
  // A link back: the outlet, date and address close the footer, and the title links to the original.
  const reply = original.link
    ? { ...original, footer: [original.footer, linkLine(original.link)].filter(Boolean).join('\n') }
    : original;
  const color = COLOURS[reply.kind ?? 'ok'];
  const { title, units: parts } = units(reply);
  const messages: APIEmbed[][] = [[]];
  let embed: APIEmbed | null = null;

  const startEmbed = (size: number): APIEmbed => {
    const current = messages[messages.length - 1]!;
    const fresh: APIEmbed = { color };
    if (fitsPage(MESSAGE_LIMITS, current.length, messageSize(current), size)) current.push(fresh);
    else messages.push([fresh]);
    embed = fresh;
    return fresh;
  };
  const lastMessage = () => messages[messages.length - 1]!;
  const room = (extra: number) => messageSize(lastMessage()) + extra <= DISCORD_LIMITS.embedTotal;

  /** Places a paragraph: appended to the open embed, else in a new embed, else in a new message. When only
   * part fits where there is worthwhile room, that part goes there and the rest is returned to continue. */
  const placeText = (text: string): string | null => {
    const current = embed as APIEmbed | null;
    const used = messageSize(lastMessage());
    const candidates: Array<{ room: number; put: (t: string) => void }> = [];
    if (current && !current.fields?.length) {
      const sep = current.description ? 2 : 0;
      candidates.push({
        room:
          Math.min(DISCORD_LIMITS.description - (current.description?.length ?? 0), DISCORD_LIMITS.embedTotal - used) -
          sep,
        put: (t) => (current.description = current.description ? `${current.description}\n\n${t}` : t),
      });
    }
    if (lastMessage().length < DISCORD_LIMITS.embedsPerMessage) {
      candidates.push({
        room: Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - used),
        put: (t) => (startEmbed(t.length).description = t),
      });
    }
    for (const { room: space, put } of candidates) {
      if (text.length <= space) return (put(text), null);
      const head = space >= MIN_FILL ? headOf(text, space) : '';
      // Only a cut between words is worth it here; a word is cut only when no embed could hold it.
      if (head && /\s/.test(text.charAt(head.length))) {
        put(head);
        return continuation(text, head) || null;
      }
    }
    messages.push([]);
    startEmbed(text.length).description = text;
    return null;
  };

  if (title) startEmbed(title.length).title = title;
  for (const unit of parts) {
    const current = embed as APIEmbed | null;
    if (unit.kind === 'text') {
      let rest: string | null = unit.text;
      while (rest) rest = placeText(rest);
    } else {
      const size = unit.name.length + unit.value.length;
      const target =
        current && (current.fields?.length ?? 0) < DISCORD_LIMITS.fields && room(size) ? current : startEmbed(size);
      (target.fields ??= []).push({ name: unit.name, value: unit.value });
    }
  }
  if (reply.footer && footerFits(reply.footer)) {
    const text = safePlain(reply.footer);
    const current = embed as APIEmbed | null;
    (current && room(text.length) ? current : startEmbed(text.length)).footer = { text };
  }
  if (!embed) startEmbed(1).description = BLANK;
  const linkUrl = original.link?.url;
  const titled = messages[0]?.find((e) => e.title);
  if (titled && linkUrl && /^https?:\/\//i.test(linkUrl) && linkUrl.length <= 2048) titled.url = linkUrl;
  return messages.map((embeds) => ({ embeds }));
}

/** Every character of text a rendered message shows, for tests and logs. */
export function renderedText(message: RenderedMessage): string {
  return message.embeds
    .map((e) =>
      [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}
