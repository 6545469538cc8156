// Reading the seeds folder into a Library at start-up, saying what was skipped and why, and what a missing
// folder means: an error when it was named, one warning when it is the default.
import { statSync } from 'node:fs';
import { deriveBriefing } from '../briefing/derive.js';
import { ConfigError, type Config } from '../config.js';
import { Library } from '../library/library.js';
import { loadFolder, SEED_EXTENSIONS, type KnownFiles } from '../library/load.js';
import type { Logger } from '../log.js';

/** Loads the seeds folder into a Library, logging one line per skipped file. */
export async function loadLibrary(
  seedsDir: string,
  config: Config,
  log: Logger,
  derive = deriveBriefing,
  files?: KnownFiles,
): Promise<Library> {
  const { stories, skipped, charsets, ignored, unread } = await loadFolder(
    seedsDir,
    { maxBytes: config.MAX_SEED_BYTES },
    derive,
    files,
  );
  for (const c of charsets) log.info({ file: c.file, charset: c.charset }, `read ${c.file} as ${c.charset}, not UTF-8`);
  for (const s of skipped) log.warn({ file: s.file, reason: s.reason }, `skipped ${s.file}: ${s.reason}`);
  for (const u of unread)
    log.warn({ file: u.file, keys: u.keys }, `${u.file}: could not use front matter ${u.keys.join(', ')}`);
  if (ignored.length) {
    const names =
      ignored.length > 10 ? `${ignored.slice(0, 10).join(', ')} and ${ignored.length - 10} more` : ignored.join(', ');
    log.info(
      { files: ignored.slice(0, 100), count: ignored.length },
      `ignored ${names}: only ${[...SEED_EXTENSIONS].join(', ')} files are read`,
    );
  }
  log.info(
    { stories: stories.length, skipped: skipped.length, dir: seedsDir },
    `loaded ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} from ${seedsDir}`,
  );
  return new Library(stories);
}

/**
 * A seeds folder that is not there: an error when it was named (SEEDS_DIR or --seeds), since the bot would run
 * with nothing to brief; one warning when it is the default, so a first run without seeds still starts.
 * Returns whether the folder exists.
 */
export function checkSeedsFolder(seedsDir: string, named: boolean, flag: boolean, log: Logger): boolean {
  let kind: 'missing' | 'file' | 'ok';
  try {
    kind = statSync(seedsDir).isDirectory() ? 'ok' : 'file';
  } catch {
    kind = 'missing';
  }
  if (kind === 'ok') return true;
  const what = kind === 'file' ? 'is a file, not a folder' : 'does not exist';
  if (named)
    throw new ConfigError(
      flag ? '--seeds' : 'SEEDS_DIR',
      `names ${seedsDir}, which ${what}; create it and put .txt, .md or .html articles in it, or name another folder`,
    );
  log.warn(
    { dir: seedsDir },
    `no seeds folder at ${seedsDir} (the default), so there are no stories yet; create it or set SEEDS_DIR (or --seeds DIR)`,
  );
  return false;
}
