// The question shapes of the issue, on the seed article: who is, when, what did X say, why, how many.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { Library } from '../../src/library/library.js';
import { DECLINE } from '../../src/questions/answer-reply.js';
import { askData, botWith, seedStory } from './helpers.js';

let bot: Bot;
let storyId: string;
beforeAll(() => {
  const story = seedStory();
  storyId = story.briefing.id;
  bot = botWith(new Library([story]));
});

describe('/ask on the seed', () => {
  it('"who is X" answers with what the article says X is, citing the sentence', async () => {
    const { data } = await askData(bot, 'Who is Kim Jong-un?');
    expect(data.answer).toMatch(/^Kim Jong-un: .*dictator/);
    expect(data.sources).toHaveLength(1);
    expect(data.sources[0]!.story).toBe(storyId);
    expect(data.sources[0]!.sentence).toContain('dictator');
  });

  it('"who is X" finds X by an alias, in any case', async () => {
    const { data } = await askData(bot, 'who is kim');
    expect(data.answer).toContain('Kim Jong-un');
  });

  it('"when" gives the date first, then the sentence holding it', async () => {
    const { data } = await askData(bot, 'When did Trump set foot in North Korea?');
    expect(data.answer).toMatch(/^June 30, 2019 — /);
    expect(data.sources[0]!.sentence).toContain('set foot in North Korea on June 30, 2019');
  });

  it('"what did X say" returns X\'s quotes and the sentences they are in', async () => {
    const { reply, data } = await askData(bot, 'What did Kim say?');
    expect(data.answer).toMatch(/^Kim Jong-un said: “/);
    expect(data.answer).toContain('explored every possible avenue');
    const quotes = reply.sections[0]!.blocks[0]!;
    expect(quotes.type).toBe('quotes');
    if (quotes.type === 'quotes') expect(quotes.items.every((q) => q.speaker === 'Kim Jong-un')).toBe(true);
    expect(data.sources.length).toBeGreaterThan(0);
  });

  it('"why" picks the sentence carrying the reason', async () => {
    const { data } = await askData(bot, 'Why is North Korea less interested in sanctions relief?');
    expect(data.sources[0]!.sentence).toContain('which makes the North Koreans less in need of sanctions relief');
  });

  it('"how many" picks the sentence carrying the number', async () => {
    const { data } = await askData(bot, 'How many summits did Trump have with Kim?');
    expect(data.answer).toContain('pair of summits');
  });

  it.each([
    'Who won the 2022 World Cup?',
    'What is the weather in Paris tomorrow?',
    'Who is Angela Merkel?',
    'When did Kim visit Beijing?',
    'How many missiles did North Korea launch last year?',
    'What did Biden say about Kim?',
    'What did Kim say about the Olympics?',
  ])('declines a question the story does not answer: %s', async (question) => {
    const { reply, data } = await askData(bot, question);
    expect(data).toEqual({ answer: null, sources: [] });
    expect(reply.sections[0]!.blocks[0]).toEqual({ type: 'text', text: DECLINE });
    expect(DECLINE).toContain('/stories');
  });

  it('a mention is answered the same way as /ask', async () => {
    const viaMention = await bot.mention('who is Ri Il Kyu?', {
      platform: 'slack',
      userId: 'U1',
      channelId: 'slack:C1',
      isAdmin: false,
    });
    const viaAsk = await askData(bot, 'who is Ri Il Kyu?');
    expect(viaMention.data).toEqual(viaAsk.data);
    expect((viaMention.data as { answer: string }).answer).toContain('diplomat');
  });
});
