// PLACEHOLDER until the Discord adapter lands (issue 5): the contract app.ts and the CLI rely on.
import type { Runtime } from '../../app.js';
import type { CliIO } from '../../cli/main.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Adapter } from '../adapter.js';

export async function createDiscordAdapter(_runtime: Runtime): Promise<Adapter> {
  throw new Error('The Discord adapter is not built yet');
}

/** `npm run deploy-commands`: registers commands/ with Discord; returns the exit code. */
export async function deployCommands(_config: Config, _log: Logger, io: CliIO): Promise<number> {
  io.err('The Discord adapter is not built yet\n');
  return 1;
}
