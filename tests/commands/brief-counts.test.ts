// /brief's "More" line counts what the other commands show, with the plural right.
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { replyTexts } from '../../src/core/reply.js';
import { commands } from '../../commands/index.js';
import { createBot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import { caller, storyOf } from '../questions/helpers.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoryBook } from '../../src/stories/story-book.js';
import type { Reply } from '../../src/core/reply.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');
const items = (reply: Reply, type: 'quotes' | 'bullets') =>
  reply.sections.flatMap((s) => s.blocks).reduce((n, b) => n + (b.type === type ? b.items.length : 0), 0);

const botWith = (library: Library) =>
  createBot({ library, commands, botName: 'briefbot', now: () => new Date() }, silentLogger);

const ARTICLE = `Harbour wall opens

The harbour wall opened on June 3, 2024, after work that began on May 1, 2022 and paused in 2023.

The council first proposed it in 2019.
`;

describe('/brief counts', () => {
  it('gives the number of lines /timeline shows, not the number of date phrases', async () => {
    const bot = botWith(new Library([storyOf(ARTICLE, 'harbour.txt')]));
    const brief = replyTexts(await bot.run('brief', {}, caller)).join('\n');
    const timeline = await bot.run('timeline', {}, caller);
    const lines = (timeline.sections[0]!.blocks[0] as { items: string[] }).items.length;
    expect(lines).toBe(2);
    expect(brief).toContain('/timeline (2 events)');
  });
  it('says "1 event", not "1 dates"', async () => {
    const bot = botWith(
      new Library([
        storyOf('Harbour wall opens\n\nThe harbour wall opened on June 3, 2024, the council said.\n', 'one.txt'),
      ]),
    );
    expect(replyTexts(await bot.run('brief', {}, caller)).join('\n')).toContain('/timeline (1 event)');
  });
  it('counts, for a story of several articles, what /quotes, /timeline and /background show for it', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.startsWith('peru-quake-'));
    const library = new Library(files.map((f, i) => storyOf(readFileSync(join(FIXTURES, f), 'utf8'), f, i)));
    const book = new StoryBook(library);
    expect(book.list()).toHaveLength(1);
    const bot = createBot(
      { library, stories: () => book, commands, botName: 'briefbot', now: () => new Date() },
      silentLogger,
    );
    const more = replyTexts(await bot.run('brief', {}, caller)).find((t) => t.startsWith('/summary for more'))!;
    const count = (name: string) =>
      /\((\d+)/.exec(more.split(' · ').find((p) => p.startsWith(`/${name} (`)) ?? '')?.[1];
    const shown = {
      quotes: items(await bot.run('quotes', {}, caller), 'quotes'),
      timeline: items(await bot.run('timeline', {}, caller), 'bullets'),
      background: (await bot.run('background', {}, caller)).sections[0]!.blocks.flatMap((b) =>
        b.type === 'bullets' ? b.items : [],
      ).length,
    };
    for (const [name, n] of Object.entries(shown)) expect(count(name), `/${name}`).toBe(n ? String(n) : undefined);
  });
});
