// The checks the property tests rely on must themselves catch each breach, or a passing property means nothing.
import { describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../src/adapters/discord/render.js';
import type { SlackMessage } from '../../src/adapters/slack/render-blocks.js';
import type { Reply } from '../../src/core/reply.js';
import { discordProblems, lostWords, slackProblems } from './payload-checks.js';

const reply = (text: string): Reply => ({ sections: [{ blocks: [{ type: 'text', text }] }] });
const discord = (description: string): RenderedMessage[] => [{ embeds: [{ description }] }];
const slack = (text: string, type: 'mrkdwn' | 'plain_text' = 'mrkdwn'): SlackMessage[] => [
  {
    text: 'fallback',
    blocks:
      type === 'mrkdwn' ? [{ type: 'section', text: { type, text } }] : [{ type: 'header', text: { type, text } }],
  },
];

describe('payload checks', () => {
  it('accept a faithful, escaped rendering', () => {
    expect(discordProblems(reply('ping @everyone now'), discord('ping @\u200beveryone now'))).toEqual([]);
    expect(slackProblems(reply('ping <!channel> now'), slack('ping &lt;!channel&gt; now'))).toEqual([]);
  });

  it('catch a live mass mention', () => {
    expect(discordProblems(reply('@here'), discord('@here'))).toEqual([expect.stringContaining('live mention @here')]);
    expect(discordProblems(reply('<@&123>'), discord('<@&123>'))).toEqual([
      expect.stringContaining('live mention <@&123>'),
    ]);
    expect(slackProblems(reply('<!here>'), slack('<!here>'))).toEqual([
      expect.stringContaining('live control sequence <!'),
    ]);
    expect(
      slackProblems(reply('x'), [
        { text: '<@U1> x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] },
      ]),
    ).toEqual([expect.stringContaining('fallback has a live control sequence')]);
  });

  it('catch a breached limit', () => {
    expect(discordProblems(reply('a'), discord(`a${' b'.repeat(2100)}`))).toEqual([
      expect.stringContaining('description is 4201 > 4096'),
    ]);
    expect(slackProblems(reply('a'), slack('a'.repeat(151), 'plain_text'))).toEqual([
      expect.stringContaining('header text is 151 > 150'),
    ]);
    expect(slackProblems(reply('a'), slack(`a${'b'.repeat(3000)}`))).toEqual([
      expect.stringContaining('section text is 3001 > 3000'),
    ]);
  });

  it('catch a lost or reordered word, but not a word split across pieces', () => {
    expect(lostWords(reply('one two three'), ['one three'])).toEqual([expect.stringContaining('"two"')]);
    expect(lostWords(reply('one two'), ['two one'])).toHaveLength(1);
    expect(lostWords(reply('supercalifragilistic'), ['supercali', 'fragilistic'])).toEqual([]);
    expect(lostWords(reply('Ünïcödé'), ['**ünïcödé**'])).toEqual([]);
  });
});
