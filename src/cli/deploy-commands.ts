// `npm run deploy-commands`: registers the commands/ registry with Discord. The CLI's side (messages, exit codes);
// the Discord adapter does the talking to Discord, and discord.js loads only when this runs.
import { commands } from '../../commands/index.js';
import { summariseError } from '../adapters/discord/errors.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/** Registers the commands; returns the exit code. */
/** Where the command's lines go: the CLI's own output pair (kept structural so this file does not import main.ts). */
export interface DeployIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function deployCommands(config: Config, log: Logger, io: DeployIO): Promise<number> {
  const token = config.DISCORD_TOKEN;
  if (!token) {
    io.err('DISCORD_TOKEN is not set: it is needed to register slash commands.\n');
    return 2;
  }
  const { registerCommands } = await import('../adapters/discord/index.js');
  try {
    io.out(`${await registerCommands({ ...config, DISCORD_TOKEN: token }, commands)}\n`);
    return 0;
  } catch (error) {
    const summary = summariseError(error);
    log.error({ err: summary }, 'deploying slash commands failed');
    io.err(`Could not register slash commands: ${summary.message}\n`);
    return 1;
  }
}
