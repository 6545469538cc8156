// What every rendered payload must satisfy, whatever text went in: the platform's limits, no live mass mention,
// and every word of the reply still there, in order.
import { messageProblems } from '../../testkit/emulators/discord/limits.js';
import type { RenderedMessage } from '../../src/adapters/discord/render.js';
import type { SlackMessage } from '../../src/adapters/slack/render-blocks.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';

const alnum = (s: string) =>
  s
    .replace(/\u200b/g, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The problems with "never lose the reply's text": each word of the reply (letters and digits, lower-cased) must be
 * found, in order, in the rendered letters and digits run together. Running them together tolerates a renderer
 * splitting one 10,000-character word across embeds; escapes, zero-width spaces and look-alikes are ignored.
 */
export function lostWords(reply: Reply, rendered: string[]): string[] {
  const stream = rendered.flatMap(alnum).join('');
  let at = 0;
  for (const word of replyTexts(reply).flatMap(alnum)) {
    const found = stream.indexOf(word, at);
    if (found === -1) return [`"${word.slice(0, 40)}" (after rendered offset ${at}) is missing`];
    at = found + word.length;
  }
  return [];
}

// Discord pings on these when allowed_mentions permits; the text must not rely on that fence alone.
const DISCORD_LIVE = [/@(everyone|here)/i, /<@[!&]?\d+>/];

export function discordTexts(messages: RenderedMessage[]): string[] {
  return messages.flatMap((m) =>
    m.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
      e.author?.name ?? '',
    ]),
  );
}

export function discordProblems(reply: Reply, messages: RenderedMessage[]): string[] {
  const problems = messages.flatMap((m, i) => messageProblems(m).map((p) => `message ${i}: ${p}`));
  for (const text of discordTexts(messages)) {
    for (const live of DISCORD_LIVE)
      if (live.test(text))
        problems.push(`live mention ${text.match(live)![0]} in ${JSON.stringify(text.slice(0, 80))}`);
  }
  return [...problems, ...lostWords(reply, discordTexts(messages))];
}

interface SlackText {
  type: string;
  text: string;
  where: 'header' | 'section' | 'field' | 'context' | 'fallback';
}

export function slackTexts(messages: SlackMessage[]): SlackText[] {
  const out: SlackText[] = [];
  for (const m of messages) {
    for (const b of m.blocks) {
      if (b.type === 'header') out.push({ type: b.text.type, text: b.text.text, where: 'header' });
      if (b.type === 'section') {
        if (b.text) out.push({ type: b.text.type, text: b.text.text, where: 'section' });
        for (const f of b.fields ?? []) out.push({ type: f.type, text: f.text, where: 'field' });
      }
      if (b.type === 'context')
        for (const e of b.elements) if ('text' in e) out.push({ type: e.type, text: e.text, where: 'context' });
    }
  }
  return out;
}

const SLACK_MAX = { header: 150, section: 3000, field: 2000, context: 3000, fallback: 40_000 } as const;
// In mrkdwn (and the top-level fallback `text`, which Slack also parses) any `<…>` is a control sequence.
const SLACK_LIVE = /<[!@#]|<https?:|<mailto:/i;

export function slackProblems(reply: Reply, messages: SlackMessage[]): string[] {
  const problems: string[] = [];
  messages.forEach((m, i) => {
    if (m.blocks.length === 0 || m.blocks.length > 50) problems.push(`message ${i} has ${m.blocks.length} blocks`);
    if (!m.text) problems.push(`message ${i} has no fallback text`);
    if (SLACK_LIVE.test(m.text))
      problems.push(`message ${i} fallback has a live control sequence: ${m.text.match(SLACK_LIVE)![0]}`);
    for (const b of m.blocks) {
      if (b.type === 'section' && (b.fields?.length ?? 0) > 10)
        problems.push(`message ${i}: ${b.fields!.length} fields in a section`);
      if (b.type === 'context' && b.elements.length > 10)
        problems.push(`message ${i}: ${b.elements.length} context elements`);
    }
  });
  for (const t of slackTexts(messages)) {
    if (t.text.length === 0) problems.push(`empty ${t.where} text`);
    if (t.text.length > SLACK_MAX[t.where])
      problems.push(`${t.where} text is ${t.text.length} > ${SLACK_MAX[t.where]}`);
    if (t.where === 'header' && t.type !== 'plain_text') problems.push('header is not plain_text');
    if (t.type === 'mrkdwn' && SLACK_LIVE.test(t.text))
      problems.push(`live control sequence ${t.text.match(SLACK_LIVE)![0]} in ${t.where}`);
  }
  return [
    ...problems,
    ...lostWords(
      reply,
      slackTexts(messages).map((t) => t.text),
    ),
  ];
}
