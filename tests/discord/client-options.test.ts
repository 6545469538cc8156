// The Discord client is built with options that keep a busy bot's memory bounded and its pings off.
import { describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import type { AdapterContext } from '../../src/adapters/adapter.js';
import { lazyIndex } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';

describe('Discord client options', () => {
  const config = loadConfig({ DISCORD_TOKEN: 'MTAw.options.token', DISCORD_API_URL: 'http://127.0.0.1:9/api/' });
  const library = new Library();
  const runtime: AdapterContext<Config> = {
    bot: createBot(
      { library, questions: lazyIndex(library), commands: [], botName: 'briefbot', now: () => new Date() },
      silentLogger,
    ),
    library,
    log: silentLogger,
    config,
  };
  const adapter = new DiscordAdapter(runtime);

  it('sweeps idle per-interaction REST handlers every minute, not hourly', () => {
    expect(adapter.client.options.rest?.handlerSweepInterval).toBe(60_000);
  });

  it('points REST at DISCORD_API_URL without a trailing slash and parses no mentions', () => {
    expect(adapter.client.options.rest?.api).toBe('http://127.0.0.1:9/api');
    expect(adapter.client.options.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });
});
