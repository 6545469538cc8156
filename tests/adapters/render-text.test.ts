import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';

describe('console rendering', () => {
  const reply: Reply = {
    title: 'Title',
    sections: [
      { heading: 'Points', blocks: [{ type: 'bullets', items: ['one', 'two'] }] },
      {
        blocks: [
          {
            type: 'quotes',
            items: [
              { text: 'We will', speaker: 'Ana Ruiz', via: 'AP' },
              { text: 'Maybe', speaker: null },
            ],
          },
        ],
      },
      { blocks: [{ type: 'fields', items: [{ name: 'id', value: 'abc' }] }] },
    ],
    footer: 'Source: a.txt',
  };

  it('shows every text of the reply, with attribution', () => {
    const text = renderText(reply);
    for (const piece of replyTexts(reply)) expect(text).toContain(piece);
    expect(text).toContain('“We will” — Ana Ruiz (via AP)');
    expect(text).toContain('“Maybe” — unattributed');
  });

  it('strips terminal control sequences from user-supplied text', () => {
    const text = renderText({ sections: [{ blocks: [{ type: 'text', text: 'a\x1b[2Jb\x07c\u202ed' }] }] });
    expect(text).toBe('abcd');
  });
});
