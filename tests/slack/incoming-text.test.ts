import { describe, expect, it } from 'vitest';
import { commandName, slashCommand } from '../../src/adapters/slack/command-names.js';
import { slackToPlain, withoutBotMention } from '../../src/adapters/slack/incoming-text.js';

describe('command names', () => {
  it('joins a prefix with "-" and maps back', () => {
    expect(slashCommand('summary')).toBe('/summary');
    expect(slashCommand('summary', 'bb')).toBe('/bb-summary');
    expect(commandName('/bb-summary', 'bb')).toBe('summary');
    expect(commandName('/summary', 'bb')).toBe('summary');
    expect(commandName('/SUMMARY')).toBe('summary');
  });
});

describe('incoming text', () => {
  it('removes the bot mention wherever it is, and a leading one when the bot id is unknown', () => {
    expect(withoutBotMention('<@UBOT> who said it?', 'UBOT')).toBe('who said it?');
    expect(withoutBotMention('hey <@UBOT|briefbot>, who said it?', 'UBOT')).toBe('hey , who said it?');
    expect(withoutBotMention('<@UXYZ> who?')).toBe('who?');
    expect(withoutBotMention('ask <@UOTHER> later', 'UBOT')).toBe('ask <@UOTHER> later');
  });

  it('turns Slack markup into plain text', () => {
    expect(slackToPlain('ask <@U1|kim> in <#C1|news> about <https://x.example/a|this> or <https://y.example>')).toBe(
      'ask @kim in #news about this or https://y.example',
    );
    expect(slackToPlain('<!here> &lt;b&gt; &amp;amp;')).toBe('@here <b> &amp;');
    expect(slackToPlain('speaker:"Kim Jong-un"')).toBe('speaker:"Kim Jong-un"');
  });
});
