import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply, renderedText, DISCORD_LIMITS } from '../../src/adapters/discord/render.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import { messageProblems } from '../../testkit/emulators/discord/limits.js';
import { briefing, HUGE, isSubsequence, sentence, words } from './fixtures.js';

const allText = (reply: Reply) => renderReply(reply).map(renderedText).join('\n');
const keepsEveryWord = (reply: Reply) => isSubsequence(words(replyTexts(reply).join('\n')), words(allText(reply)));

describe('renderReply', () => {
  it('renders a short reply as one embed: title, headed sections, fields and footer', () => {
    const [message, ...rest] = renderReply({
      title: 'Harbour budget',
      sections: [
        { heading: 'In brief', blocks: [{ type: 'text', text: 'The council agreed.' }] },
        {
          blocks: [
            { type: 'bullets', items: ['one', 'two'] },
            { type: 'quotes', items: [{ text: 'We agreed', speaker: 'Ana Ruiz', via: 'AP' }] },
          ],
        },
        { blocks: [{ type: 'fields', items: [{ name: 'Ana Ruiz', value: 'the mayor' }] }] },
      ],
      footer: 'Source: seeds/a.txt',
    });
    expect(rest).toEqual([]);
    expect(message!.embeds).toHaveLength(1);
    const [text] = message!.embeds;
    expect(text!.title).toBe('Harbour budget');
    expect(text!.description).toBe(
      '**In brief**\nThe council agreed.\n\n• one\n• two\n\n> “We agreed”\n> — *Ana Ruiz (via AP)*',
    );
    expect(text!.fields).toEqual([{ name: 'Ana Ruiz', value: 'the mayor' }]);
    expect(text!.footer).toEqual({ text: 'Source: seeds/a.txt' });
  });

  it('keeps every line of a quote inside the block quote, across line breaks and embeds', () => {
    const long = `${'The harbour plan was agreed after a long night of talks. '.repeat(110)}`.trim();
    const embeds = renderReply({
      sections: [
        {
          heading: 'Quotes',
          blocks: [
            {
              type: 'quotes',
              items: [
                { text: 'First line\nsecond line', speaker: 'Ana Ruiz' },
                { text: long, speaker: 'Ben Adu' },
              ],
            },
          ],
        },
      ],
    }).flatMap((m) => m.embeds);
    expect(embeds.length).toBeGreaterThan(1);
    const lines = embeds.flatMap((e) => e.description!.split('\n'));
    expect(lines.filter((l) => !l.startsWith('> '))).toEqual(['**Quotes**']);
    expect(lines.slice(0, 4)).toEqual(['**Quotes**', '> “First line', '> second line”', '> — *Ana Ruiz*']);
  });

  it('colours errors and notices differently from answers', () => {
    const colour = (kind: Reply['kind']) => renderReply({ title: 't', sections: [], kind })[0]!.embeds[0]!.color;
    expect(new Set([colour('ok'), colour('notice'), colour('error')]).size).toBe(3);
  });

  it('shows user text as typed: markdown escaped, mentions broken by a zero-width space', () => {
    const [message] = renderReply({
      sections: [
        {
          blocks: [
            {
              type: 'text',
              text: '**bold** _it_ @everyone @here <@123> <@!123> <@&456>\n# big\n> quote [x](http://e.com)',
            },
          ],
        },
      ],
    });
    const d = message!.embeds[0]!.description!;
    expect(d).toContain('\\*\\*bold\\*\\*');
    expect(d).toContain('@\u200beveryone');
    expect(d).toContain('@\u200bhere');
    expect(d).toContain('<@\u200b123>');
    expect(d).toContain('<@\u200b!123>');
    expect(d).toContain('<@\u200b&456>');
    expect(d).not.toMatch(/@everyone|<@\d|<@&\d/);
    expect(d).toContain('\\# big');
    expect(d).toContain('\\> quote');
  });

  it('keeps footers literal (Discord does not render markdown there) but still breaks mentions', () => {
    const [message] = renderReply({ sections: [], footer: 'a_b @everyone' });
    expect(message!.embeds[0]!.footer!.text).toBe('a_b @\u200beveryone');
  });

  it('moves an over-long title into the description instead of cutting it', () => {
    const title = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const [message] = renderReply({ title, sections: [] });
    const embed = message!.embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(words(`${embed.title} ${embed.description}`)).toEqual(words(title));
  });

  it('shows a field too long for a field as a paragraph, and a 26th field in a new embed', () => {
    const long = sentence(1, 400);
    const [message] = renderReply({
      sections: [
        {
          blocks: [
            {
              type: 'fields',
              items: [
                { name: 'Long', value: long },
                ...Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })),
              ],
            },
          ],
        },
      ],
    });
    expect(message!.embeds[0]!.description).toContain('**Long**');
    expect(message!.embeds.map((e) => e.fields?.length ?? 0)).toEqual([25, 1]);
  });

  it('splits the longest replies across embeds and messages, within every limit, losing no word', () => {
    const story = briefing('huge', 'Huge', HUGE);
    const reply: Reply = {
      title: story.title,
      sections: [
        { heading: 'Background', blocks: [{ type: 'bullets', items: story.background }] },
        {
          heading: 'Quotes',
          blocks: [{ type: 'quotes', items: story.quotes.map((q) => ({ text: q.text, speaker: q.speaker })) }],
        },
      ],
      footer: 'Source: huge',
    };
    const messages = renderReply(reply);
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) expect(messageProblems(m)).toEqual([]);
    expect(keepsEveryWord(reply)).toBe(true);
    expect(messages[0]!.embeds[0]!.title).toBe('Huge');
    expect(messages.at(-1)!.embeds.at(-1)!.footer?.text).toBe('Source: huge');
  });

  it('cuts a single word longer than a description only where it must, keeping every character', () => {
    const word = 'x'.repeat(DISCORD_LIMITS.description * 2 + 10);
    const messages = renderReply({ sections: [{ blocks: [{ type: 'text', text: word }] }] });
    const descriptions = messages.flatMap((m) => m.embeds.map((e) => e.description ?? ''));
    expect(descriptions.join('')).toBe(word);
    for (const m of messages) expect(messageProblems(m)).toEqual([]);
  });

  it('is never empty', () => {
    expect(messageProblems(renderReply({ sections: [] })[0])).toEqual([]);
  });

  it('stays within limits and keeps every word for any reply', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '\n', '*', '_', '@', '.', 'é', '`', '>', '#'),
      maxLength: 3000,
    });
    const block = fc.oneof(
      text.map((t) => ({ type: 'text' as const, text: t })),
      fc.array(text, { maxLength: 40 }).map((items) => ({ type: 'bullets' as const, items })),
      fc
        .array(fc.record({ name: text, value: text }), { maxLength: 40 })
        .map((items) => ({ type: 'fields' as const, items })),
      fc
        .array(fc.record({ text, speaker: fc.option(text, { nil: null }) }), { maxLength: 20 })
        .map((items) => ({ type: 'quotes' as const, items })),
    );
    const reply = fc.record({
      title: fc.option(text, { nil: undefined }),
      sections: fc.array(
        fc.record({ heading: fc.option(text, { nil: undefined }), blocks: fc.array(block, { maxLength: 4 }) }),
        { maxLength: 4 },
      ),
      footer: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(reply, (r) => {
        const clean = JSON.parse(JSON.stringify(r)) as Reply;
        for (const m of renderReply(clean)) expect(messageProblems(m)).toEqual([]);
        expect(keepsEveryWord(clean)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
