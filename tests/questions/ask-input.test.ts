// Bad input: empty and wordless questions get a usage hint, long ones are cut with a notice, and hostile text
// (mass mentions, role mentions, markdown) never comes back in the reply.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { replyTexts } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { askData, botWith, caller, seedStory } from './helpers.js';

const bot = botWith(new Library([seedStory()]));

describe('/ask bad input', () => {
  it.each(['', '   '])('an empty question (%j) gets a usage hint', async (question) => {
    const reply = await bot.run('ask', { question }, caller);
    expect(reply.kind).toBe('error');
    expect(replyTexts(reply).join('\n')).toContain('Usage: /ask question:');
  });

  it.each(['???', 'who is', 'how many?'])(
    'a question without content words (%j) gets a usage hint',
    async (question) => {
      const reply = await bot.run('ask', { question }, caller);
      expect(reply.kind).toBe('error');
      expect(replyTexts(reply).join('\n')).toContain('Usage: /ask');
    },
  );

  it('typed text with no question gets the hint too', async () => {
    const reply = await bot.runText('ask', '', caller);
    expect(replyTexts(reply).join('\n')).toContain('Usage: /ask');
  });

  it('a question over 2,000 characters is cut, with a notice, and still answered', async () => {
    const question = `Who is Kim Jong-un?${' '.repeat(2500)}and the rest is cut off`;
    const reply = await bot.run('ask', { question }, caller);
    expect(replyTexts(reply)).toContain(
      'Your question was longer than 2000 characters, so only the first 2000 were used.',
    );
    expect((reply.data as { answer: string | null }).answer).toContain('dictator');
  });

  it.each([
    ['@everyone who is Kim Jong-un?', /^Kim Jong-un: /],
    ['<!channel> <!here> what did Kim say?', /^Kim Jong-un said: /],
    ['<@&123456789> **who** is `Kim`? [click](https://evil.example) @here', /^Kim Jong-un: /],
    ['@everyone who won the world cup?', null],
  ])(
    'a hostile question is read for its words and never echoes its mentions or markup: %s',
    async (question, answer) => {
      const { reply, data } = await askData(bot, question);
      if (answer) expect(data.answer).toMatch(answer);
      else expect(data.answer).toBeNull();
      const everything = [...replyTexts(reply), renderText(reply), JSON.stringify(data)].join('\n');
      for (const bad of ['@everyone', '@here', '<!channel>', '<!here>', '<@&', '**who**', '`Kim`', 'evil.example']) {
        expect(everything).not.toContain(bad);
      }
    },
  );

  it('words shaped like options stay part of a typed question', async () => {
    const reply = await bot.runText('ask', 'when did Trump set foot in North Korea? note:this', caller);
    expect((reply.data as { answer: string }).answer).toContain('June 30, 2019');
  });
});
