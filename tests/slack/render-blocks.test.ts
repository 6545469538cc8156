import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessages, SLACK_LIMITS, type SlackMessage } from '../../src/adapters/slack/render-blocks.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';

/** Every text object in every block, in order. */
function texts(messages: SlackMessage[]): Array<{ type: string; text: string; where: string }> {
  const out: Array<{ type: string; text: string; where: string }> = [];
  for (const m of messages) {
    for (const b of m.blocks) {
      if (b.type === 'header') out.push({ ...b.text, where: 'header' });
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

const alnum = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** True when every letter and digit of every reply string appears in the rendered messages, in order. */
function losesNothing(reply: Reply, messages: SlackMessage[]): boolean {
  const rendered = alnum(
    texts(messages)
      .map((t) => t.text)
      .join(' '),
  );
  let at = 0;
  for (const source of replyTexts(reply).map(alnum)) {
    for (const ch of source) {
      at = rendered.indexOf(ch, at);
      if (at === -1) return false;
      at += ch.length;
    }
  }
  return true;
}

function withinLimits(messages: SlackMessage[]): void {
  for (const m of messages) {
    expect(m.blocks.length).toBeGreaterThan(0);
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const b of m.blocks) {
      if (b.type === 'section' && b.fields) expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
      if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    }
  }
  for (const t of texts(messages)) {
    expect(t.text.length).toBeGreaterThan(0);
    const max =
      t.where === 'header'
        ? SLACK_LIMITS.headerText
        : t.where === 'field'
          ? SLACK_LIMITS.fieldText
          : SLACK_LIMITS.sectionText;
    expect(t.text.length).toBeLessThanOrEqual(max);
    if (t.where === 'header') expect(t.type).toBe('plain_text');
  }
}

describe('renderMessages', () => {
  it('renders a title as a header, a heading in bold, bullets, quotes, fields and a footer', () => {
    const reply: Reply = {
      title: 'Kim meets Moon',
      sections: [
        { blocks: [{ type: 'text', text: 'The news in brief.' }] },
        {
          heading: 'Key points',
          blocks: [
            { type: 'bullets', items: ['one', 'two'] },
            { type: 'bullets', ordered: true, items: ['first'] },
          ],
        },
        {
          blocks: [
            {
              type: 'quotes',
              items: [
                { text: 'We will talk', speaker: 'Kim', via: 'KCNA' },
                { text: 'Maybe', speaker: null },
              ],
            },
          ],
        },
        { blocks: [{ type: 'fields', items: [{ name: 'Who', value: 'Kim Jong-un' }] }] },
      ],
      footer: 'Source: a.txt\nstory abc',
    };
    const [message, ...rest] = renderMessages(reply);
    expect(rest).toEqual([]);
    expect(message!.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Kim meets Moon', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'The news in brief.', verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Key points*', verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '• one\n• two', verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '1. first', verbatim: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '> “We will talk”\n— Kim (via KCNA)\n> “Maybe”\n— unattributed', verbatim: true },
      },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Who*\nKim Jong-un', verbatim: true }] },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Source: a.txt', verbatim: true },
          { type: 'mrkdwn', text: 'story abc', verbatim: true },
        ],
      },
    ]);
    expect(message!.text.startsWith('Kim meets Moon\nThe news in brief.')).toBe(true);
  });

  it('marks errors and notices in the header', () => {
    expect(renderMessages({ title: 'Sorry', sections: [], kind: 'error' })[0]!.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':warning: Sorry', emoji: true },
    });
  });

  it('keeps a title longer than a header can hold, as bold text', () => {
    const title = `${'headline '.repeat(30)}end`;
    const [message] = renderMessages({ title, sections: [] });
    expect(message!.blocks[0]!.type).toBe('section');
    expect(texts([message!])[0]!.text).toBe(`*${title}*`);
  });

  it('splits text longer than a section at word boundaries, never mid-word', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}`);
    const reply: Reply = { sections: [{ blocks: [{ type: 'text', text: words.join(' ') }] }] };
    const messages = renderMessages(reply);
    const sections = texts(messages);
    expect(sections.length).toBeGreaterThan(2);
    withinLimits(messages);
    expect(sections.flatMap((s) => s.text.split(' '))).toEqual(words);
  });

  it('continues in further messages past 50 blocks, in order', () => {
    const reply: Reply = {
      title: 'Many',
      sections: Array.from({ length: 120 }, (_, i) => ({
        blocks: [{ type: 'text' as const, text: `paragraph ${i}` }],
      })),
    };
    const messages = renderMessages(reply);
    expect(messages.length).toBe(3);
    withinLimits(messages);
    expect(texts(messages).map((t) => t.text)).toEqual([
      'Many',
      ...Array.from({ length: 120 }, (_, i) => `paragraph ${i}`),
    ]);
  });

  it('keeps at most ten fields per section and ten elements per context block', () => {
    const reply: Reply = {
      sections: [
        {
          blocks: [
            { type: 'fields', items: Array.from({ length: 23 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })) },
          ],
        },
      ],
      footer: Array.from({ length: 14 }, (_, i) => `line ${i}`).join('\n'),
    };
    const messages = renderMessages(reply);
    withinLimits(messages);
    const blocks = messages[0]!.blocks;
    expect(
      blocks.filter((b) => b.type === 'section').map((b) => (b.type === 'section' ? b.fields?.length : 0)),
    ).toEqual([10, 10, 3]);
    expect(
      blocks.filter((b) => b.type === 'context').map((b) => (b.type === 'context' ? b.elements.length : 0)),
    ).toEqual([10, 4]);
  });

  it('renders a field too long for a field as text, losing nothing', () => {
    const reply: Reply = {
      sections: [
        {
          blocks: [
            {
              type: 'fields',
              items: [
                { name: 'Long', value: 'x '.repeat(1500) },
                { name: 'Short', value: 'y' },
              ],
            },
          ],
        },
      ],
    };
    const messages = renderMessages(reply);
    withinLimits(messages);
    expect(losesNothing(reply, messages)).toBe(true);
  });

  it('never lets user text ping, link or mention, in blocks or fallback', () => {
    const evil = '<!channel> <!here> <@U123> <#C1|general> <https://evil.example|bank> <!subteam^S1> a & b > c';
    const reply: Reply = {
      title: evil,
      sections: [
        {
          heading: evil,
          blocks: [
            { type: 'text', text: evil },
            { type: 'bullets', items: [evil] },
            { type: 'quotes', items: [{ text: evil, speaker: evil }] },
            { type: 'fields', items: [{ name: evil, value: evil }] },
          ],
        },
      ],
      footer: evil,
    };
    const messages = renderMessages(reply);
    for (const t of texts(messages).filter((x) => x.type === 'mrkdwn')) expect(t.text).not.toMatch(/</);
    for (const m of messages) expect(m.text).not.toMatch(/</);
    expect(JSON.stringify(messages)).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;');
    expect(JSON.stringify(messages)).toContain('a &amp; b &gt; c');
  });

  it('neutralises formatting marks in user text where they would format, and keeps them inside words', () => {
    const [message] = renderMessages({
      sections: [{ blocks: [{ type: 'text', text: '*bold* _italic_ ~strike~ `code` snake_case 2*3' }] }],
    });
    const text = texts([message!])[0]!.text;
    expect(text).not.toMatch(/\*bold\*|_italic_|~strike~|`code`/);
    expect(text).toBe('\u2217bold\u2217 \u02cditalic\u02cd \u223cstrike\u223c \u02cbcode\u02cb snake_case 2*3');
  });

  it('keeps a heading bold even when it contains marks', () => {
    const [message] = renderMessages({ sections: [{ heading: 'Who *really* won', blocks: [] }] });
    expect(texts([message!])[0]!.text).toMatch(/^\*Who \u2217really\u2217 won\*$/);
  });

  it('stops a line of user text from becoming a block quote', () => {
    const [message] = renderMessages({ sections: [{ blocks: [{ type: 'text', text: '> not a quote\nsecond' }] }] });
    expect(texts([message!])[0]!.text).toBe('\u00ad&gt; not a quote\nsecond');
  });

  it('renders an empty reply as a valid message', () => {
    withinLimits(renderMessages({ sections: [] }));
  });

  it('keeps every character within every limit for any reply (property)', () => {
    const word = fc.stringMatching(/^[^\s]{1,24}$/);
    const text = fc.array(word, { minLength: 1, maxLength: 400 }).map((w) => w.join(' '));
    const block = fc.oneof(
      text.map((t) => ({ type: 'text' as const, text: t })),
      fc.array(text, { minLength: 1, maxLength: 30 }).map((items) => ({ type: 'bullets' as const, items })),
      fc
        .array(fc.record({ text, speaker: fc.option(text, { nil: null }) }), { minLength: 1, maxLength: 8 })
        .map((items) => ({ type: 'quotes' as const, items })),
      fc
        .array(fc.record({ name: text, value: text }), { minLength: 1, maxLength: 14 })
        .map((items) => ({ type: 'fields' as const, items })),
    );
    const reply = fc.record({
      title: fc.option(text, { nil: undefined }),
      sections: fc.array(
        fc.record({ heading: fc.option(text, { nil: undefined }), blocks: fc.array(block, { maxLength: 6 }) }),
        { maxLength: 8 },
      ),
      footer: fc.option(text, { nil: undefined }),
      kind: fc.constantFrom('ok' as const, 'error' as const, undefined),
    });
    fc.assert(
      fc.property(reply, (r) => {
        const messages = renderMessages(r);
        withinLimits(messages);
        expect(losesNothing(r, messages)).toBe(true);
        for (const t of texts(messages).filter((x) => x.type === 'mrkdwn')) expect(t.text).not.toMatch(/</);
      }),
      { numRuns: 60 },
    );
  });
});
