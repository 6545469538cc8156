// Interaction latency on the loopback Discord emulator with the product's real adapter and discord.js client:
// INTERACTION_CREATE sent → interaction callback received (the deadline Discord enforces), and → the reply
// itself (the callback with content, or the @original edit after a defer).
import { commands } from '../commands/index.js';
import type { AdapterContext } from '../src/adapters/adapter.js';
import { indexStore, lazyIndex, openQuestionCache } from '../src/app.js';
import type { Config } from '../src/config.js';
import { DiscordAdapter } from '../src/adapters/discord/index.js';
import { loadConfig } from '../src/config.js';
import { createBot } from '../src/core/bot.js';
import type { OptionSpec } from '../src/core/command.js';
import { Library } from '../src/library/library.js';
import { loadFolder } from '../src/library/load.js';
import { silentLogger } from '../src/log.js';
import { startDiscordEmulator } from '../testkit/emulators/discord/index.js';
import { writeScaledCorpus, type Article } from './corpus.js';
import { percentile, round } from './stats.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface InteractionResult {
  command: string;
  p50Ms: number;
  p99Ms: number;
  answerP50Ms: number;
  answerP99Ms: number;
}

const QUESTIONS = [
  'who is the president?',
  'what did the minister say?',
  'when was the election?',
  'how many people died?',
  'what is the weather on Mars?',
];

export async function benchInteraction(
  articles: Article[],
  docs: number,
  perCommand = 60,
): Promise<InteractionResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'briefbot-interaction-'));
  const emu = await startDiscordEmulator();
  let adapter: DiscordAdapter | null = null;
  try {
    writeScaledCorpus(articles, docs, join(root, 'seeds'));
    const cache = openQuestionCache(join(root, 'cache.db'));
    const { stories } = await loadFolder(join(root, 'seeds'), { maxBytes: 5 * 1024 * 1024 }, cache.derive);
    cache.close();
    const library = new Library(stories);
    const config = loadConfig({ DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.restUrl, LOG_LEVEL: 'silent' });
    const questions = lazyIndex(library, indexStore(cache));
    const bot = createBot({ library, questions, commands, botName: 'briefbot', now: () => new Date() }, silentLogger);
    const runtime: AdapterContext<Config> = { bot, library, log: silentLogger, config };
    const session = emu.sessionReady();
    adapter = new DiscordAdapter(runtime);
    await adapter.start();
    await session;

    const ids = library.briefings().map((b) => b.id);
    const results: InteractionResult[] = [];
    for (const command of commands) {
      if (command.name === 'digest') continue; // schedules write state; measured through its own tests
      const specs = command.options as Record<string, OptionSpec>;
      const callbacks: number[] = [];
      const answers: number[] = [];
      for (let i = 0; i < perCommand; i++) {
        const options: Record<string, string> = {};
        if ('story' in specs) options.story = ids[(i * 37) % ids.length]!;
        if ('question' in specs) options.question = QUESTIONS[i % QUESTIONS.length]!;
        const from = emu.calls.length;
        const { token } = emu.sendChatInput(command.name, options);
        const callback = await emu.waitForCall(
          (c) => c.route === 'POST /interactions/:id/:token/callback' && c.params.token === token,
          { from },
        );
        const record = emu.interactions.get(token)!;
        const deferred = (callback.body as { type?: number }).type === 5;
        const answer = deferred
          ? await emu.waitForCall(
              (c) => c.route === 'PATCH /webhooks/:app/:token/messages/@original' && c.params.token === token,
              { from },
            )
          : callback;
        callbacks.push(record.callbackAt! - record.dispatchedAt!);
        answers.push(answer.at - record.dispatchedAt!);
      }
      results.push({
        command: command.name,
        p50Ms: round(percentile(callbacks, 50)),
        p99Ms: round(percentile(callbacks, 99)),
        answerP50Ms: round(percentile(answers, 50)),
        answerP99Ms: round(percentile(answers, 99)),
      });
    }
    return results;
  } finally {
    await adapter?.stop();
    await emu.close();
    rmSync(root, { recursive: true, force: true });
  }
}
