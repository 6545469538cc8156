import { describe, expect, it } from 'vitest';
import { renameCommands, replyTexts, type Reply } from '../../src/core/reply.js';

describe('renameCommands', () => {
  const reply: Reply = {
    title: '/help',
    sections: [
      {
        blocks: [
          { type: 'text', text: 'Try /stories or (/summary). Not /storiesx, not a/b/summary, not /unknown.' },
          { type: 'fields', items: [{ name: '/brief', value: 'x' }] },
        ],
      },
    ],
    footer: 'Use /help summary',
  };

  it('renames whole command names only, everywhere the reply shows text', () => {
    const out = renameCommands(reply, ['help', 'stories', 'summary', 'brief'], (n) => `/bb-${n}`);
    expect(replyTexts(out)).toEqual([
      '/bb-help',
      'Try /bb-stories or (/bb-summary). Not /storiesx, not a/b/summary, not /unknown.',
      '/bb-brief',
      'x',
      'Use /bb-help summary',
    ]);
  });

  it('leaves the reply alone with no names', () => {
    expect(renameCommands(reply, [], (n) => n)).toBe(reply);
  });
});
