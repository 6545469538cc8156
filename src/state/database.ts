// Opens the bot's SQLite file: creates its folder, turns on WAL and a busy timeout, and brings the schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Database = BetterSqlite3.Database;

export interface OpenOptions {
  /** How long a writer waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

export function openDatabase(path: string, options: OpenOptions = {}): Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(path);
  } catch (error) {
    throw new DatabaseError(`Could not open the database ${path}: ${(error as Error).message}`);
  }
  // busy_timeout first, so even switching to WAL waits for a second process instead of failing at once.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Applies the steps this file has not had yet, each in its own transaction; returns the resulting version. */
export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): number {
  // BEGIN IMMEDIATE takes the write lock before reading the version, so two processes starting together
  // cannot both apply the same step.
  const step = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new DatabaseError(
        `The database is at schema version ${version}, newer than this build knows (${migrations.length}). Upgrade briefbot.`,
      );
    }
    if (version === migrations.length) return false;
    db.exec(migrations[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one step per transaction
  }
  return db.pragma('user_version', { simple: true }) as number;
}
