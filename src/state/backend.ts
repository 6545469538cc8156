// Where state lives: the SQLite file (default) or Postgres when DATABASE_URL is set. Built once in app.ts and passed
// to every feature that keeps state; each feature's store picks its implementation by `kind` (see
// src/digest/open-store.ts), so a new store needs only its two implementations and a migration step per backend.
import { existsSync } from 'node:fs';
import type { Pool } from 'pg';
import type { Config } from '../config.js';
import { openDatabase, type Database } from './database.js';
import { advisoryLease, type Lease, type LeaseOptions } from './lease.js';
import { listen, type Listener, type NotifyOptions } from './notify.js';
import { openPool } from './postgres.js';

export interface SqliteBackend {
  readonly kind: 'sqlite';
  readonly path: string;
  /** Whether the file exists yet, so a read-only command on a fresh machine creates nothing. */
  exists(): boolean;
  /** The database, opened and migrated on first use. */
  db(): Database;
  /** Whether the state answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PostgresBackend {
  readonly kind: 'postgres';
  exists(): boolean;
  /** The pool, connected and migrated on first use. */
  pool(): Promise<Pool>;
  /** LISTENs on a channel over its own connection (see notify.ts), so the URL stays inside the backend. */
  listen(options: Omit<NotifyOptions, 'url'>): Listener;
  /** A session advisory lock held by at most one process at a time (see lease.ts). */
  lease(options: Omit<LeaseOptions, 'url'>): Lease;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type StateBackend = SqliteBackend | PostgresBackend;

export function openStateBackend(config: Pick<Config, 'DATABASE_PATH' | 'DATABASE_URL'>): StateBackend {
  return config.DATABASE_URL ? postgresBackend(config.DATABASE_URL) : sqliteBackend(config.DATABASE_PATH);
}

export function sqliteBackend(path: string): SqliteBackend {
  let db: Database | null = null;
  return {
    kind: 'sqlite',
    path,
    exists: () => db !== null || path === ':memory:' || existsSync(path),
    db: () => (db ??= openDatabase(path)),
    ping: async () => db === null || db.prepare('SELECT 1').get() !== undefined,
    close: async () => {
      db?.close();
      db = null;
    },
  };
}

export function postgresBackend(url: string, options: { max?: number } = {}): PostgresBackend {
  let pool: Promise<Pool> | null = null;
  return {
    kind: 'postgres',
    exists: () => true,
    pool: () => {
      pool ??= openPool(url, options).catch((error: unknown) => {
        pool = null; // the next use tries again (Postgres may be starting)
        throw error;
      });
      return pool;
    },
    listen: (options) => listen({ ...options, url }),
    lease: (options) => advisoryLease({ ...options, url }),
    async ping() {
      return (await (await this.pool()).query('SELECT 1 AS ok')).rows.length === 1;
    },
    close: async () => {
      const open = pool;
      pool = null;
      await (await open?.catch(() => null))?.end();
    },
  };
}
