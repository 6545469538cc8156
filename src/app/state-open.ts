// Opening the state backend at start-up: a DATABASE_PATH that cannot be used, or a Postgres that cannot be
// reached, stops the bot with the key and the reason.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { scrub } from '../log.js';
import type { StateBackend } from '../state/backend.js';

/**
 * Opens and migrates the state backend, so a DATABASE_PATH that cannot be used (or a Postgres that cannot be
 * reached) stops the bot with the key and the reason, instead of a "Something went wrong" on the first
 * /digest subscribe. With `create: false` (a one-shot command) a SQLite file that is not there yet is not made:
 * only its folder is checked.
 */
export async function openState(
  runtime: { state: StateBackend; config: Pick<Config, 'secrets'> },
  options: { create?: boolean } = {},
): Promise<void> {
  const { state, config } = runtime;
  const create = options.create ?? true;
  if (state.kind === 'sqlite') {
    const problem = sqlitePathProblem(state.path);
    if (problem) throw new ConfigError('DATABASE_PATH', `(${state.path}) cannot be used: ${problem}`);
    if (!create && !state.exists()) return;
  } else if (!create) {
    return;
  }
  try {
    if (state.kind === 'sqlite') state.db();
    else await state.pool();
  } catch (error) {
    const reason = scrub(
      (error as Error).message.replace(/^Could not open the (Postgres )?database( \S+)?: /, '').replace(/\.$/, ''),
      config.secrets,
    );
    if (state.kind === 'sqlite')
      throw new ConfigError(
        'DATABASE_PATH',
        `(${state.path}) could not be opened: ${reason}. Point it at a file in a folder the bot can write`,
      );
    // Postgres may only be starting: not a configuration mistake for certain, so exit 1, not 2.
    throw new Error(`DATABASE_URL: could not connect to Postgres and migrate it: ${reason}`, { cause: error });
  }
}

/** What is wrong with a SQLite path before opening it: a folder where the file should be, or a file where a folder should be. */
function sqlitePathProblem(path: string): string | null {
  if (path === ':memory:') return null;
  const full = resolve(path);
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'folder' : 'file';
    } catch {
      return null;
    }
  };
  if (kind(full) === 'folder') return `it is a folder; name a file in it, e.g. ${join(path, 'briefbot.db')}`;
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    const found = kind(dir);
    if (found === 'file') return `${dir} is a file, not a folder`;
    if (found === 'folder' || dirname(dir) === dir) return null;
  }
}
