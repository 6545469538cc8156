// Links read for a channel are limited per sliding hour (LINK_CHANNEL_RATE): past the allowance a link is refused
// with a clear message and not fetched; other channels, and stories named rather than linked, are unaffected.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createBot } from '../../src/core/bot.js';
import { callerOn } from '../../src/core/caller.js';
import { createChannelRate } from '../../src/core/channel-rate.js';
import { replyTexts } from '../../src/core/reply.js';
import type { LinkService } from '../../src/feeds/service.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { storyOf } from '../questions/helpers.js';

const ARTICLE = 'Harbour wall opens\n\nThe harbour wall opened on June 3, 2024, the council said.\n';

function setUp(perHour: number) {
  let now = 0;
  const library = new Library([storyOf(ARTICLE, 'harbour.txt')]);
  const fetched: string[] = [];
  const links: LinkService = {
    open: async (url) => {
      fetched.push(url);
      return { ok: true, story: library.stories()[0]!.briefing };
    },
  };
  const bot = createBot(
    {
      library,
      commands,
      botName: 'briefbot',
      now: () => new Date(),
      links,
      linkRate: createChannelRate(perHour, () => now),
    },
    silentLogger,
  );
  const inChannel = (channel: string) => callerOn('discord', { userId: 'u1', channel, isAdmin: false });
  return { bot, fetched, inChannel, later: (ms: number) => void (now += ms) };
}

describe('links per channel', () => {
  it('reads a channel allowance of links an hour, then refuses without fetching', async () => {
    const { bot, fetched, inChannel, later } = setUp(2);
    const here = inChannel('c1');
    for (const n of [1, 2]) {
      const reply = await bot.run('brief', { url: `https://news.example/${n}` }, here);
      expect(reply.kind).not.toBe('error');
    }
    const refused = await bot.run('summary', { url: 'https://news.example/3' }, here);
    expect(refused.kind).toBe('error');
    expect(replyTexts(refused).join(' ')).toMatch(/2 links read in the last hour/);
    expect(fetched).toEqual(['https://news.example/1', 'https://news.example/2']);
    // Another channel has its own allowance; a story named, not linked, is never counted.
    expect((await bot.run('brief', { url: 'https://news.example/4' }, inChannel('c2'))).kind).not.toBe('error');
    expect((await bot.run('brief', {}, here)).kind).not.toBe('error');
    // An hour after the first, one link is free again.
    later(60 * 60_000 + 1);
    expect((await bot.run('brief', { url: 'https://news.example/5' }, here)).kind).not.toBe('error');
    expect(fetched).toHaveLength(4);
  });

  it('0 turns the limit off', async () => {
    const { bot, fetched, inChannel } = setUp(0);
    for (let n = 0; n < 5; n++) await bot.run('brief', { url: `https://news.example/${n}` }, inChannel('c1'));
    expect(fetched).toHaveLength(5);
  });
});
