import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { cliSyntax } from '../../src/cli/cli-syntax.js';

describe('cliSyntax', () => {
  const { text, reply } = cliSyntax(commands);

  it('writes declared commands and options as the command line takes them', () => {
    expect(text('No story matches "x". Use /stories to see what is loaded.')).toBe(
      'No story matches "x". Use briefbot stories to see what is loaded.',
    );
    expect(text('/summary [length:short|medium|long] [story:<text>]')).toBe(
      'briefbot summary [--length short|medium|long] [--story <text>]',
    );
    expect(text('/quotes speaker:"Kim Jong-un"')).toBe('briefbot quotes --speaker "Kim Jong-un"');
    expect(text('/feed check url:https://example.com/feed.xml')).toBe(
      'briefbot feed check --url https://example.com/feed.xml',
    );
  });

  it('leaves prose, links and undeclared names alone', () => {
    for (const prose of [
      'Note: the story: so far',
      'https://example.com/a',
      'a/b/summary and /storiesx',
      'colour:red at 10:30',
    ])
      expect(text(prose)).toBe(prose);
  });

  it('rewrites every string of a reply', () => {
    const out = reply({
      title: '/summary',
      sections: [{ blocks: [{ type: 'text', text: 'Try /summary length:long' }] }],
      footer: 'Use /help <command>',
    });
    expect(out).toMatchObject({
      title: 'briefbot summary',
      sections: [{ blocks: [{ text: 'Try briefbot summary --length long' }] }],
      footer: 'Use briefbot help <command>',
    });
  });
});

describe('chat advice on the command line', () => {
  it('leaves a command after "the bot\'s" as written, since it says what to type in a channel', () => {
    const syntax = cliSyntax(commands);
    expect(syntax.text("Use the bot's /digest now in that channel, or /stories here.")).toBe(
      "Use the bot's /digest now in that channel, or briefbot stories here.",
    );
  });
});
