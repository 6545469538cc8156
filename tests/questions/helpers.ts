// A bot with /ask over a library built from texts, for the question tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ask } from '../../commands/ask.js';
import { stories } from '../../commands/stories.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Caller } from '../../src/core/caller.js';
import type { Reply } from '../../src/core/reply.js';
import { Library, type Story } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import type { AskData } from '../../src/questions/answer-reply.js';
import { lazyIndex } from '../../src/app.js';
import type { Services } from '../../commands/services.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SEED = 'seeds/000_bb36a7b359d2b11b.txt';
export const caller: Caller = { platform: 'console', userId: 'u1', channelId: 'console:local', isAdmin: false };

export function storyOf(text: string, source: string, addedAt = 0): Story {
  return { briefing: deriveBriefing({ text, source }), addedAt };
}

export function seedStory(): Story {
  return storyOf(readFileSync(resolve(ROOT, SEED), 'utf8'), SEED);
}

export function botWith(library: Library): Bot<Services> {
  return createBot(
    {
      library,
      questions: lazyIndex(library),
      commands: [ask, stories],
      botName: 'briefbot',
      now: () => new Date('2024-12-01T00:00:00Z'),
    },
    silentLogger,
  );
}

export async function askData(bot: Bot, question: string, story?: string): Promise<{ reply: Reply; data: AskData }> {
  const reply = await bot.run('ask', story ? { question, story } : { question }, caller);
  return { reply, data: reply.data as AskData };
}
