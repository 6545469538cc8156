// The runtime an adapter is started with in tests: a real bot over a given library, at a fixed clock. The one
// place that knows how an adapter is handed its bot, so the platform tests and the contract suite build it alike.
import type { AdapterContext } from '../../src/adapters/adapter.js';
import { lazyIndex } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { AnyCommand } from '../../src/core/command.js';
import { createBot } from '../../src/core/bot.js';
import type { Library } from '../../src/library/library.js';
import type { Logger } from '../../src/log.js';

export const TEST_NOW = () => new Date('2024-06-01T12:00:00Z');

export function testRuntime(
  config: Config,
  log: Logger,
  library: Library,
  commands: readonly AnyCommand[],
): AdapterContext<Config> {
  const bot = createBot({ library, questions: lazyIndex(library), commands, botName: 'briefbot', now: TEST_NOW }, log);
  return { bot, library, log, config };
}
