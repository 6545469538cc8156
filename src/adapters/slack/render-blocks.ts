// Renders the neutral Reply as Slack Block Kit messages, within Slack's limits. Pure: no Slack calls.
// Every string of the reply appears in full, split across blocks and then messages when too long.
import type { types } from '@slack/bolt';
import { attribution, linkLine, type Block, type Reply } from '../../core/reply.js';
import { paginate } from '../shared/pages.js';
import { bold, mrkdwnText } from './mrkdwn.js';
import { preview, splitText } from './split-text.js';

export type SlackBlock = types.KnownBlock;

export interface SlackMessage {
  /** Notification and screen-reader fallback; the blocks carry the full content. */
  text: string;
  blocks: SlackBlock[];
}

export const SLACK_LIMITS = {
  sectionText: 3000,
  headerText: 150,
  blocksPerMessage: 50,
  contextElements: 10,
  fieldText: 2000,
  fieldsPerSection: 10,
  /** Not a documented limit: Slack rejects very large block payloads, so a message stays well below them. */
  messageChars: 12_000,
  fallbackText: 3000,
} as const;

const KIND_EMOJI: Record<string, string> = { error: ':warning: ', notice: ':information_source: ' };

interface Unit {
  block: SlackBlock;
  /** The block's text as mrkdwn, for the fallback and the per-message size budget. */
  text: string;
}

const section = (text: string): Unit => ({
  block: { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } },
  text,
});

/** Lines joined into as few pieces as fit `limit`; a line too long on its own is split, its pieces prefixed. */
function packLines(lines: Array<{ text: string; first: string; next: string }>, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const push = (line: string) => {
    if (current && current.length + 1 + line.length <= limit) current += `\n${line}`;
    else {
      if (current) pieces.push(current);
      current = line;
    }
  };
  for (const line of lines) {
    const room = limit - Math.max(line.first.length, line.next.length);
    splitText(line.text, room).forEach((piece, i) => push(`${i === 0 ? line.first : line.next}${piece}`));
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Bold text that may be longer than one block: each piece is bolded on its own so no `*` is left open. */
function boldSections(text: string): Unit[] {
  return splitText(mrkdwnText(text.trim()), SLACK_LIMITS.sectionText - 2).map((piece) => section(`*${piece}*`));
}

function titleUnits(title: string, kind: Reply['kind']): Unit[] {
  const shown = `${KIND_EMOJI[kind ?? ''] ?? ''}${title.trim()}`;
  if (!title.trim()) return [];
  if (shown.length <= SLACK_LIMITS.headerText) {
    // plain_text is never parsed for mentions, links or formatting, so it is not escaped.
    return [
      { block: { type: 'header', text: { type: 'plain_text', text: shown, emoji: true } }, text: mrkdwnText(shown) },
    ];
  }
  return boldSections(shown);
}

function blockUnits(block: Block): Unit[] {
  const { sectionText } = SLACK_LIMITS;
  switch (block.type) {
    case 'text':
      return block.text.trim() ? splitText(mrkdwnText(block.text.trim()), sectionText).map(section) : [];
    case 'bullets':
      return packLines(
        block.items.map((item, i) => {
          const first = block.ordered ? `${i + 1}. ` : '• ';
          return { text: mrkdwnText(item.trim()), first, next: ' '.repeat(first.length) };
        }),
        sectionText,
      ).map(section);
    case 'quotes':
      return packLines(
        block.items.flatMap((q) => [
          ...mrkdwnText(`“${q.text.trim()}”`)
            .split('\n')
            .map((line) => ({ text: line, first: '> ', next: '> ' })),
          { text: mrkdwnText(attribution(q)), first: '— ', next: '   ' },
        ]),
        sectionText,
      ).map(section);
    case 'fields':
      return fieldUnits(block.items);
  }
}

/** Short name/value pairs become a section's two-column fields; a pair too long for a field becomes text. */
function fieldUnits(items: Array<{ name: string; value: string }>): Unit[] {
  const units: Unit[] = [];
  let group: string[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const fields = group.map((text) => ({ type: 'mrkdwn' as const, text, verbatim: true }));
    units.push({ block: { type: 'section', fields }, text: group.join('\n') });
    group = [];
  };
  for (const item of items) {
    const name = item.name.trim() ? bold(item.name.trim()) : '';
    const value = mrkdwnText(item.value.trim());
    const text = [name, value].filter(Boolean).join('\n') || ' ';
    if (text.length <= SLACK_LIMITS.fieldText) {
      group.push(text);
      if (group.length === SLACK_LIMITS.fieldsPerSection) flush();
      continue;
    }
    flush();
    if (name) units.push(...boldSections(item.name));
    units.push(...splitText(value, SLACK_LIMITS.sectionText).map(section));
  }
  flush();
  return units;
}

function footerUnits(footer: string): Unit[] {
  const elements = footer
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => splitText(mrkdwnText(line), SLACK_LIMITS.sectionText));
  return paginate(elements, () => 0, { items: SLACK_LIMITS.contextElements, size: Infinity }).map((group) => ({
    block: { type: 'context', elements: group.map((text) => ({ type: 'mrkdwn' as const, text, verbatim: true })) },
    text: group.join('\n'),
  }));
}

/** Renders a reply as one or more messages, each within Slack's block and size limits. */
export function renderMessages(reply: Reply): SlackMessage[] {
  const units: Unit[] = [];
  if (reply.title) units.push(...titleUnits(reply.title, reply.kind));
  for (const s of reply.sections) {
    if (s.heading?.trim()) units.push(...boldSections(s.heading));
    for (const block of s.blocks) units.push(...blockUnits(block));
  }
  if (reply.footer) units.push(...footerUnits(reply.footer));
  if (reply.link && /^https?:\/\/[^\s<>|]+$/i.test(reply.link.url)) {
    const label = linkLine({ ...reply.link, url: '' }) || reply.link.url;
    const text = `<${reply.link.url}|${mrkdwnText(label).replace(/\|/g, '¦')}>`;
    units.push({
      block: { type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] },
      text: `${label} ${reply.link.url}`,
    });
  }
  if (units.length === 0) units.push(section('(nothing to show)'));

  const messages = paginate(units, (u) => u.text.length, {
    items: SLACK_LIMITS.blocksPerMessage,
    size: SLACK_LIMITS.messageChars,
  });
  return messages.map((group) => ({
    text: preview(group.map((u) => u.text).join('\n'), SLACK_LIMITS.fallbackText),
    blocks: group.map((u) => u.block),
  }));
}
