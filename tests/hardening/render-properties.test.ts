// Every command × every loaded story × random option values and hostile text, through the bot and both renderers:
// nothing throws, every payload fits its platform, no mass mention is live, and no word of the reply is lost.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { renderReply } from '../../src/adapters/discord/render.js';
import { renderMessages } from '../../src/adapters/slack/render-blocks.js';
import type { Caller } from '../../src/core/caller.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Reply } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { loadFolder } from '../../src/library/load.js';
import { silentLogger } from '../../src/log.js';
import { hostilePhrase, hostileStories, hostileText } from '../../testkit/hostile.js';
import { rawOptions } from './hostile-options.js';
import { discordProblems, discordTexts, slackProblems, slackTexts } from './payload-checks.js';
import { lazyIndex } from '../../src/app.js';

const RUNS = 40;
let bot: Bot;
let storyKeys: string[];

beforeAll(async () => {
  const seeds = await loadFolder('seeds', { maxBytes: 5 * 1024 * 1024 });
  const hostile = hostileStories(5, 20_240_601).map((briefing, i) => ({ briefing, addedAt: 100 + i }));
  const library = new Library([...seeds.stories, ...hostile]);
  expect(library.size).toBeGreaterThanOrEqual(6);
  storyKeys = library.briefings().flatMap((b) => [b.id, b.title]);
  bot = createBot(
    {
      library,
      questions: lazyIndex(library),
      commands,
      botName: 'briefbot',
      now: () => new Date('2024-06-05T08:00:00Z'),
    },
    silentLogger,
  );
});

const caller: fc.Arbitrary<Caller> = fc.record({
  platform: fc.constantFrom('discord' as const, 'slack' as const),
  userId: fc.constantFrom('200000000000000001', 'U0123ABCD'),
  channelId: fc.constantFrom('discord:400000000000000001', 'slack:C0123ABCD'),
  isAdmin: fc.boolean(),
});

/** Renders for both platforms and collects every broken rule; rendering must not throw either. */
function problems(reply: Reply): string[] {
  return [
    ...discordProblems(reply, renderReply(reply)).map((p) => `discord: ${p}`),
    ...slackProblems(reply, renderMessages(reply)).map((p) => `slack: ${p}`),
  ];
}

describe('every command with hostile options renders safely on Discord and Slack', () => {
  for (const command of commands) {
    it(`/${command.name}`, async () => {
      await fc.assert(
        fc.asyncProperty(rawOptions(command, storyKeys), caller, async (raw, who) => {
          const reply = await bot.run(command.name, raw, who);
          expect(problems(reply)).toEqual([]);
        }),
        { numRuns: RUNS, seed: 9 },
      );
    });
  }

  it('typed text, unknown command names and mentions', async () => {
    const name = fc.oneof(fc.constantFrom(...commands.map((c) => c.name)), hostilePhrase);
    await fc.assert(
      fc.asyncProperty(name, hostileText, caller, async (n, text, who) => {
        expect(problems(await bot.runText(n, text, who))).toEqual([]);
        expect(problems(await bot.mention(text, who))).toEqual([]);
      }),
      { numRuns: RUNS * 2, seed: 10 },
    );
  });

  it('every loaded story through every story command', async () => {
    for (const key of storyKeys) {
      for (const command of commands.filter((c) => 'story' in c.options)) {
        const raw = command.name === 'ask' ? { story: key, question: 'who said what?' } : { story: key };
        const reply = await bot.run(command.name, raw, {
          platform: 'discord',
          userId: '1',
          channelId: 'discord:1',
          isAdmin: false,
        });
        expect(reply.kind, `/${command.name} story:${key}`).not.toBe('error');
        expect(problems(reply), `/${command.name} story:${key}`).toEqual([]);
      }
    }
  });

  it('splits 10,000 characters of astral letters and emoji without breaking a surrogate pair', () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const unit of ['𝕳', 'a𝕳', '👨‍👩‍👧']) {
      const text = unit.repeat(Math.ceil(10_000 / unit.length));
      const reply: Reply = {
        title: text,
        sections: [
          {
            heading: text,
            blocks: [
              { type: 'text', text },
              { type: 'quotes', items: [{ text, speaker: text }] },
            ],
          },
        ],
        footer: text,
      };
      expect(problems(reply)).toEqual([]);
      const shown = [
        ...discordTexts(renderReply(reply)),
        ...renderMessages(reply).map((m) => m.text),
        ...slackTexts(renderMessages(reply)).map((t) => t.text),
      ];
      expect(shown.filter((s) => lone.test(s)).length, `pieces with half a pair, for ${unit}`).toBe(0);
    }
  });
});
